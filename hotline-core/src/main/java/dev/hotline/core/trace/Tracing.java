package dev.hotline.core.trace;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.internal.FailureLog;

/**
 * The JVM-wide slot for one {@link RequestTracer}. Without one installed, binding a thread to a request costs
 * one extra volatile read.
 *
 * @since 0.2
 */
public final class Tracing {
    private static volatile RequestTracer tracer;

    private Tracing() {}

    /** Installs {@code t}, replacing any tracer installed before. */
    public static void install(RequestTracer t) {
        tracer = t;
    }

    /** Removes {@code t} if it is the installed tracer. */
    public static synchronized void uninstall(RequestTracer t) {
        if (tracer == t) tracer = null;
    }

    /** The installed tracer, or {@code null}. */
    public static RequestTracer installed() {
        return tracer;
    }

    /** Tells the tracer, if any, that the current thread starts working for {@code request}. */
    public static void attached(RequestRecording request) {
        RequestTracer t = tracer;
        if (t == null) return;
        try {
            t.attached(request);
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("the request tracer failed when a thread joined a request", e);
        }
    }

    /** Tells the tracer, if any, that the current thread stops working for {@code request}. */
    public static void detached(RequestRecording request) {
        RequestTracer t = tracer;
        if (t == null) return;
        try {
            t.detached(request);
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("the request tracer failed when a thread left a request", e);
        }
    }
}
