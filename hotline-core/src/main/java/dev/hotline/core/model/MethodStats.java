package dev.hotline.core.model;

/**
 * Statistics of one method over a whole request.
 *
 * @param method  class, method and file; the line is {@code -1}
 * @param totalNs time with the method on the stack, callees included, counted once per sample
 * @param selfNs  time with the method on top of the stack
 * @param samples samples with the method on the stack
 * @param calls   calls counted by an exact engine, {@code -1} for sampled profiles
 * @since 0.1
 */
public record MethodStats(Frame method, long totalNs, long selfNs, long samples, long calls) {
}
