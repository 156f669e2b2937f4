package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HotlineMetricsTest {

    @Test
    void everyCounter_isAMicrometerCounterReadFromStats() throws Exception {
        try (Hotline hotline = Hotline.start(HotlineConfig.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).build())) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new HotlineMetrics(hotline).bindTo(registry);
            for (HotlineCounters.Counter c : HotlineCounters.ALL) {
                assertThat(registry.find(c.metric()).functionCounter()).as(c.metric()).isNotNull();
            }
            RequestProfile p = hotline.begin("GET", "/orders/1", null);
            p.detach();
            p.end(200, null);
            long deadline = System.nanoTime() + 10_000_000_000L;
            FunctionCounter completed = registry.find("hotline.profiles.kept").functionCounter();
            while (completed.count() < 1 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(completed.count()).isEqualTo(1.0);
            assertThat(registry.find("hotline.requests.sampled").functionCounter().count()).isEqualTo(1.0);
            assertThat(completed.getId().getTag("engine")).isEqualTo("java");
        }
    }
}
