package dev.hotline.core.model;

/**
 * Statistics of one source line over a whole request.
 *
 * @param frame   class, method, file and line
 * @param totalNs time with this line anywhere on the stack, callees included, counted once per sample even
 *                when recursion puts it on the stack several times (line_profiler's meaning)
 * @param selfNs  time with this line on top of the stack
 * @param samples samples with this line on the stack
 * @param hits    times the line ran, when an engine counts them (exact tracing); {@code -1} otherwise
 * @param timeNs  exact tracing: time from each start of the line to the next line event in the same frame
 *                (callees included), summed over its hits; {@code -1} for lines that were not traced
 * @param maxNs   exact tracing: the slowest single hit; {@code -1} for lines that were not traced
 * @since 0.1
 */
public record LineStats(Frame frame, long totalNs, long selfNs, long samples, long hits, long timeNs, long maxNs) {

    public static final long NOT_COUNTED = -1;

    /** Statistics of a line that was sampled only, or whose hits are known but not its exact times. */
    public LineStats(Frame frame, long totalNs, long selfNs, long samples, long hits) {
        this(frame, totalNs, selfNs, samples, hits, NOT_COUNTED, NOT_COUNTED);
    }

    /** Whether exact tracing timed this line ({@link #timeNs} and {@link #maxNs} are set). @since 0.2 */
    public boolean traced() {
        return timeNs != NOT_COUNTED;
    }
}
