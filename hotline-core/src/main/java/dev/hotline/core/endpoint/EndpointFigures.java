package dev.hotline.core.endpoint;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures per endpoint (method and route) over every sampled request, kept or not: count, failures, the duration
 * percentiles of its latest {@value #RECENT} requests, the slowest, and the time of each distinct stack added up,
 * from which a profile of the whole endpoint is built on demand. Adding a request costs a look-up per sample
 * (stacks are shared, so they are keyed by identity); no profile is built for it.
 *
 * <p>Bounded: at most {@code maxEndpoints} endpoints (later ones are counted in {@link #overflowRequests()}), and
 * at most {@value #MAX_STACKS} distinct stacks per endpoint (the time of further stacks is counted and said in the
 * endpoint's profile). Thread-safe: Hotline's pipeline thread adds, any thread reads.
 *
 * @since 0.2
 */
public final class EndpointFigures {
    static final int RECENT = 1024;
    static final int MAX_STACKS = 20_000;
    private static final int REQUESTS_PER_P95 = 64;

    /** One endpoint's figures at one moment. Durations in nanoseconds. */
    public record Summary(String method, String route, long count, long failed, long p50Ns, long p95Ns, long p99Ns,
                          long maxNs, Instant lastStart, long samples) {}

    private static final class Acc {
        final String method;
        final String route;
        long count, failed, maxNs, lastStartEpochNs, samples, lostStackNs;
        final long[] recent = new long[RECENT];
        int recentSize, recentNext;
        long p95Ns;
        final Map<Frame[], long[]> stacks = new IdentityHashMap<>();

        Acc(String method, String route) {
            this.method = method;
            this.route = route;
        }

        long[] sortedRecent() {
            long[] d = Arrays.copyOf(recent, recentSize);
            Arrays.sort(d);
            return d;
        }
    }

    private final int maxEndpoints;
    private final Map<String, Acc> endpoints = new HashMap<>();
    private long overflowRequests;

    public EndpointFigures(int maxEndpoints) {
        this.maxEndpoints = maxEndpoints;
    }

    private static String key(String method, String route) {
        return method + ' ' + route;
    }

    /**
     * Adds one sampled request. {@code route} is the framework's template, or the path with ids collapsed.
     * Returns false when the endpoint could not be added (too many endpoints): the request is counted in
     * {@link #overflowRequests()} instead.
     */
    public synchronized boolean add(String method, String route, RequestRecording request) {
        Acc a = endpoints.get(key(method, route));
        if (a == null) {
            if (endpoints.size() >= maxEndpoints) {
                overflowRequests++;
                return false;
            }
            a = new Acc(method, route);
            endpoints.put(key(method, route), a);
        }
        long d = request.durationNs();
        a.count++;
        if (request.failed()) a.failed++;
        a.maxNs = Math.max(a.maxNs, d);
        a.lastStartEpochNs = Math.max(a.lastStartEpochNs, request.startEpochNs());
        a.recent[a.recentNext] = d;
        a.recentNext = (a.recentNext + 1) % RECENT;
        if (a.recentSize < RECENT) a.recentSize++;
        if (a.count % REQUESTS_PER_P95 == 0) a.p95Ns = rank(a.sortedRecent(), 0.95);
        Acc acc = a;
        request.forEachWeightedSample((thread, offsetNs, weightNs, count, stack) -> {
            acc.samples += count;
            long[] w = acc.stacks.get(stack);
            if (w == null) {
                if (acc.stacks.size() >= MAX_STACKS) {
                    acc.lostStackNs += weightNs;
                    return;
                }
                w = new long[2];
                acc.stacks.put(stack, w);
            }
            w[0] += weightNs;
            w[1] += count;
        });
        return true;
    }

    /**
     * The endpoint's p95 duration over its latest requests, refreshed every {@value #REQUESTS_PER_P95} requests;
     * 0 while it has had fewer than that.
     */
    public synchronized long p95Ns(String method, String route) {
        Acc a = endpoints.get(key(method, route));
        return a == null ? 0 : a.p95Ns;
    }

    /** Every endpoint's figures, in no particular order. */
    public synchronized List<Summary> list() {
        List<Summary> out = new ArrayList<>(endpoints.size());
        for (Acc a : endpoints.values()) out.add(summary(a));
        return out;
    }

    /** One endpoint's figures, or {@code null} when it has none. */
    public synchronized Summary summary(String method, String route) {
        Acc a = endpoints.get(key(method, route));
        return a == null ? null : summary(a);
    }

    private static Summary summary(Acc a) {
        long[] d = a.sortedRecent();
        return new Summary(a.method, a.route, a.count, a.failed, rank(d, 0.50), rank(d, 0.95), rank(d, 0.99), a.maxNs,
                Instant.ofEpochSecond(0, a.lastStartEpochNs), a.samples);
    }

    /**
     * A profile of every sampled request of the endpoint together, or {@code null} when it has none: its call tree,
     * lines and methods add up the time of each distinct stack. The request part names the endpoint, and its duration
     * is the sampled time.
     */
    public Profile profile(String method, String route, String engine, long intervalNs) {
        List<Map.Entry<Frame[], long[]>> stacks;
        Acc a;
        long lost;
        synchronized (this) {
            a = endpoints.get(key(method, route));
            if (a == null) return null;
            stacks = new ArrayList<>(a.stacks.size());
            for (Map.Entry<Frame[], long[]> e : a.stacks.entrySet()) {
                stacks.add(Map.entry(e.getKey(), e.getValue().clone()));
            }
            lost = a.lostStackNs;
        }
        ProfileBuilder b = new ProfileBuilder();
        b.thread("(all threads)");
        for (Map.Entry<Frame[], long[]> e : stacks) {
            b.sample(0, 0, e.getValue()[0], (int) Math.min(Integer.MAX_VALUE, e.getValue()[1]), e.getKey());
        }
        Summary s = summary(method, route);
        b.note("every sampled request of this endpoint, kept or not: " + s.count() + " requests");
        if (lost > 0) {
            b.note(String.format("%.1f ms of samples in stacks past the first %d distinct ones are not shown", lost / 1e6, MAX_STACKS));
        }
        RequestInfo info = new RequestInfo(method, route, null, 0, s.lastStart(), Math.max(1, b.sampledNs()), null, route);
        return b.build("endpoint", info, engine, intervalNs, false);
    }

    /** Requests not counted because the endpoint limit was reached. */
    public synchronized long overflowRequests() {
        return overflowRequests;
    }

    /** Nearest-rank percentile of sorted values; 0 for none. */
    static long rank(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
