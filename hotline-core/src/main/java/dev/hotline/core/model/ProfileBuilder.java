package dev.hotline.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a {@link Profile} from weighted stack samples. Not thread-safe: feed it from one thread.
 *
 * <p>Each sample adds its weight to every call-tree node on its path, to the self time of its top node,
 * and to the total of each distinct line and method on its stack, once per sample even under recursion.
 *
 * @since 0.1
 */
public final class ProfileBuilder {
    private final List<String> threads = new ArrayList<>();
    private final Map<String, Integer> threadIndex = new HashMap<>();
    private final List<CallNode> nodes = new ArrayList<>();
    private final Map<NodeKey, CallNode> children = new HashMap<>();
    private final Map<Frame, Acc> lines = new HashMap<>();
    private final Map<Frame, Acc> methods = new HashMap<>();
    private final List<ProfileSample> samples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<EdgeKey, long[]> edges = new HashMap<>();
    private long sampleCount;
    private long sampledNs;
    private int sequence;

    private record NodeKey(int parent, Frame frame) {
        /** The record's own hash adds 31 x parent to the frame's, which collides along deep stacks of nearby lines. */
        @Override
        public int hashCode() {
            return parent * 0x9E3779B9 + frame.hashCode();
        }
    }

    private record EdgeKey(Frame caller, Frame callee) {}

    private static final class Acc {
        long totalNs, selfNs, samples, hits = LineStats.NOT_COUNTED;
        long exactNs = LineStats.NOT_COUNTED, exactMaxNs = LineStats.NOT_COUNTED;
        long exactSelfNs = LineStats.NOT_COUNTED;
        int lastSequence = -1;
    }

    public ProfileBuilder() {
        nodes.add(new CallNode(0, null, null));
    }

    /** Registers a thread name and returns its index; the same name returns the same index. */
    public int thread(String name) {
        Integer i = threadIndex.get(name);
        if (i != null) return i;
        threads.add(name);
        threadIndex.put(name, threads.size() - 1);
        return threads.size() - 1;
    }

    /**
     * Adds one sample.
     *
     * @param thread   index from {@link #thread(String)}
     * @param offsetNs time after the request's start
     * @param weightNs wall-clock time the sample stands for
     * @param count    engine samples it merges (1 for a plain sample)
     * @param stack    the stack, <strong>top frame first</strong> as {@link Throwable#getStackTrace()} orders it
     */
    public ProfileBuilder sample(int thread, long offsetNs, long weightNs, int count, Frame[] stack) {
        if (weightNs < 0) throw new IllegalArgumentException("negative weight " + weightNs);
        int seq = sequence++;
        CallNode node = nodes.get(0);
        node.totalNs += weightNs;
        node.samples += count;
        for (int i = stack.length - 1; i >= 0; i--) {
            Frame f = stack[i];
            node = child(node, f);
            node.totalNs += weightNs;
            node.samples += count;
            addOnce(lines, f, seq, weightNs, count);
            addOnce(methods, f.methodOnly(), seq, weightNs, count);
        }
        node.selfNs += weightNs;
        if (stack.length > 0) {
            lines.get(stack[0]).selfNs += weightNs;
            methods.get(stack[0].methodOnly()).selfNs += weightNs;
        }
        samples.add(new ProfileSample(thread, offsetNs, weightNs, count, node.id()));
        sampleCount += count;
        sampledNs += weightNs;
        return this;
    }

    /** Records exact hit counts for a line (exact engines only). */
    public ProfileBuilder hits(Frame line, long hits) {
        lines.computeIfAbsent(line, k -> new Acc()).hits = hits;
        return this;
    }

    /**
     * Adds exact tracing figures for a line: hits, the time of those hits (from each start of the line to the
     * next line event in its frame) and the slowest one. Figures for the same line add up; the line need not
     * have been sampled.
     *
     * @since 0.2
     */
    public ProfileBuilder exactLine(Frame line, long hits, long timeNs, long maxNs) {
        Acc a = lines.computeIfAbsent(line, k -> new Acc());
        a.hits = Math.max(0, a.hits) + hits;
        a.exactNs = Math.max(0, a.exactNs) + timeNs;
        a.exactMaxNs = Math.max(a.exactMaxNs, maxNs);
        return this;
    }

