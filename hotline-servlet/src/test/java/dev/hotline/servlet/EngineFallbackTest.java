package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** When the native library cannot load, the pure-Java engine profiles instead, and says so. */
class EngineFallbackTest {

    @Test
    void unloadableNativeLibraryFallsBackToTheJavaEngineAndSaysSo(@TempDir Path tmp) throws Exception {
        Path bogus = Files.writeString(tmp.resolve("libasyncProfiler.so"), "not a shared library");
        TestServer.Profiles profiles = new TestServer.Profiles();
        HotlineFilter filter = HotlineFilter.builder().engine(HotlineConfig.Engine.AUTO)
                .set("async-profiler-library", bogus.toString())
                .textOutput(HotlineConfig.TextOutput.OFF).listener(profiles::add).build();
        try (TestServer server = TestServer.builder()
                .servlet("/alpha", Workloads.servlet(Workloads.AlphaWork::run)).filter(filter).start()) {
            assertThat(filter.hotline().engineName()).isEqualTo("java");
            assertThat(filter.hotline().engineFallbackReason()).contains("async-profiler unavailable").contains(bogus.toString());
            assertThat(server.get("/alpha").statusCode()).isEqualTo(200);
            Profile p = profiles.next();
            assertThat(p.sampling().engine()).isEqualTo("java");
            assertThat(p.notes()).anyMatch(n -> n.contains("async-profiler unavailable") && n.contains(bogus.toString()));
            assertThat(p.sampling().sampleCount()).isGreaterThan(0);
        }
    }
}
