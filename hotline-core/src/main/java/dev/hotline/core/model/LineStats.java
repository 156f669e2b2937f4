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
 * @since 0.1
 */
public record LineStats(Frame frame, long totalNs, long selfNs, long samples, long hits) {

    public static final long NOT_COUNTED = -1;
}
