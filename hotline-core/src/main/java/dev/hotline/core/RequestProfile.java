package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.ThreadBinding;
import dev.hotline.core.internal.QueryRedaction;
import dev.hotline.core.tracecontext.TraceIds;

/**
 * One request being profiled, returned by {@link Hotline#begin}. The thread that called {@code begin} works
 * for the request until {@link #detach()}; the profile is finished by {@link #end(int, Throwable)}, which may
 * come later and from another thread (async requests). Both are safe to call more than once.
 *
 * @since 0.1
 */
public final class RequestProfile {
    private final RequestRecording recording;
    private final ThreadBinding binding;
    private final Thread thread;
    private final QueryRedaction redaction;
    private volatile boolean detached;

    RequestProfile(RequestRecording recording) {
        this(recording, new QueryRedaction(java.util.List.of()));
    }

    RequestProfile(RequestRecording recording, QueryRedaction redaction) {
        this.recording = recording;
        this.redaction = redaction;
        this.thread = Thread.currentThread();
        this.binding = ThreadBinding.bind(recording);
    }

    /** Unique id of the profile this request will produce. */
    public String id() {
        return recording.id();
    }

    /**
     * Records the framework's route template the request matched ({@code /orders/{id}}), for grouping requests
     * by endpoint. {@code null} or empty leaves it unknown.
     *
     * @since 0.2
     */
    public void route(String route) {
        recording.route(route == null || route.isEmpty() ? null : route);
    }

    /**
     * Records the distributed trace the request belongs to (W3C Trace Context): a trace id of 32 hex digits and a
     * span id of 16, neither all zero, in either case (stored lowercase). A {@code null} span id records the trace
     * alone. Anything else is ignored, never thrown. A later call replaces an earlier one, so the request's server
     * span from a tracer, recorded after the {@code traceparent} header (whose id is the caller's span), wins.
     *
     * @since 0.3
     */
    public void trace(String traceId, String spanId) {
        TraceIds ids = TraceIds.of(traceId, spanId);
        if (ids != null) recording.trace(ids.traceId(), ids.spanId());
    }

    /**
     * Time since the request began, or its duration once it has ended.
     *
     * @since 0.2
     */
    public long elapsedNs() {
        return recording.elapsedNs();
    }

    /** The calling thread stops working for the request. Must be called on the thread that began it. */
    public void detach() {
        if (detached || Thread.currentThread() != thread) return;
        detached = true;
        ThreadBinding.unbind(binding);
    }

    /**
     * The current thread works for this request until the returned scope is closed: for container threads
     * that continue a request (an async dispatch) rather than tasks the application submits, which
     * {@link HotlineContext} covers.
     */
    public Scope enter() {
        ThreadBinding b = ThreadBinding.bind(recording);
        return () -> ThreadBinding.unbind(b);
    }

    /** A thread's stretch of work for a request; closing it twice is harmless only if the thread is the same. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Wraps a task so that, wherever it runs, it works for this request. */
    public Runnable wrap(Runnable task) {
        return () -> {
            Scope scope = enter();
            try {
                task.run();
            } finally {
                scope.close();
            }
        };
    }

    /**
     * The response is complete. A failed request's {@code error} is recorded as its root cause, class and message,
     * the message redacted like the query ({@link RequestErrors}).
     */
    public void end(int status, Throwable error) {
        if (error != null) recording.errorText(RequestErrors.describe(error, redaction));
        recording.end(status, error);
    }
}
