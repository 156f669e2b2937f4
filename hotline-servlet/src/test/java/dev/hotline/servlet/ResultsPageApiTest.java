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
            GroundTruthWorkload.spin(50); // long enough for samples on a busy machine: source and exports need some
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
            HttpResponse<String> r = onDemand(p);
            ids.add(r.headers().firstValue("Hotline-Profile").orElseThrow().replaceAll(".*#/profile/", ""));
        }
        awaitTotal("/_hotline/api/profiles", 6);
    }

    /** On demand: the profile is sure to be kept, and the response links to it. */
    static HttpResponse<String> onDemand(String path) throws Exception {
        return server.client.send(HttpRequest.newBuilder(server.uri(path)).header("X-Hotline", "1").build(),
                HttpResponse.BodyHandlers.ofString());
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
        assertThat(Integer.parseInt(field(body, "total"))).isGreaterThanOrEqualTo(6);
        assertThat(field(body, "offset")).isEqualTo("0");
        assertThat(field(body, "limit")).isEqualTo("50");
        for (String f : List.of("id", "method", "path", "query", "status", "start", "durationMs", "samples", "engine", "exact", "route", "endpoint")) {
            assertThat(body).contains("\"" + f + "\":");
        }
        List<String> starts = all(body, "start");
        List<String> sorted = new ArrayList<>(starts);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertThat(starts).isEqualTo(sorted);
        assertThat(all(body, "id")).containsAll(ids);
        assertThat(all(body, "path")).noneMatch(p -> p.startsWith("/_hotline"));
    }

    @Test
    void list_filtersSortsAndPages() throws Exception {
        assertThat(all(server.get("/_hotline/api/profiles?path=ORDERS").body(), "path"))
                .containsExactlyInAnyOrder("/orders/1", "/orders/2", "/orders/3", "/orders/404");
        assertThat(all(server.get("/_hotline/api/profiles?status=4xx").body(), "path")).containsExactly("/orders/404");
        assertThat(all(server.get("/_hotline/api/profiles?status=404").body(), "path")).containsExactly("/orders/404");
        assertThat(field(server.get("/_hotline/api/profiles?minMs=100000").body(), "total")).isEqualTo("0");
        assertThat(all(server.get("/_hotline/api/profiles?sort=path&order=asc&path=/o").body(), "path"))
                .containsExactly("/orders/1", "/orders/2", "/orders/3", "/orders/404", "/other");
        String page = server.get("/_hotline/api/profiles?sort=path&order=asc&offset=2&limit=2&path=/o").body();
        assertThat(field(page, "total")).isEqualTo("5");
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

    @Test
    void source_coversTheHotMethods() throws Exception {
        HttpResponse<String> r = server.get("/_hotline/api/profiles/" + ids.get(0) + "/source");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"methods\":[");
        assertThat(all(r.body(), "class")).isNotEmpty().hasSizeLessThanOrEqualTo(30);
        assertThat(all(r.body(), "found")).allMatch(f -> f.equals("true") || f.equals("false"));
        assertThat(server.get("/_hotline/api/profiles/nosuchid/source").statusCode()).isEqualTo(404);
    }

    @Test
    void download_everyFormatAsAnAttachment() throws Exception {
        for (String f : List.of("hotline", "speedscope", "collapsed", "collapsed-lines", "pprof", "callgrind", "html", "pstats")) {
            HttpResponse<byte[]> r = server.client.send(HttpRequest.newBuilder(server.uri("/_hotline/api/profiles/" + ids.get(0)
                    + "/download?format=" + f)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(f).isEqualTo(200);
            assertThat(r.body().length).as(f).isPositive();
            assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).as(f)
                    .matches("attachment; filename=\"GET\\.orders\\.1\\.[0-9]+ms\\.[0-9]+\\.[A-Za-z0-9.]+\"");
        }
        HttpResponse<String> json = server.get("/_hotline/api/profiles/" + ids.get(0) + "/download");
        assertThat(ProfileJson.fromJson(json.body()).id()).isEqualTo(ids.get(0));
        HttpResponse<String> bad = server.get("/_hotline/api/profiles/" + ids.get(0) + "/download?format=exe");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(field(bad.body(), "error")).contains("speedscope");
    }

    @Test
    void endpoints_groupByRouteWithPercentiles() throws Exception {
        HttpResponse<String> r = server.get("/_hotline/api/endpoints");
        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        assertThat(all(body, "route")).contains("/orders/*", "/stream");
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString("GET /orders/*".getBytes(StandardCharsets.UTF_8));
        assertThat(all(body, "key")).contains(key);
        assertThat(body).contains("\"count\":4");
        for (String f : List.of("p50Ms", "p95Ms", "maxMs", "lastStart", "method")) assertThat(body).contains("\"" + f + "\":");
        assertThat(all(server.get("/_hotline/api/endpoints?sort=route&order=asc").body(), "route").get(0)).isEqualTo("/orders/*");
        assertThat(server.get("/_hotline/api/endpoints?sort=nope").statusCode()).isEqualTo(400);

        HttpResponse<String> one = server.get("/_hotline/api/endpoints/" + key);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).startsWith("{\"endpoint\":{\"key\":\"" + key + "\"").contains("\"count\":4");
        String merged = one.body().substring(one.body().indexOf("\"profile\":") + "\"profile\":".length(), one.body().length() - 1);
        assertThat(ProfileJson.fromJson(merged).lines()).isNotEmpty();
        assertThat(server.get("/_hotline/api/endpoints/" + key + "/source").body()).startsWith("{\"methods\":[");

        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString("GET /nowhere".getBytes(StandardCharsets.UTF_8));
        assertThat(server.get("/_hotline/api/endpoints/" + unknown).statusCode()).isEqualTo(404);
        assertThat(raw("/_hotline/api/endpoints/%%%")).startsWith("HTTP/1.1 4");
        assertThat(server.get("/_hotline/api/endpoints/not*base64").statusCode()).isEqualTo(400);
        assertThat(server.get("/_hotline/api/endpoints/QQ").statusCode()).isEqualTo(400);
    }

    @Test
    void headers_serverTimingWhenNotCommittedOnly() throws Exception {
        HttpResponse<String> small = onDemand("/timing/7");
        assertThat(small.headers().firstValue("Server-Timing").orElseThrow()).matches("hotline;dur=[0-9]+\\.[0-9];desc=\"profile\"");
        assertThat(small.headers().firstValue("Hotline-Profile").orElseThrow()).matches("/_hotline/#/profile/[A-Za-z0-9_.-]+");
        HttpResponse<String> plain = server.get("/timing/8");
        assertThat(plain.headers().firstValue("Server-Timing")).isPresent();
        assertThat(plain.headers().firstValue("Hotline-Profile")).as("kept or not is decided after the response").isEmpty();
        HttpResponse<String> streamed = onDemand("/stream");
        assertThat(streamed.body()).isEqualTo("firstsecond");
        assertThat(streamed.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(streamed.headers().firstValue("Hotline-Profile")).isPresent();
        HttpResponse<String> page = server.get("/_hotline/api/profiles");
        assertThat(page.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(page.headers().firstValue("Hotline-Profile")).isEmpty();
    }

    @Test
    void hostilePathsAndSecretsAreEscapedAndRedacted() throws Exception {
        String hostile = "/h/%3Cscript%3Ealert(1)%3C/script%3E/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
        HttpResponse<String> r = server.client.send(HttpRequest.newBuilder(server.uri(hostile
                + "?password=hunter2&api_key=k-123&q=ok&userPassword=p4ss")).header("Authorization", "Bearer sekrit-bearer")
                .header("Cookie", "SESSION=sekrit-cookie").header("X-Hotline", "1").build(), HttpResponse.BodyHandlers.ofString());
        String id = r.headers().firstValue("Hotline-Profile").orElseThrow().replaceAll(".*#/profile/", "");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (server.get("/_hotline/api/profiles/" + id).statusCode() != 200 && System.nanoTime() < deadline) Thread.sleep(50);
        String list = server.get("/_hotline/api/profiles?path=%2Fh%2F").body();
        assertThat(list).contains("%3Cscript%3E").doesNotContain("<").doesNotContain(">");
        assertThat(field(list, "query")).isEqualTo("password=[redacted]\\u0026api_key=[redacted]\\u0026q=ok\\u0026userPassword=[redacted]");
        String doc = server.get("/_hotline/api/profiles/" + id).body();
        assertThat(doc).doesNotContain("hunter2").doesNotContain("k-123").doesNotContain("sekrit");
        await(() -> filesContaining("/h/").size() == 1);
        for (Path f : filesContaining("/h/")) {
            assertThat(Files.readString(f)).doesNotContain("hunter2").doesNotContain("sekrit").doesNotContain("p4ss");
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Check c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
            Thread.sleep(50);
        }
    }

    static List<Path> filesContaining(String text) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                try {
                    return Files.readString(p).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
        }
    }
}
