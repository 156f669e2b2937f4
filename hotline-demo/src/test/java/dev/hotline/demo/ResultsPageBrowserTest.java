package dev.hotline.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The results page in real headless Chromium: the demo app with HotlineFilter serves it, the Playwright scripts in
 * hotline-ui/src/test/browser drive the browser. Skipped when node, Chromium or playwright-core are missing, except
 * on CI (CI=true), where that is a failure.
 */
class ResultsPageBrowserTest {
    static final Path SCRIPTS = Path.of("..", "hotline-ui", "src", "test", "browser").toAbsolutePath().normalize();
    static final Path PLAYWRIGHT = SCRIPTS.resolve("../../../node_modules/playwright-core").normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final String HOSTILE_ID = "hostile-0001";
    static final String BIG_ID = "big-0001";
    static final String SINGLE_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", SHARED_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    static Path profileDir;

    static DemoApp app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        requireTools();
        Files.writeString(profileDir.resolve("GET._script_.000001ms.1795291200.json"), hostileProfile(), StandardCharsets.UTF_8);
        String out = run(List.of("node", SCRIPTS.resolve("big-profile.mjs").toString(),
                profileDir.resolve("GET.big.profile.100000ms.1795291200.json").toString(), BIG_ID), 120);
        app = DemoApp.start(0, profileDir);
        base = "http://127.0.0.1:" + app.port() + "/_hotline/";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // The first request alone in its trace, the other two sharing one.
        String[] traces = {SINGLE_TRACE, SHARED_TRACE, SHARED_TRACE};
        List<String> paths = List.of("/cpu?n=400000", "/sleep?ms=60", "/cpu?n=200000");
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                            .header("traceparent", "00-" + traces[i] + "-00f067aa0ba902b" + i + "-01").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
        // Profiles are written after the response: wait until the API lists all five.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/profiles")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"total\":5")) break;
            if (System.nanoTime() > deadline) fail("profiles did not appear in the list: " + r.statusCode() + " " + r.body() + out);
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) app.stop();
    }

    @Test
    void resultsPage_listFlameGraphCallTreeHotLinesFunctionsSpeedscopeAndHostilePaths() throws Exception {
        String out = run(List.of("node", SCRIPTS.resolve("results-page.mjs").toString(), base, HOSTILE_ID), 300);
        System.out.println(out);
        assertThat(out).contains("ok   a trace opens its profile, or the list of its requests");
    }

    @Test
    void largeProfile_rendersFromListToFlameGraph() throws Exception {
        String out = run(List.of("node", SCRIPTS.resolve("render-time.mjs").toString(), base, BIG_ID, "3"), 300);
        System.out.println(out); // the render time, for the benchmarks
    }

    static void requireTools() {
        List<String> missing = new ArrayList<>();
        if (!onPath("node")) missing.add("node (install nodejs)");
        if (!Files.isExecutable(CHROMIUM)) missing.add(CHROMIUM + " (install chromium)");
        if (!Files.isDirectory(PLAYWRIGHT)) missing.add(PLAYWRIGHT + " (build hotline-ui: its npm ci installs playwright-core)");
        if (missing.isEmpty()) return;
        String reason = "browser tests need " + String.join(", ", missing);
        if ("true".equals(System.getenv("CI"))) fail(reason);
        assumeTrue(false, reason);
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) if (Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }

    /** Runs a command, failing with its output when it fails or outlives timeoutSeconds. */
    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) { in.transferTo(buffer); } catch (IOException ignored) { /* process ended */ }
        });
        reader.start();
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        reader.join(5000);
        String out = buffer.toString(StandardCharsets.UTF_8);
        if (!ended) fail(command + " did not end within " + timeoutSeconds + " s:\n" + out);
        if (p.exitValue() != 0) fail(command + " failed (exit " + p.exitValue() + "):\n" + out);
        return out;
    }

    /** A stored request whose path, query, class and method names carry HTML and script payloads. */
    static String hostileProfile() {
        String path = "/x/<script>window.__hotlinePwned=true;alert(1)</script>/\\\"><img src=x onerror=window.__hotlinePwned=true>";
        String method = "run\\\"><img src=x onerror=alert(2)>";
        return """
                {"format": "hotline-profile", "version": 1, "id": "%s",
                 "request": {"method": "GET", "path": "%s", "query": "q=<\\/script><script>alert(3)<\\/script>", "status": 200,
                   "start": "2026-11-21T10:00:00Z", "durationNs": 3000000, "error": null},
                 "engine": "java", "intervalNs": 1000000, "sampleCount": 3,
                 "notes": ["<img src=x onerror=alert(4)>"],
                 "threads": ["<b>t</b>"],
                 "frames": [
                   {"class": "java.lang.Thread", "method": "run", "file": "Thread.java", "line": 840},
                   {"class": "com.acme.<script>Evil", "method": "%s", "file": "<img src=x>.java", "line": 7}],
                 "nodes": [[-1, -1, 3000000, 0, 3], [0, 0, 3000000, 0, 3], [1, 1, 3000000, 3000000, 3]],
                 "samples": [[0, 1000000, 1000000, 1, 2], [0, 2000000, 1000000, 1, 2], [0, 3000000, 1000000, 1, 2]],
                 "lines": [
                   {"class": "java.lang.Thread", "method": "run", "file": "Thread.java", "line": 840, "totalNs": 3000000, "selfNs": 0, "samples": 3},
                   {"class": "com.acme.<script>Evil", "method": "%s", "file": "<img src=x>.java", "line": 7, "totalNs": 3000000, "selfNs": 3000000, "samples": 3}],
                 "methods": [
                   {"class": "java.lang.Thread", "method": "run", "file": "Thread.java", "totalNs": 3000000, "selfNs": 0, "samples": 3},
                   {"class": "com.acme.<script>Evil", "method": "%s", "file": "<img src=x>.java", "totalNs": 3000000, "selfNs": 3000000, "samples": 3}]}
                """.formatted(HOSTILE_ID, path, method, method, method);
    }
}
