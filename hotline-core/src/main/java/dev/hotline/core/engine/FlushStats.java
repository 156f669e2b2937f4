package dev.hotline.core.engine;

/**
 * What the async-profiler engine's flushing has cost so far: dumps (async-profiler finishing a chunk) and reads
 * (copying, parsing and routing the new chunks), in wall-clock nanoseconds; and how many samples found a
 * recording. For diagnostics and tests.
 */
record FlushStats(long flushes, long dumpNs, long maxDumpNs, long readNs, long maxReadNs, long bytes,
                  long delivered, long unmatched) {
    static final FlushStats NONE = new FlushStats(0, 0, 0, 0, 0, 0, 0, 0);

    FlushStats plus(long dump, long read, long chunkBytes, SampleRouter.Result routed) {
        return new FlushStats(flushes + 1, dumpNs + dump, Math.max(maxDumpNs, dump), readNs + read,
                Math.max(maxReadNs, read), bytes + chunkBytes, delivered + routed.delivered(),
                unmatched + routed.unmatched());
    }

    /** The difference from an earlier snapshot; the maxima stay those of the whole run. */
    FlushStats minus(FlushStats o) {
        return new FlushStats(flushes - o.flushes, dumpNs - o.dumpNs, maxDumpNs, readNs - o.readNs, maxReadNs,
                bytes - o.bytes, delivered - o.delivered, unmatched - o.unmatched);
    }

    @Override
    public String toString() {
        long n = Math.max(1, flushes);
        return String.format("%d flushes, dump avg %.2f ms (max %.2f), read avg %.2f ms (max %.2f), %d KiB, "
                        + "samples: %d delivered, %d unmatched",
                flushes, dumpNs / 1e6 / n, maxDumpNs / 1e6, readNs / 1e6 / n, maxReadNs / 1e6, bytes >> 10,
                delivered, unmatched);
    }
}