    /**
     * Adds exact tracing figures for a method (line {@code -1}): calls, tottime and cumtime as cProfile counts
     * them. Figures for the same method add up.
     *
     * @since 0.2
     */
    public ProfileBuilder exactMethod(Frame method, long calls, long tottimeNs, long cumtimeNs) {
        Acc a = methods.computeIfAbsent(method.methodOnly(), k -> new Acc());
        a.hits = Math.max(0, a.hits) + calls;
        a.exactSelfNs = Math.max(0, a.exactSelfNs) + tottimeNs;
        a.exactNs = Math.max(0, a.exactNs) + cumtimeNs;
        return this;
    }

    /**
     * Adds calls from one traced method to another; {@code caller} is {@code null} for calls from untraced
     * code. Figures for the same pair add up.
     *
     * @since 0.2
     */
    public ProfileBuilder exactCall(Frame caller, Frame callee, long calls, long totalNs) {
        long[] e = edges.computeIfAbsent(new EdgeKey(caller == null ? null : caller.methodOnly(), callee.methodOnly()),
                k -> new long[2]);
        e[0] += calls;
        e[1] += totalNs;
        return this;
    }

    public ProfileBuilder note(String note) {
        notes.add(note);
        return this;
    }

    public long sampleCount() {
        return sampleCount;
    }

    public long sampledNs() {
        return sampledNs;
    }

    private CallNode child(CallNode parent, Frame frame) {
        NodeKey key = new NodeKey(parent.id(), frame);
        CallNode c = children.get(key);
        if (c == null) {
            c = new CallNode(nodes.size(), parent, frame);
            nodes.add(c);
            parent.children.add(c);
            children.put(key, c);
        }
        return c;
    }

    private static void addOnce(Map<Frame, Acc> table, Frame key, int seq, long weightNs, int count) {
        Acc a = table.computeIfAbsent(key, k -> new Acc());
        if (a.lastSequence != seq) {
            a.lastSequence = seq;
            a.totalNs += weightNs;
            a.samples += count;
        }
    }

    /**
     * Builds the profile.
     *
     * @param id       unique profile id
     * @param request  the request
     * @param engine   engine name
     * @param intervalNs configured interval
     * @param budgetLimited whether the engine lowered its rate to stay in budget
     */
    public Profile build(String id, RequestInfo request, String engine, long intervalNs, boolean budgetLimited) {
        long effective = sampleCount == 0 ? 0 : sampledNs / sampleCount;
        SamplingInfo sampling = new SamplingInfo(engine, intervalNs, effective, sampleCount, sampledNs, budgetLimited);
        List<String> allNotes = new ArrayList<>(notes);
        if (sampling.lowConfidence()) {
            allNotes.add(sampleCount == 0
                    ? "no samples: the request was shorter than the sampling interval or was not sampled"
                    : "only " + sampleCount + " samples: shares are rough, repeat the request or lower the interval");
        }
        if (budgetLimited) {
            allNotes.add("sampled less often than every " + (intervalNs / 1000) + " us to stay within the CPU budget");
        }
        // Children hottest first, so every reader sees the tree in the same order.
        for (CallNode n : nodes) {
            n.children.sort(CallNode.HOTTEST_FIRST);
        }
        // Ties are broken by the frame's text; each frame's text is made once, not once per comparison.
        Map<Frame, String> text = new HashMap<>();
        Function<Frame, String> name = f -> text.computeIfAbsent(f, Frame::toString);
        List<LineStats> lineList = new ArrayList<>(lines.size());
        lines.forEach((f, a) -> lineList.add(new LineStats(f, a.totalNs, a.selfNs, a.samples, a.hits, a.exactNs, a.exactMaxNs)));
        lineList.sort(Comparator.comparingLong(LineStats::totalNs).reversed()
                .thenComparing(l -> name.apply(l.frame())));
        List<MethodStats> methodList = new ArrayList<>(methods.size());
        methods.forEach((f, a) -> methodList.add(new MethodStats(f, a.totalNs, a.selfNs, a.samples, a.hits, a.exactSelfNs, a.exactNs)));
        methodList.sort(Comparator.comparingLong(MethodStats::totalNs).reversed()
                .thenComparing(m -> name.apply(m.method())));
        List<CallEdge> edgeList = new ArrayList<>(edges.size());
        edges.forEach((k, e) -> edgeList.add(new CallEdge(k.caller(), k.callee(), e[0], e[1])));
        edgeList.sort(Comparator.comparingLong(CallEdge::totalNs).reversed()
                .thenComparing(e -> e.caller() == null ? "null" : name.apply(e.caller())).thenComparing(e -> name.apply(e.callee())));
        return new Profile(id, request, sampling, threads, nodes, samples, lineList, methodList, allNotes, edgeList);
    }
}
