package dev.hotline.agent.trace;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.trace.Tracing;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;

/**
 * Exact line and method tracing of the classes in the {@code packages} setting. {@link #install} weaves those
 * classes as they load and joins Hotline's requests: while a thread works for a profiled request, every line of
 * traced code it runs is counted (hits, time, slowest hit) and every traced method (calls, tottime, cumtime,
 * callers), and the figures land in the request's profile next to its samples.
 *
 * <pre>{@code
 * public static void premain(String args, Instrumentation inst) {
 *     HotlineConfig config = ...;
 *     LineTracer tracer = LineTracer.install(inst, config);
 *     Hotline hotline = Hotline.start(config);
 * }
 * }</pre>
 *
 * Classes loaded before {@code install} stay as they are. Thread-safe.
 *
 * @since 0.2
 */
public final class LineTracer implements AutoCloseable {
    private final TraceTransformer transformer;
    private final Instrumentation instrumentation;

    private LineTracer(HotlineConfig config, Instrumentation instrumentation) {
        this.transformer = new TraceTransformer(new ClassSelector(config.packages()), new ClassWeaver(TraceRuntime.REGISTRY),
                config.traceDumpClass(), config.traceDumpDir());
        this.instrumentation = instrumentation;
    }

    /**
     * Starts tracing: registers the class transformer (when {@code packages} is not empty) and the request tracer.
     * Call it before the application's classes load, in {@code premain}.
     */
    public static LineTracer install(Instrumentation instrumentation, HotlineConfig config) {
        LineTracer t = new LineTracer(config, instrumentation);
        if (!config.packages().isEmpty()) instrumentation.addTransformer(t.transformer, false);
        Tracing.install(TraceRuntime.TRACER);
        return t;
    }

    /**
     * A tracer that is not attached to the JVM: its {@link #transformer()} weaves whatever a class loader hands it
     * (tests, tools, class loaders that weave themselves). Requests are followed as with {@link #install}.
     */
    public static LineTracer create(HotlineConfig config) {
        LineTracer t = new LineTracer(config, null);
        Tracing.install(TraceRuntime.TRACER);
        return t;
    }

    /** The transformer weaving the selected classes. */
    public ClassFileTransformer transformer() {
        return transformer;
    }

    /** Classes woven so far. */
    public long classesWoven() {
        return transformer.woven.get();
    }

    /** Selected classes left as they were because they could not be woven safely. */
    public long classesRefused() {
        return transformer.refused.get();
    }

    /** Time spent weaving so far, over all classes: the startup cost of tracing. */
    public long weavingNs() {
        return transformer.weavingNs.get();
    }

    /** Stops weaving classes that load from now on and stops following requests; woven classes stay woven. */
    @Override
    public void close() {
        if (instrumentation != null) instrumentation.removeTransformer(transformer);
        Tracing.uninstall(TraceRuntime.TRACER);
    }
}
