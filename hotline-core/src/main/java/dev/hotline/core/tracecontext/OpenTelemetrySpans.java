package dev.hotline.core.tracecontext;

import dev.hotline.core.internal.FailureLog;

import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The current span of the OpenTelemetry API ({@code Span.current()}), read by reflection so that Hotline needs no
 * OpenTelemetry at all: where a class loader does not see {@code io.opentelemetry.api.trace.Span}, the answer is
 * {@code null}, found once per class loader and remembered. With the OpenTelemetry Java agent, or an application
 * that starts server spans with the SDK, the current span while a request is served is the request's server span.
 *
 * <p>Never throws: a failure to read the span is logged once, and that class loader's spans are not read again.
 * Class loaders are held weakly, so a web application undeployed is not kept in memory.
 *
 * @since 0.3
 */
public final class OpenTelemetrySpans {
    static final String SPAN = "io.opentelemetry.api.trace.Span";
    private static final Object ABSENT = new Object();

    /** Class loader → ABSENT, or a weak reference to the Span class it sees (which lives as long as its loader). */
    private static final Map<ClassLoader, Object> BY_LOADER = new WeakHashMap<>(); // guarded by itself
    /** The last loader asked about: nearly every request asks about the same one. */
    private static volatile Last last;

    private record Last(WeakReference<ClassLoader> loader, Object found) {}

    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> span) {
            return Reader.of(span);
        }
    };

    private OpenTelemetrySpans() {}

    /** The valid current span seen from the thread's context class loader, or {@code null}. */
    public static TraceIds current() {
        return current(Thread.currentThread().getContextClassLoader());
    }

    /** The valid current span seen from {@code loader}, or {@code null} (also for a {@code null} loader). */
    public static TraceIds current(ClassLoader loader) {
        if (loader == null) return null;
        Class<?> span = spanClass(loader);
        if (span == null) return null;
        Reader r = READERS.get(span);
        return r == null ? null : r.read();
    }

    private static Class<?> spanClass(ClassLoader loader) {
        Last l = last;
        Object found;
        if (l != null && l.loader().get() == loader) {
            found = l.found();
        } else {
            synchronized (BY_LOADER) {
                found = BY_LOADER.get(loader);
                if (found == null) {
                    found = lookUp(loader);
                    BY_LOADER.put(loader, found);
                }
            }
            last = new Last(new WeakReference<>(loader), found);
        }
        return found == ABSENT ? null : (Class<?>) ((WeakReference<?>) found).get();
    }

    private static Object lookUp(ClassLoader loader) {
        try {
            return new WeakReference<>(Class.forName(SPAN, false, loader));
        } catch (ClassNotFoundException e) {
            return ABSENT;
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("cannot load the OpenTelemetry API; trace ids come from the traceparent header only", e);
            return ABSENT;
        }
    }

    /** The API's methods, for the {@code Span} interface of one class loader. */
    private static final class Reader {
        private final Method current, getSpanContext, isValid, getTraceId, getSpanId;
        private volatile boolean broken;

        private Reader(Method current, Method getSpanContext, Method isValid, Method getTraceId, Method getSpanId) {
            this.current = current;
            this.getSpanContext = getSpanContext;
            this.isValid = isValid;
            this.getTraceId = getTraceId;
            this.getSpanId = getSpanId;
        }

        static Reader of(Class<?> span) {
            try {
                Method getSpanContext = span.getMethod("getSpanContext");
                Class<?> context = getSpanContext.getReturnType();
                return new Reader(span.getMethod("current"), getSpanContext, context.getMethod("isValid"),
                        context.getMethod("getTraceId"), context.getMethod("getSpanId"));
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                FailureLog.logOnce("the OpenTelemetry API found is not one Hotline can read; trace ids come from the traceparent header only", e);
                return null;
            }
        }

        TraceIds read() {
            if (broken) return null;
            try {
                Object context = getSpanContext.invoke(current.invoke(null));
                if (context == null || !Boolean.TRUE.equals(isValid.invoke(context))) return null;
                return TraceIds.of((String) getTraceId.invoke(context), (String) getSpanId.invoke(context));
            } catch (InvocationTargetException | IllegalAccessException | RuntimeException | LinkageError e) {
                broken = true;
                FailureLog.logOnce("cannot read the OpenTelemetry current span; trace ids come from the traceparent header only",
                        e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e);
                return null;
            }
        }
    }
}
