package dev.hotline.core.engine;

/**
 * What an engine's own thread has spent so far reading samples back, in wall-clock nanoseconds: for diagnostics and
 * benchmarks (the results page's {@code api/status} shows it per sampled request).
 *
 * @param reads   reads of the recorder's output
 * @param dumpNs  time the recorder took to finish its chunks ({@code dump})
 * @param parseNs time spent parsing the chunks
 * @param routeNs time spent handing samples to their requests
 * @param bytes   bytes read
 * @param samples samples read (a batch counts once)
 * @since 0.2
 */
public record EngineCosts(long reads, long dumpNs, long parseNs, long routeNs, long bytes, long samples) {
    public static final EngineCosts NONE = new EngineCosts(0, 0, 0, 0, 0, 0);
}
