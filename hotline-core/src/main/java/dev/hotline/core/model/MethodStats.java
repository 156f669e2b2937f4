package dev.hotline.core.model;

/**
 * Statistics of one method over a whole request.
 *
 * @param method    class, method and file; the line is {@code -1}
 * @param totalNs   time with the method on the stack, callees included, counted once per sample
 * @param selfNs    time with the method on top of the stack
 * @param samples   samples with the method on the stack
 * @param calls     calls counted by an exact engine, {@code -1} for sampled profiles
 * @param tottimeNs exact tracing: time spent in the method's own lines, traced callees excluded (cProfile's
 *                  tottime); {@code -1} for methods that were not traced
 * @param cumtimeNs exact tracing: time from entry to exit, callees included, a recursive call counted only in
 *                  its outermost invocation (cProfile's cumtime); {@code -1} for methods that were not traced
 * @since 0.1
 */
public record MethodStats(Frame method, long totalNs, long selfNs, long samples, long calls, long tottimeNs,
                          long cumtimeNs) {

    /** Statistics of a method that was sampled only, or whose calls are known but not its exact times. */
    public MethodStats(Frame method, long totalNs, long selfNs, long samples, long calls) {
        this(method, totalNs, selfNs, samples, calls, LineStats.NOT_COUNTED, LineStats.NOT_COUNTED);
    }

    /** Whether exact tracing timed this method. @since 0.2 */
    public boolean traced() {
        return cumtimeNs != LineStats.NOT_COUNTED;
    }
}
