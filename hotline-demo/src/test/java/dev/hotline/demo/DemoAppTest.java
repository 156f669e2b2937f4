package dev.hotline.demo;

import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.TextReports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoAppTest {
    @TempDir
    static Path profileDir;

    static DemoApp app;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start(0, profileDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.stop();
    }

    @Test
    void indexListsEveryEndpointAndIsNotProfiled() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        for (DemoApp.Endpoint e : DemoApp.ENDPOINTS) assertThat(r.body()).contains("href=\"" + e.example().replace("&", "&amp;") + "\"");
        assertThat(r.body()).contains(profileDir.toAbsolutePath().normalize().toString());
        get("/cpu?n=1000"); // profiled, and answered after "/": once its profile is in, "/" would be too
        profileOf("/cpu?n=1000");
        assertThat(app.hotline().recentProfiles()).noneMatch(p -> p.request().path().equals("/"));
    }

    @Test
    void cpu() throws Exception {
        HttpResponse<String> r = get("/cpu");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)\\{\"n\": 1500000, \"primes\": 114155, \"ms\": \\d+}\\s*");
        assertShareAbove(profileOf("/cpu"), "Primes", "isPrime", 0.5);
    }

    @Test
    void cpuRejectsABadParameter() throws Exception {
        HttpResponse<String> r = get("/cpu?n=lots");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("n must be a whole number from 2 to 50000000");
    }

    @Test
    void sleep() throws Exception {
        HttpResponse<String> r = get("/sleep");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)\\{\"sku\": \"book-42\", \"price_cents\": \\d+, \"signature\": \"[0-9a-f]{16}\", \"ms\": \\d+}\\s*");
        assertShareAbove(profileOf("/sleep"), "PricingClient", "fetchPriceCents", 0.5);
    }

    @Test
    void lock() throws Exception {
        HttpResponse<String> r = get("/lock");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)\\{\"sku\": \"book-42\", \"reserved\": 1, \"left\": \\d+, \"waited_ms\": (\\d+)}\\s*");
        long waited = Long.parseLong(r.body().replaceAll("(?s).*\"waited_ms\": (\\d+).*", "$1"));
        assertThat(waited).isGreaterThanOrEqualTo(100);
        assertShareAbove(profileOf("/lock"), "Inventory", "reserve", 0.5);
    }

    @Test
    void db() throws Exception {
        HttpResponse<String> r = get("/db");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (r.statusCode() == 503 && System.nanoTime() < deadline) {
            assertThat(r.body()).contains("loading the sample orders");
            Thread.sleep(200);
            r = get("/db");
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)\\{\"note_contains\": \"gate\", \"rows_scanned\": 200000, \"top_products\": "
                + "\\[(\\{\"product\": \"product-\\d+\", \"orders\": \\d+, \"revenue\": [\\d.]+}(, )?){3}], \"ms\": \\d+}\\s*");
        assertShareAbove(profileOf("/db"), "OrdersDatabase", "topProductsWithNoteLike", 0.5);
    }

    @Test
    void fanOutTasksBelongToTheRequest() throws Exception {
        HttpResponse<String> r = get("/fanout");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)\\{\"sku\": \"book-42\", \"quotes\": \\[.*], \"best\": \"\\w+\", \"ms\": \\d+}\\s*");
        for (String supplier : SupplierQuotes.SUPPLIERS) assertThat(r.body()).contains("\"supplier\": \"" + supplier + "\"");
        Profile p = profileOf("/fanout");
        assertThat(p.threads()).anyMatch(t -> t.startsWith("supplier-"));
        assertThat(shareOf(p, "SupplierQuotes", "ask")).isGreaterThan(0.3);
    }

    @Test
    void asyncRequestIsFollowedToCompletion() throws Exception {
        HttpResponse<String> r = get("/async");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s)sales report: 30 days, \\d+ items sold \\(checksum \\d+\\)\\s*");
        Profile p = profileOf("/async");
        assertThat(p.request().durationMillis()).isGreaterThanOrEqualTo(100);
        assertThat(shareOf(p, "AsyncReportServlet", "buildReport")).isGreaterThan(0.5);
    }

    @Test
    void stream() throws Exception {
        HttpResponse<String> r = get("/stream?chunks=5&delay=40");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines()).containsExactly("chunk 1 of 5", "chunk 2 of 5", "chunk 3 of 5", "chunk 4 of 5",
                "chunk 5 of 5", "done");
        Profile p = profileOf("/stream?chunks=5&delay=40");
        assertThat(p.request().durationMillis()).isGreaterThanOrEqualTo(150);
        assertThat(shareOf(p, "StreamServlet", "pause")).isGreaterThan(0.5);
    }

    @Test
    void profilesAreWrittenToTheProfileDirectory() throws Exception {
        for (String path : List.of("/cpu?n=100000", "/sleep?ms=20", "/stream?chunks=2&delay=5")) {
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jsonFiles().size() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(jsonFiles()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aTakenPortFailsWithAHint() {
        assertThatThrownBy(() -> DemoApp.start(app.port(), profileDir))
                .isInstanceOf(DemoApp.PortInUseException.class)
                .hasMessage("Port " + app.port() + " is already in use; start the demo on another one with --port "
                        + (app.port() + 1) + " (or PORT=" + (app.port() + 1) + ")");
    }

    @Test
    void portComesFromTheArgumentThenPortThenDefault() {
        assertThat(DemoApp.port(new String[] {"--port", "9000"}, "9100")).isEqualTo(9000);
        assertThat(DemoApp.port(new String[] {"--port=9001"}, null)).isEqualTo(9001);
        assertThat(DemoApp.port(new String[0], "9100")).isEqualTo(9100);
        assertThat(DemoApp.port(new String[0], null)).isEqualTo(8080);
        assertThatThrownBy(() -> DemoApp.port(new String[] {"--port", "http"}, null))
                .hasMessageStartingWith("--port must be a port number from 0 to 65535, not 'http'");
        assertThatThrownBy(() -> DemoApp.port(new String[] {"--verbose"}, null))
                .hasMessageStartingWith("unknown argument '--verbose'");
    }

    @Test
    void bannerShowsUrlProfilesEngineAndCurlCommands() {
        String banner = app.banner();
        assertThat(banner).startsWith("Hotline demo running at http://localhost:" + app.port() + "/\n");
        assertThat(banner).contains(profileDir.toAbsolutePath().normalize().toString());
        assertThat(banner).contains("Engine:       " + app.hotline().engineName());
        assertThat(banner).contains("Results page: http://localhost:" + app.port() + "/_hotline/");
        for (DemoApp.Endpoint e : DemoApp.ENDPOINTS) {
            assertThat(banner).contains("curl 'http://localhost:" + app.port() + e.example() + "'");
        }
        assertThat(banner).endsWith("Stop with Ctrl+C.");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String target(Profile p) {
        return p.request().path() + (p.request().query() == null ? "" : "?" + p.request().query());
    }

    /** The newest successful profile of {@code path} (with its query, if any); profiles arrive shortly after the response. */
    private static Profile profileOf(String path) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<Profile> p = app.hotline().recentProfiles().stream()
                    .filter(x -> target(x).equals(path) && x.request().status() == 200)
                    .findFirst();
            if (p.isPresent()) return p.get();
            assertThat(System.nanoTime()).as("a profile of " + path + " within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Asserts a share, showing the profile's call tree when it is too low. */
    private static void assertShareAbove(Profile p, String simpleClass, String method, double min) {
        assertThat(shareOf(p, simpleClass, method))
                .as(() -> "share of " + simpleClass + "." + method + " in\n"
                        + TextReports.render(p, ReportOptions.defaults(), EnumSet.of(TextReports.Kind.TREE)))
                .isGreaterThan(min);
    }

    /** Share of the request's sampled time with {@code Class.method} of the demo on the stack. */
    private static double shareOf(Profile p, String simpleClass, String method) {
        String className = "dev.hotline.demo." + simpleClass;
        return p.methods().stream()
                .filter(m -> m.method().className().equals(className) && m.method().methodName().equals(method))
                .mapToDouble(m -> p.share(m.totalNs()))
                .max().orElse(0);
    }

    private static List<Path> jsonFiles() throws IOException {
        if (!Files.isDirectory(profileDir)) return List.of();
        try (Stream<Path> files = Files.walk(profileDir)) {
            return files.filter(f -> f.toString().endsWith(".json")).toList();
        }
    }
}
