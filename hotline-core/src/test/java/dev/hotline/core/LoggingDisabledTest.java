package dev.hotline.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM started with {@code -Xlog:disable}: the JDK's own JFR reader fails on such a JVM, which once left the
 * native engine with profiles of no samples. Hotline reads async-profiler's output itself, so every profile has its
 * samples; were reading to fail, the engine would fall back to the pure-Java one and say so.
 */
class LoggingDisabledTest {

    @Test
    void withXlogDisable_everyProfileHasSamples() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xlog:disable", "-cp", System.getProperty("java.class.path"),
                LoggingDisabledApp.class.getName()).redirectErrorStream(true).start();
        String out;
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the app ends").isTrue();
        } finally {
            out = read(p);
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).as(out).isZero();
        List<String> profiles = out.lines().filter(l -> l.startsWith("profile ")).toList();
        assertThat(profiles).as(out).hasSize(5);
        String summary = out.lines().filter(l -> l.startsWith("engine now=")).findFirst().orElseThrow();
        boolean fellBack = !summary.contains("fallback=null");
        for (String line : profiles) {
            assertThat(line).as(out).doesNotContain("samples=0");
            if (!fellBack) assertThat(line).as(out).doesNotContain("may lack samples");
        }
        if (fellBack) assertThat(out).contains("engine: java");
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
