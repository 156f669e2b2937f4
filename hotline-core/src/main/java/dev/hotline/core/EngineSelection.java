package dev.hotline.core;

import dev.hotline.core.engine.AsyncProfilerEngine;
import dev.hotline.core.engine.EngineUnavailableException;
import dev.hotline.core.engine.JavaSamplingEngine;
import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.SamplingEngine;

/**
 * Picks the sampling engine a configuration asks for. The native engine is preferred; when it cannot start,
 * the pure-Java engine takes over and the reason travels with it into the log and every profile, because a
 * profiler that silently changes how it measures is worse than one that says so.
 */
final class EngineSelection {
    private EngineSelection() {}

    /**
     * The chosen engine, and why it is not the native one ({@code null} when it is, or when the Java engine
     * was asked for).
     */
    record Selection(SamplingEngine engine, String fallback) {}

    static Selection select(HotlineConfig config) {
        if (!config.enabled()) {
            return new Selection(new Off(config.intervalNs()), null);
        }
        if (config.engine() == HotlineConfig.Engine.JAVA) {
            return new Selection(javaEngine(config), null);
        }
        try {
            return new Selection(AsyncProfilerEngine.tryCreate(config.intervalNs(), config.asyncProfilerLibrary()), null);
        } catch (EngineUnavailableException | RuntimeException | LinkageError e) {
            String reason = "async-profiler unavailable: " + e.getMessage();
            return new Selection(javaEngine(config), reason);
        }
    }

    /** The pure-Java engine as the configuration sets it up. */
    static SamplingEngine javaEngine(HotlineConfig config) {
        return new JavaSamplingEngine(config.intervalNs(), config.samplerCpuBudget());
    }

    /**
     * The engine of a profiler switched off ({@code enabled=false}): loads no native library and starts no
     * thread. No request is begun while switched off, so it never has anything to sample.
     */
    static final class Off implements SamplingEngine {
        private final long intervalNs;

        Off(long intervalNs) {
            this.intervalNs = intervalNs;
        }

        @Override public String name() { return "off"; }
        @Override public long intervalNs() { return intervalNs; }
        @Override public void enter(Thread thread, RequestRecording recording) {}
        @Override public void exit(Thread thread, RequestRecording recording) {}
        @Override public void finish(RequestRecording recording) { recording.complete(); }
        @Override public void close() {}
    }
}
