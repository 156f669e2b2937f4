package dev.hotline.core;

import dev.hotline.core.engine.JavaSamplingEngine;
import dev.hotline.core.engine.SamplingEngine;

/** Picks the sampling engine a configuration asks for, falling back to the pure-Java engine with a reason. */
final class EngineSelection {
    private EngineSelection() {}

    /**
     * The chosen engine, and why it differs from what was asked ({@code null} when it doesn't).
     *
     * @param engine   the engine
     * @param fallback why the native engine is not used, or {@code null}
     */
    record Selection(SamplingEngine engine, String fallback) {}

    static Selection select(HotlineConfig config) {
        String fallback = null;
        if (config.engine() != HotlineConfig.Engine.JAVA) {
            fallback = "async-profiler engine not built in yet";
        }
        return new Selection(new JavaSamplingEngine(config.intervalNs(), config.samplerCpuBudget()), fallback);
    }
}
