package dev.hotline.core.engine;

import java.time.Instant;

/** Time sources shared by engines and recordings, so tests can reason about both with one clock. */
public final class Clock {
    private Clock() {}

    /**
     * Wall-clock time in epoch nanoseconds (microsecond resolution on Linux). Samples from any engine and
     * thread segments are placed on this timeline, which is also the one async-profiler's JFR events use.
     */
    public static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
