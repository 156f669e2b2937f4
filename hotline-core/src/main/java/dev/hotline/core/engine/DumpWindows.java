package dev.hotline.core.engine;

/**
 * The last few stretches of time during which the native recorder was being dumped, on the
 * {@link Clock#epochNanos()} timeline. A small ring: requests complete soon after the dumps that concern them.
 */
final class DumpWindows {
    private static final int SIZE = 64;
    private final long[] from = new long[SIZE];
    private final long[] to = new long[SIZE];
    private int next;

    synchronized void add(long fromNs, long toNs) {
        from[next] = fromNs;
        to[next] = toNs;
        next = (next + 1) % SIZE;
    }

    /** Time the recording's segments spent inside dump windows. */
    synchronized long overlapNs(RequestRecording recording) {
        long total = 0;
        for (int i = 0; i < SIZE; i++) {
            if (to[i] > from[i]) total += recording.overlapNs(from[i], to[i]);
        }
        return total;
    }
}
