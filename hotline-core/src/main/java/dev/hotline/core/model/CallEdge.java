package dev.hotline.core.model;

/**
 * Exact tracing: how often one traced method called another, and the time those calls took (cProfile's
 * callers / callees). The caller is the nearest traced method below the callee on the stack: untraced frames
 * in between (a library, a proxy) are not seen.
 *
 * @param caller  the calling method (line {@code -1}), or {@code null} when the callee was entered from
 *                untraced code
 * @param callee  the called method (line {@code -1})
 * @param calls   calls from caller to callee
 * @param totalNs time of those calls, callees included; a recursive call inside another call of the same
 *                callee is not counted again
 * @since 0.2
 */
public record CallEdge(Frame caller, Frame callee, long calls, long totalNs) {
    public CallEdge {
        java.util.Objects.requireNonNull(callee, "callee");
    }
}
