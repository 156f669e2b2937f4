package dev.hotline.core.analysis;

import dev.hotline.core.model.CallEdge;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds many profiles up into one: the call trees are summed (nodes with the same path of frames become one),
 * and the line and method tables are computed again from the summed samples, so they agree with the tree
 * exactly as in a recorded profile.
 *
 * <p>Profiles are added one at a time and may be dropped right after {@link #add}: the merge keeps only the
 * merged call tree and one accumulated sample per thread and stack, so its memory grows with the number of
 * distinct stacks, not with the number of profiles or samples. Threads are taken by pool: the number that
 * ends a thread's name is replaced by {@code *} ({@code http-nio-8080-exec-17} is one of
 * {@code http-nio-8080-exec-*}), since which pool thread served a request is chance. The samples of one pool
 * with one stack add up to one sample, which keeps the earliest offset from its own request's start, so
 * samples stay in time order per thread. Profiles saved without samples are replayed from their call tree's
 * self times. Exact tracing figures add up: per line hits and time (the slowest hit is the slowest of all), per
 * method calls, tottime and cumtime, per caller and callee calls and time.
 *
 * <p>The merged request: method and path of the inputs when they all agree, {@code *} otherwise; status 0;
 * the earliest start; the sum of the durations. The engine is the inputs' common engine or {@code mixed}, the
 * interval the smallest one. A note says how many profiles were merged and over which time span. The result
 * depends only on the profiles and the order they were added in. Not thread-safe.
 *
 * @since 0.1
 */
public final class ProfileMerge {
    /** Engine name of a merge of profiles recorded by different engines. @since 0.1 */
    public static final String MIXED_ENGINE = "mixed";
    /** Method or path of a merge of profiles of different requests. @since 0.1 */
    public static final String ANY = "*";
    static final String UNKNOWN_THREAD = "(unknown thread)";

    // Distinct frames, by id.
    private final List<Frame> frames = new ArrayList<>();
    private final Map<Frame, Integer> frameIds = new HashMap<>();
    // The merged call tree: node 0 is the root; frame ids and parents by node id; children by (parent, frame id).
    private int[] nodeFrames = new int[256];
    private int[] nodeParents = new int[256];
    private int nodes = 1;
    private final LongIntMap children = new LongIntMap();
    private final List<String> threads = new ArrayList<>();
    private final Map<String, Integer> threadIndex = new HashMap<>();
    // Accumulated samples, by id in the order first seen; ids by (thread, node).
    private final LongIntMap bucketIds = new LongIntMap();
    private int buckets;
    private int[] bucketThread = new int[256];
    private int[] bucketNode = new int[256];
    private long[] bucketWeightNs = new long[256];
    private long[] bucketCount = new long[256];
    private long[] bucketFirstOffsetNs = new long[256];
    private final Map<Frame, Long> hits = new HashMap<>();
    // Exact tracing, in the order first seen: per line hits, time, max; per method calls, tottime, cumtime; per
    // caller and callee calls and time.
    private final Map<Frame, long[]> exactLines = new java.util.LinkedHashMap<>();
    private final Map<Frame, long[]> exactMethods = new java.util.LinkedHashMap<>();
    private final Map<List<Frame>, long[]> exactEdges = new java.util.LinkedHashMap<>();

    private int profiles;
    private String method;
    private String path;
    private String query;
    private boolean sameQuery = true;
    private Instant first;
    private Instant last;
    private long durationNs;
    private final Set<String> engines = new LinkedHashSet<>();
    private long minIntervalNs = Long.MAX_VALUE;
    private long maxIntervalNs;
    private boolean budgetLimited;
    private long totalWeightNs;
    private boolean capped;
    private final Set<String> appPackages = new LinkedHashSet<>();

    /** An empty merge. @since 0.1 */
    public ProfileMerge() {
        nodeFrames[0] = -1;
        nodeParents[0] = -1;
    }

    /**
     * Merges several profiles, in the order given.
     *
     * @throws IllegalArgumentException when there is none
     * @since 0.1
     */
    public static Profile of(Iterable<Profile> profiles) {
        ProfileMerge merge = new ProfileMerge();
        for (Profile p : profiles) merge.add(p);
        if (merge.size() == 0) throw new IllegalArgumentException("no profiles to merge");
        return merge.build();
    }

