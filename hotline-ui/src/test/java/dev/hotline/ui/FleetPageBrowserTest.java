package dev.hotline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fleet views in real headless Chromium: a real PostgreSQL holds {@link FleetFixture}'s fleet, the JDK's HTTP server
 * serves the page over it, and {@code src/test/browser/fleet.mjs} drives the browser. Skipped when node, Chromium or
 * playwright-core are missing, except on CI (CI=true). {@code -Dhotline.screenshots=DIR} saves a picture of each view.
 */
class FleetPageBrowserTest {
    static final Path SCRIPTS = Path.of("src", "test", "browser").toAbsolutePath();
    static final Path PLAYWRIGHT = Path.of("node_modules", "playwright-core").toAbsolutePath();
    static final Path INDEX = Path.of("src", "main", "resources", "dev", "hotline", "ui", "web", "index.html").toAbsolutePath();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));

    static PostgresServer pg;
    static FleetReader reader;
    static HttpServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        requireTools();
        pg = PostgresServer.start();
        String url = pg.createDatabase("fleet");
        // Written half an hour ago: inside the page's default period, the last hour.
        FleetFixture.fill(url, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30)));
        reader = new FleetReader(url, null, null);
        ResultsPage page = new ResultsPage("/_hotline/", new ProfileStore(List::of, null).withFleet(reader), new Access(null), null);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fleet-page");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/_hotline/", ex -> {
            try (ex) {
                answer(page, ex);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/_hotline/";
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop(0);
        if (reader != null) reader.close();
        if (pg != null) pg.close();
    }

    @Test
    void fleetList_filterByInstance_profile_endpoints_compare() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve("fleet.mjs").toString(), base));
        String shots = System.getProperty("hotline.screenshots");
        if (shots != null) command.add(shots);
        System.out.println(run(command, 300));
    }

    private static void answer(ResultsPage page, HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String path = raw.substring("/_hotline/".length());
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        });
        UiResponse r = page.handle(new UiRequest(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers,
                ex.getRemoteAddress().getAddress().getHostAddress(), false, null));
        if (path.isEmpty() && r.status() == 200) {
            // The test class path holds a placeholder page for the server-side tests: the real one comes from the sources.
            String html = ResultsPage.withoutSignOut(Files.readString(INDEX));
            UiResponse real = UiResponse.text(200, "text/html; charset=utf-8", html);
            r.headers().forEach((k, v) -> { if (!k.equals("Content-Length")) real.header(k, v); });
            r = real;
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
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
        for (String dir : path.split(File.pathSeparator)) if (Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }

    /** Runs a command in the scripts' directory, failing with its output when it fails or outlives timeoutSeconds. */
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
}
