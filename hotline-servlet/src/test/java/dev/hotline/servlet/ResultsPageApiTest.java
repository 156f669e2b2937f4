package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint of the results page's API, through a real Jetty with HotlineFilter in front of the app. */
class ResultsPageApiTest {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    @TempDir
    static Path dir;
    static TestServer server;
    static List<String> ids = new ArrayList<>();

    static final class OrdersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            GroundTruthWorkload.spin(5);
            resp.setStatus(req.getRequestURI().endsWith("/404") ? 404 : 200);
            resp.getWriter().write("order");
        }
    }

    static final class StreamingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("first");
            resp.flushBuffer(); // committed: no header can follow
            GroundTruthWorkload.spin(5);
            resp.getWriter().write("second");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        HotlineFilter filter = HotlineFilter.builder().profileDir(dir).engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).build();
        server = TestServer.builder().filter(filter).servlet("/orders/*", new OrdersServlet())
                .servlet("/stream", new StreamingServlet()).servlet("/*", new OrdersServlet()).start();
        for (String p : List.of("/orders/1", "/orders/2", "/orders/3", "/orders/404", "/stream", "/other")) {
            HttpResponse<String> r = server.get(p);
            ids.add(r.headers().firstValue("Hotline-Profile").orElseThrow().replaceAll(".*#/profile/", ""));
        }
        awaitTotal("/_hotline/api/profiles", 6);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static void awaitTotal(String api, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            int total = Integer.parseInt(field(server.get(api).body(), "total"));
            if (total >= n) return;
            if (System.nanoTime() > deadline) throw new AssertionError("only " + total + " profiles listed");
            Thread.sleep(50);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]]*)").matcher(json);
        if (!m.find()) throw new AssertionError("no " + name + " in " + json);
        String v = m.group(1);
        return v.startsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** A request sent as raw bytes, so that malformed targets reach the server as they are. */
    static String raw(String target) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> all(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}\\]]*)").matcher(json);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            String v = m.group(1);
            out.add(v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return out;
    }

    @Test
    void list_newestFirstWithEveryField() throws Exception {
        HttpResponse<String> r = server.get("/_hotline/api/profiles");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        String body = r.body();
        assertThat(field(body, "total")).isEqualTo("6");
        assertThat(field(body, "offset")).isEqualTo("0");
        assertThat(field(body, "limit")).isEqualTo("50");
        for (String f : List.of("id", "method", "path", "query", "status", "start", "durationMs", "samples", "engine", "exact", "route", "endpoint")) {
            assertThat(body).contains("\"" + f + "\":");
        }
        List<String> starts = all(body, "start");
        List<String> sorted = new ArrayList<>(starts);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(starts).isEqualTo(sorted);
        assertThat(all(body, "id")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(all(body, "path")).noneMatch(p -> p.startsWith("/_hotline"));
    }

    @Test
    void list_filtersSortsAndPages() throws Exception {
        assertThat(all(server.get("/_hotline/api/profiles?path=ORDERS").body(), "path"))
                .containsExactlyInAnyOrder("/orders/1", "/orders/2", "/orders/3", "/orders/404");
        assertThat(all(server.get("/_hotline/api/profiles?status=4xx").body(), "path")).containsExactly("/orders/404");
        assertThat(all(server.get("/_hotline/api/profiles?status=404").body(), "path")).containsExactly("/orders/404");
        assertThat(field(server.get("/_hotline/api/profiles?minMs=100000").body(), "total")).isEqualTo("0");
        assertThat(all(server.get("/_hotline/api/profiles?sort=path&order=asc").body(), "path"))
                .containsExactly("/orders/1", "/orders/2", "/orders/3", "/orders/404", "/other", "/stream");
        String page = server.get("/_hotline/api/profiles?sort=path&order=asc&offset=2&limit=2").body();
        assertThat(field(page, "total")).isEqualTo("6");
        assertThat(all(page, "path")).containsExactly("/orders/3", "/orders/404");
        List<String> durations = all(server.get("/_hotline/api/profiles?sort=duration&order=desc").body(), "durationMs");
        for (int i = 1; i < durations.size(); i++) {
            assertThat(Double.parseDouble(durations.get(i))).isLessThanOrEqualTo(Double.parseDouble(durations.get(i - 1)));
        }
    }

    @Test
    void list_badParametersAreClear400s() throws Exception {
        for (String q : List.of("sort=evil", "order=sideways", "limit=0", "limit=501", "limit=abc", "offset=-1",
                "offset=99999999999999", "minMs=-3", "minMs=1e400", "status=6xx", "status=abc", "path=%zz", "limit=%00")) {
            String r = raw("/_hotline/api/profiles?" + q);
            assertThat(r).as(q).startsWith("HTTP/1.1 400").contains("{\"error\":\"").doesNotContain("Exception");
        }
    }

    @Test
    void profile_isTheJsonV1Document() throws Exception {
        HttpResponse<String> r = server.get("/_hotline/api/profiles/" + ids.get(0));
        assertThat(r.statusCode()).isEqualTo(200);
        Profile p = ProfileJson.fromJson(r.body());
        assertThat(p.id()).isEqualTo(ids.get(0));
        assertThat(p.request().path()).isEqualTo("/orders/1");
        assertThat(p.request().route()).isEqualTo("/orders/*");
    }

    @Test
    void profile_badIdsAre4xxAndUnknownIs404() throws Exception {
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", ".hidden", "a%00b", "x".repeat(300), "%C3%A9t%C3%A9",
                "%E2%80%AEabc", "a b", "a%2Fb")) {
            String r = raw("/_hotline/api/profiles/" + bad);
            assertThat(r).as(bad).startsWith("HTTP/1.1 4").doesNotContain("root:").doesNotContain("\"format\"");
        }
        HttpResponse<String> r = server.get("/_hotline/api/profiles/nosuchid-0-0");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(field(r.body(), "error")).contains("no profile");
        assertThat(server.get("/_hotline/api/profiles/..").statusCode()).isBetween(400, 499);
        assertThat(server.get("/_hotline/api/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void page_isServedWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> r = server.get("/_hotline/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<html");
        assertThat(r.headers().firstValue("Content-Security-Policy")).contains(CSP);
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(server.get("/_hotline").statusCode()).isEqualTo(308);
        assertThat(server.get("/_hotline/assets/nothing.js").statusCode()).isEqualTo(404);
        assertThat(raw("/_hotline/assets/..%2F..%2Fweb%2Findex.html")).startsWith("HTTP/1.1 4");
        assertThat(raw("/_hotline/assets/../../../etc/passwd")).startsWith("HTTP/1.1 4");
        assertThat(server.get("/_hotline/assets/.hidden").statusCode()).isEqualTo(404);
    }
}