    /**
     * Adds one profile. The merge keeps no reference to it.
     *
     * @return this merge
     * @since 0.1
     */
    public ProfileMerge add(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        int[] mergedNode = mapNodes(profile.nodes());
        int[] mergedThread = new int[profile.threads().size()];
        for (int i = 0; i < mergedThread.length; i++) mergedThread[i] = thread(poolOf(profile.threads().get(i)));
        if (profile.samples().isEmpty()) {
            replaySelfTimes(profile, mergedNode);
        } else {
            for (ProfileSample s : profile.samples()) {
                add(mergedThread[s.thread()], mergedNode[s.node()], s.offsetNs(), s.weightNs(), s.count());
            }
        }
        for (LineStats l : profile.lines()) {
            Frame f = frames.get(frameId(l.frame()));
            if (l.traced()) {
                long[] a = exactLines.computeIfAbsent(f, k -> new long[3]);
                a[0] = sum(a[0], Math.max(0, l.hits()));
                a[1] = sum(a[1], l.timeNs());
                a[2] = Math.max(a[2], l.maxNs());
            } else if (l.hits() >= 0) {
                hits.merge(f, l.hits(), ProfileMerge::saturatedAdd);
            }
        }
        for (MethodStats m : profile.methods()) {
            if (!m.traced()) continue;
            long[] a = exactMethods.computeIfAbsent(frames.get(frameId(m.method())), k -> new long[3]);
            a[0] = sum(a[0], Math.max(0, m.calls()));
            a[1] = sum(a[1], m.tottimeNs());
            a[2] = sum(a[2], m.cumtimeNs());
        }
        for (CallEdge e : profile.edges()) {
            Frame caller = e.caller() == null ? null : frames.get(frameId(e.caller()));
            long[] a = exactEdges.computeIfAbsent(java.util.Arrays.asList(caller, frames.get(frameId(e.callee()))), k -> new long[2]);
            a[0] = sum(a[0], e.calls());
            a[1] = sum(a[1], e.totalNs());
        }
        appPackages.addAll(profile.appPackages());
        addRequest(profile);
        return this;
    }

    /**
     * Profiles added so far.
     *
     * @since 0.1
     */
    public int size() {
        return profiles;
    }

