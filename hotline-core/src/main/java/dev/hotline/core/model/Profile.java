package dev.hotline.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The line-level profile of one request. Immutable once built.
 *
 * <p>Build one with {@link ProfileBuilder}; read and write it with {@code dev.hotline.core.format.ProfileJson}.
 *
 * @param id       unique id of the profile, safe in a file name and a URL ({@code [0-9a-z-]+})
 * @param request  the request
 * @param sampling engine, interval, sample count
 * @param threads  names of the threads that worked for the request; the serving thread first
 * @param nodes    the call tree, by id; {@code nodes.get(0)} is the root
 * @param samples  the samples, in time order per thread
 * @param lines    per-line table, hottest first
 * @param methods  per-method table, hottest first
 * @param notes    what the reader should know: low sample count, budget limits, write failures
 * @param edges    exact tracing: caller to callee counts and times between traced methods; empty otherwise
 * @param appPackages package prefixes of the application's own code, configured or detected when the profile was
 *                 made; empty when unknown (profiles from before 0.2), and readers then fall back to their own
 *                 heuristics (since 0.2)
 * @param keptBecause why the running profiler kept this profile under {@code keep-rate} ({@code on-demand},
 *                 {@code failed}, {@code slow}, {@code within-rate}, {@code keep-rate-all}); {@code null} when not
 *                 said (profiles made otherwise, or by an older version) (since 0.2)
 * @since 0.1
 */
public record Profile(String id, RequestInfo request, SamplingInfo sampling, List<String> threads, List<CallNode> nodes,
                      List<ProfileSample> samples, List<LineStats> lines, List<MethodStats> methods, List<String> notes,
                      List<CallEdge> edges, List<String> appPackages, String keptBecause) {

    /** The JSON format version this model writes. */
    public static final int FORMAT_VERSION = 1;

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sampling, "sampling");
        threads = List.copyOf(threads);
        nodes = List.copyOf(nodes);
        samples = List.copyOf(samples);
        lines = List.copyOf(lines);
        methods = List.copyOf(methods);
        notes = List.copyOf(notes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        appPackages = appPackages == null ? List.of() : List.copyOf(appPackages);
        if (nodes.isEmpty() || nodes.get(0).frame() != null) {
            throw new IllegalArgumentException("nodes must start with the root");
        }
    }

    /** A profile that does not say why it was kept. */
    public Profile(String id, RequestInfo request, SamplingInfo sampling, List<String> threads, List<CallNode> nodes,
                   List<ProfileSample> samples, List<LineStats> lines, List<MethodStats> methods, List<String> notes,
                   List<CallEdge> edges, List<String> appPackages) {
        this(id, request, sampling, threads, nodes, samples, lines, methods, notes, edges, appPackages, null);
    }

    /** A profile that does not name the application's packages. */
    public Profile(String id, RequestInfo request, SamplingInfo sampling, List<String> threads, List<CallNode> nodes,
                   List<ProfileSample> samples, List<LineStats> lines, List<MethodStats> methods, List<String> notes,
                   List<CallEdge> edges) {
        this(id, request, sampling, threads, nodes, samples, lines, methods, notes, edges, List.of());
    }

    /** A profile without exact call edges. */
    public Profile(String id, RequestInfo request, SamplingInfo sampling, List<String> threads, List<CallNode> nodes,
                   List<ProfileSample> samples, List<LineStats> lines, List<MethodStats> methods, List<String> notes) {
        this(id, request, sampling, threads, nodes, samples, lines, methods, notes, List.of());
    }

    /**
     * This profile naming {@code packages} as the application's code.
     *
     * @since 0.2
     */
    public Profile withAppPackages(List<String> packages) {
        if (packages == null || packages.equals(appPackages)) return this;
        return new Profile(id, request, sampling, threads, nodes, samples, lines, methods, notes, edges, packages, keptBecause);
    }

    /**
     * This profile, saying why it was kept.
     *
     * @since 0.2
     */
    public Profile withKeptBecause(String reason) {
        return new Profile(id, request, sampling, threads, nodes, samples, lines, methods, notes, edges, appPackages, reason);
    }

    public CallNode root() {
        return nodes.get(0);
    }

    /** Share of the sampled time, 0..1, that {@code ns} represents. */
    public double share(long ns) {
        long total = sampling.sampledNs();
        return total <= 0 ? 0 : (double) ns / total;
    }
}
