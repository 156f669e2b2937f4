package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.SamplingEngine;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** An engine that stops delivering samples is replaced by the pure-Java engine, and profiles say so. */
class EngineFailureTest {

    /** Completes requests at once, with no samples; breaks when told. */
    static final class BreakingEngine implements SamplingEngine {
        volatile String failure;
        volatile boolean closed;

        @Override public String name() { return "async-profiler"; }
        @Override public long intervalNs() { return 1_000_000; }
        @Override public void enter(Thread t, RequestRecording r) {}
        @Override public void exit(Thread t, RequestRecording r) {}
        @Override public void finish(RequestRecording r) { r.complete(); }
        @Override public String failure() { return failure; }
        @Override public void close() { closed = true; }
    }

    @Test
    void aBrokenEngine_isReplacedByTheJavaEngine_forNewRequests() throws Exception {
        BreakingEngine broken = new BreakingEngine();
        HotlineConfig config = HotlineConfig.builder().set("text-output", "off").set("keep-rate", "all")
                .systemProperties(new Properties()).environment(Map.of()).build();
        try (Hotline h = Hotline.start(config, new EngineSelection.Selection(broken, null))) {
            CapturePipelineTest.request(h, "/before", 200, 1);
            broken.failure = "samples could not be read (test)";
            CapturePipelineTest.request(h, "/after", 200, 300);
            CapturePipelineTest.settle(h);

            assertThat(h.engineName()).isEqualTo("java");
            assertThat(h.engineFallbackReason()).contains("async-profiler stopped working").contains("(test)");
            Profile after = h.recentProfiles().stream().filter(p -> p.request().path().equals("/after")).findFirst().orElseThrow();
            assertThat(after.sampling().engine()).isEqualTo("java");
            assertThat(after.sampling().sampleCount()).as("%s", after.notes()).isPositive();
            assertThat(after.notes()).anyMatch(n -> n.contains("engine: java") && n.contains("stopped working"));
            Profile before = h.recentProfiles().stream().filter(p -> p.request().path().equals("/before")).findFirst().orElseThrow();
            assertThat(before.sampling().engine()).isEqualTo("async-profiler");
            Thread.sleep(100);
            assertThat(broken.closed).as("the broken engine is released").isTrue();
        }
    }
}