    /**
     * The merged profile of everything added so far; the merge can go on being used.
     *
     * @throws IllegalStateException when no profile was added
     * @since 0.1
     */
    public Profile build() {
        if (profiles == 0) throw new IllegalStateException("no profiles merged");
        ProfileBuilder b = new ProfileBuilder();
        for (String t : threads) b.thread(t);
        Integer[] order = new Integer[buckets];
        for (int i = 0; i < buckets; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> bucketThread[i])
                .thenComparingLong(i -> bucketFirstOffsetNs[i]).thenComparingInt(i -> i));
        for (int i : order) {
            b.sample(bucketThread[i], bucketFirstOffsetNs[i], bucketWeightNs[i], (int) bucketCount[i], stack(bucketNode[i]));
        }
        hits.forEach(b::hits);
        exactLines.forEach((f, a) -> b.exactLine(f, a[0], a[1], a[2]));
        exactMethods.forEach((f, a) -> b.exactMethod(f, a[0], a[1], a[2]));
        exactEdges.forEach((k, a) -> b.exactCall(k.get(0), k.get(1), a[0], a[1]));
        b.note("merged " + profiles + (profiles == 1 ? " profile" : " profiles") + " from " + first + " to " + last);
        if (capped) {
            b.note("some times or sample counts were too large to add up and were capped: an input holds implausible values");
        }
        if (minIntervalNs != maxIntervalNs) {
            b.note("sampling intervals differ from " + intervalText(minIntervalNs) + " to " + intervalText(maxIntervalNs)
                    + ": the smallest is shown");
        }
        RequestInfo request = new RequestInfo(method, path, sameQuery ? query : null, 0, first, durationNs, null);
        String engine = engines.size() == 1 ? engines.iterator().next() : MIXED_ENGINE;
        String id = "merged-" + profiles + "-" + Long.toString(Math.abs(first.toEpochMilli()), 36);
        return b.build(id, request, engine, minIntervalNs, budgetLimited).withAppPackages(List.copyOf(appPackages));
    }

    /** Maps each node of the profile to the merged node with the same path, creating the ones missing. */
    private int[] mapNodes(List<CallNode> profileNodes) {
        int[] merged = new int[profileNodes.size()];
        // A profile read from a file shares one Frame object among the nodes of a frame: look each up once.
        Map<Frame, Integer> local = new IdentityHashMap<>();
        for (CallNode n : profileNodes) {
            if (n.parent() == null) {
                merged[n.id()] = 0;
                continue;
            }
            int parent = merged[n.parent().id()];
            int frame = local.computeIfAbsent(n.frame(), this::frameId);
            long key = (long) parent << 32 | frame;
            int id = children.get(key);
            if (id == LongIntMap.MISSING) {
                id = nodes++;
                if (id == nodeFrames.length) {
                    nodeFrames = Arrays.copyOf(nodeFrames, id * 2);
                    nodeParents = Arrays.copyOf(nodeParents, id * 2);
                }
                nodeFrames[id] = frame;
                nodeParents[id] = parent;
                children.put(key, id);
            }
            merged[n.id()] = id;
        }
        return merged;
    }

    private int frameId(Frame f) {
        Integer id = frameIds.get(f);
        if (id == null) {
            id = frames.size();
            frames.add(f);
            frameIds.put(f, id);
        }
        return id;
    }

    /** A profile without samples (written by another tool, or trimmed): one sample per node with self time. */
    private void replaySelfTimes(Profile profile, int[] mergedNode) {
        int thread = thread(profile.threads().isEmpty() ? UNKNOWN_THREAD : poolOf(profile.threads().get(0)));
        for (CallNode n : profile.nodes()) {
            long childSamples = 0;
            for (CallNode c : n.children()) childSamples += c.samples();
            long selfSamples = Math.max(0, n.samples() - childSamples);
            if (n.selfNs() == 0 && selfSamples == 0) continue;
            add(thread, mergedNode[n.id()], 0, n.selfNs(), Math.max(1, selfSamples));
        }
    }

    private void add(int thread, int node, long offsetNs, long weightNs, long count) {
        long key = (long) thread << 32 | node;
        int x = bucketIds.get(key);
        if (x == LongIntMap.MISSING) {
            x = buckets++;
            if (x == bucketThread.length) {
                int n = x * 2;
                bucketThread = Arrays.copyOf(bucketThread, n);
                bucketNode = Arrays.copyOf(bucketNode, n);
                bucketWeightNs = Arrays.copyOf(bucketWeightNs, n);
                bucketCount = Arrays.copyOf(bucketCount, n);
                bucketFirstOffsetNs = Arrays.copyOf(bucketFirstOffsetNs, n);
            }
            bucketThread[x] = thread;
            bucketNode[x] = node;
            bucketFirstOffsetNs[x] = Long.MAX_VALUE;
            bucketIds.put(key, x);
        }
        // Every node's, line's and method's time is a sum of some samples' weights: keeping the sum of all of
        // them in range keeps every one in range. Only forged or damaged files come near the limits.
        long room = Long.MAX_VALUE - totalWeightNs;
        if (weightNs > room) {
            weightNs = room;
            capped = true;
        }
        totalWeightNs += weightNs;
        bucketWeightNs[x] += weightNs;
        bucketCount[x] += Math.min(count, Integer.MAX_VALUE);
        if (bucketCount[x] > Integer.MAX_VALUE) {
            bucketCount[x] = Integer.MAX_VALUE; // what one sample holds
            capped = true;
        }
        bucketFirstOffsetNs[x] = Math.min(bucketFirstOffsetNs[x], offsetNs);
    }

    /** The node's path, top frame first as {@link ProfileBuilder#sample} takes it. */
    private Frame[] stack(int node) {
        int depth = 0;
        for (int n = node; n != 0; n = nodeParents[n]) depth++;
        Frame[] stack = new Frame[depth];
        int i = 0;
        for (int n = node; n != 0; n = nodeParents[n]) stack[i++] = frames.get(nodeFrames[n]);
        return stack;
    }

    /**
     * The pool a thread belongs to: its name with the number at its end replaced by {@code *}
     * ({@code http-nio-8080-exec-17} gives {@code http-nio-8080-exec-*}); a name without one is its own pool.
     */
    static String poolOf(String thread) {
        int end = thread.length();
        int start = end;
        while (start > 0 && Character.isDigit(thread.charAt(start - 1))) start--;
        return start == end || start == 0 ? thread : thread.substring(0, start) + "*";
    }

    private int thread(String name) {
        Integer i = threadIndex.get(name);
        if (i != null) return i;
        threads.add(name);
        threadIndex.put(name, threads.size() - 1);
        return threads.size() - 1;
    }

    private void addRequest(Profile p) {
        RequestInfo r = p.request();
        if (profiles == 0) {
            method = r.method();
            path = r.path();
            query = r.query();
            first = r.start();
            last = r.start();
        } else {
            if (!method.equals(r.method())) method = ANY;
            if (!path.equals(r.path())) path = ANY;
            if (!Objects.equals(query, r.query())) sameQuery = false;
            if (r.start().isBefore(first)) first = r.start();
            if (r.start().isAfter(last)) last = r.start();
        }
        profiles++;
        durationNs = saturatedAdd(durationNs, r.durationNs());
        engines.add(p.sampling().engine());
        minIntervalNs = Math.min(minIntervalNs, p.sampling().intervalNs());
        maxIntervalNs = Math.max(maxIntervalNs, p.sampling().intervalNs());
        budgetLimited |= p.sampling().budgetLimited();
    }

    private static String intervalText(long ns) {
        return ns % 1_000_000 == 0 ? ns / 1_000_000 + "ms" : ns / 1000 + "us";
    }

    /** Adds exact figures, capping (and saying so) rather than overflowing. */
    private long sum(long a, long b) {
        long r = saturatedAdd(a, b);
        if (r == Long.MAX_VALUE && a != Long.MAX_VALUE && b != Long.MAX_VALUE) capped = true;
        return r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
