package dev.hotline.core.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTest {
    @Test
    void generatedClassNamesAreStableAcrossRuns() {
        assertThat(Frame.stableClassName("com.acme.Shop$$Lambda$618/0x00007f0c1c0a1234")).isEqualTo("com.acme.Shop$$Lambda");
        assertThat(Frame.stableClassName("com.acme.Shop$$Lambda/0x000071d4c8012a00")).isEqualTo("com.acme.Shop$$Lambda");
        assertThat(Frame.stableClassName("jdk.internal.reflect.GeneratedMethodAccessor12/0x0000abcd")).isEqualTo("jdk.internal.reflect.GeneratedMethodAccessor12");
        assertThat(Frame.stableClassName("com.acme.Shop$Cart")).isEqualTo("com.acme.Shop$Cart");
        assertThat(Frame.stableClassName("a.B$$Lambda$240.0x00007fd5ec1e3c50")).as("as JFR writes it").isEqualTo("a.B$$Lambda");
        assertThat(Frame.stableClassName("jdk.internal.reflect.Generated12.0x00007fd5ec1e3c50")).isEqualTo("jdk.internal.reflect.Generated12");
        assertThat(Frame.stableClassName("com.acme.v0xff.Shop")).as("a package that looks like hex stays").isEqualTo("com.acme.v0xff.Shop");
        StackTraceElement e = new StackTraceElement("a.B$$Lambda$1/0x1", "run", null, -2);
        assertThat(Frame.of(e)).isEqualTo(new Frame("a.B$$Lambda", "run", null, -1));
        assertThat(new Frame("a.B$$Lambda$240/0x00007fd5ec1e3c50", "call", null, 0).className())
                .as("frames from any engine or reader").isEqualTo("a.B$$Lambda");
    }
}
