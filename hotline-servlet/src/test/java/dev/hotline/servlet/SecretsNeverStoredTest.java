package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Secrets in a request's URL reach neither the profile's file name, nor its content, nor the log, nor the API. */
class SecretsNeverStoredTest {
    static final String SECRET = "S3CR3TVALUE";
    @TempDir
    Path dir;
    final Logger jul = Logger.getLogger("dev.hotline");

    @Test
    void pathParametersAndNestedValues_redactedEverywhere() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override public void publish(LogRecord r) { logged.add(new java.util.logging.SimpleFormatter().formatMessage(r)); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(h);
        HotlineFilter f = HotlineFilter.builder().profileDir(dir).engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.LOG).build();
        try (TestServer s = TestServer.builder().filter(f).servlet("/*", Workloads.servlet(() -> GroundTruthWorkload.spin(3))).start()) {
            List<String> urls = List.of("/cpu;jsessionid=" + SECRET, "/a?user%5Bpassword%5D=" + SECRET, "/b?privateKey=" + SECRET,
                    "/c?a=1;otp=" + SECRET, "/d?next=%2Fcb%3Ftoken%3D" + SECRET, "/e?password%00=" + SECRET);
            for (String u : urls) assertThat(s.get(u).statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.hotline().stats().filesWritten() < urls.size() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(f.hotline().stats().filesWritten()).isEqualTo(urls.size());
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    assertThat(p.getFileName().toString()).doesNotContain(SECRET);
                    assertThat(Files.readString(p)).doesNotContain(SECRET);
                }
            }
            assertThat(s.get("/_hotline/api/profiles?limit=500").body()).contains("[redacted]").doesNotContain(SECRET);
            assertThat(String.join("\n", logged)).contains("jsessionid=[redacted]").doesNotContain(SECRET);
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void storeQueryFalse_keepsNoQueryAtAll() throws Exception {
        HotlineFilter f = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .set("store-query", "false").build();
        try (TestServer s = TestServer.builder().filter(f).servlet("/*", Workloads.servlet(() -> { })).start()) {
            s.get("/q?page=2&name=alice");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (f.hotline().recentProfiles().isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(f.hotline().recentProfiles().get(0).request().query()).isNull();
            assertThat(s.get("/_hotline/api/profiles").body()).doesNotContain("alice");
        }
    }
}
