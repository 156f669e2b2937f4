package dev.hotline.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Why the native engine is not available, told precisely enough to act on. */
class AsyncProfilerEngineFallbackTest {

    @Test
    void bogusLibrary_isUnavailableNamingThePath(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("not-a-profiler.so");
        Files.writeString(bogus, "this is not a shared library");

        assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(1_000_000, bogus.toString()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("cannot load async-profiler from " + bogus);
    }

    @Test
    void bogusLibrary_isRefusedBeforeTheJvmTriesIt(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("not-a-profiler.so");
        Files.writeString(bogus, "this is not a shared library");

        assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(1_000_000, bogus.toString()))
                .hasMessageEndingWith("not a shared library");
    }

    @Test
    void missingLibrary_isUnavailableNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere/libasync.so");

        assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(1_000_000, missing.toString()))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("cannot load async-profiler from " + missing)
                .hasMessageContaining("NoSuchFileException");
    }

    @Test
    void profilerStartedBySomeoneElse_isLeftAlone() throws Exception {
        AsyncProfilerEngineTest.startOrSkip(1_000_000).close();   // skips where the library cannot load
        one.profiler.AsyncProfiler other = one.profiler.AsyncProfiler.getInstance();
        other.execute("start,event=wall,interval=10ms");
        try {
            assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(1_000_000))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessageContaining("already running");
        } finally {
            other.stop();
        }
    }

    @Test
    void platforms_onlyThoseTheJarHasALibraryFor() {
        assertThat(AsyncProfilerLoader.platform("Linux", "amd64")).isEqualTo("linux-x64");
        assertThat(AsyncProfilerLoader.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
        assertThat(AsyncProfilerLoader.platform("Mac OS X", "aarch64")).isEqualTo("macos");
        assertThat(AsyncProfilerLoader.platform("Mac OS X", "x86_64")).isEqualTo("macos");
        assertThat(AsyncProfilerLoader.platform("Windows 11", "amd64")).isNull();
        assertThat(AsyncProfilerLoader.platform("Linux", "ppc64le")).isNull();
        assertThat(AsyncProfilerLoader.platform("Linux", "riscv64")).isNull();
    }

    @Test
    void intervalBelowTheProfilersFloor_isRejected() {
        assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(50_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100 us");
    }
}
