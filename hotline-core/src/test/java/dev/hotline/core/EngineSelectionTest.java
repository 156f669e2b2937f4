package dev.hotline.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EngineSelectionTest {

    @Test
    void switchedOff_loadsNoEngineAndBeginsNothing() {
        HotlineConfig config = HotlineConfig.builder().enabled(false).textOutput(HotlineConfig.TextOutput.OFF).build();
        try (Hotline h = Hotline.start(config)) {
            assertThat(h.engineName()).isEqualTo("off");
            assertThat(h.engineFallbackReason()).isNull();
            assertThat(h.begin("GET", "/x", null)).isNull();
            assertThat(h.begin("GET", "/x", null, true)).as("on demand too").isNull();
        }
    }

    @Test
    void javaEngine_whenAskedFor() {
        HotlineConfig config = HotlineConfig.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).build();
        try (Hotline h = Hotline.start(config)) {
            assertThat(h.engineName()).isEqualTo("java");
        }
    }
}
