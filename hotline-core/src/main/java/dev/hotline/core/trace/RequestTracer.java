package dev.hotline.core.trace;

import dev.hotline.core.engine.RequestRecording;

/**
 * An exact engine (line tracing) that follows requests from thread to thread. Once {@linkplain
 * Tracing#install installed}, it hears on each thread when that thread starts and stops working for a profiled
 * request: the serving thread between {@code Hotline.begin} and {@code RequestProfile.detach}, a task wrapped by
 * {@code HotlineContext.wrap}, an async dispatch inside {@code RequestProfile.enter}. Bindings nest: when a
 * thread working for request A runs a task of request B inline, the tracer hears {@code detached(A)},
 * {@code attached(B)}, then {@code detached(B)}, {@code attached(A)}.
 *
 * <p>Both methods run on the thread concerned, on the request's path: they must be cheap, must not block and
 * should not throw (a throw is logged once and ignored). The tracer hands what it counted to the request with
 * {@link RequestRecording#contribute(TraceContribution)}, typically from {@link #detached}.
 *
 * @since 0.2
 */
public interface RequestTracer {

    /** The current thread starts working for {@code request}. */
    void attached(RequestRecording request);

    /** The current thread stops working for {@code request}. */
    void detached(RequestRecording request);
}
