package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The token, the login cookie and on-demand profiling, through a real Jetty. */
class ResultsPageAccessTest {
    static final String TOKEN = "t0ken-for-tests-0123456789";
    @TempDir
    Path dir;

    private TestServer start(String token) throws Exception {
        HotlineFilter.Builder b = HotlineFilter.builder().profileDir(dir).engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).profileOneIn(1_000_000).minDuration(Duration.ofSeconds(30));
        if (token != null) b.set("ui-token", token);
        return TestServer.builder().filter(b.build()).servlet("/*", Workloads.servlet(() -> GroundTruthWorkload.spin(2))).start();
    }

    private static HttpResponse<String> send(TestServer s, HttpRequest.Builder r) throws Exception {
        return s.client.send(r.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void token_byHeaderOrLoginCookie_wrongOnesRefused() throws Exception {
        try (TestServer s = start(TOKEN)) {
            HttpResponse<String> none = s.get("/_hotline/api/profiles");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).startsWith("{\"error\":").contains("login");
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("X-Hotline-Token", TOKEN + "x")).statusCode())
                    .isEqualTo(401);
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("X-Hotline-Token", TOKEN)).statusCode())
                    .isEqualTo(200);

            HttpResponse<String> page = s.get("/_hotline/");
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(page.headers().firstValue("Location")).contains("/_hotline/login");
            HttpResponse<String> form = s.get("/_hotline/login");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).contains("<form method=\"post\" action=\"/_hotline/login\">").contains("name=\"token\"");
            assertThat(form.headers().firstValue("Content-Security-Policy")).contains(ResultsPageApiTest.CSP);

            HttpResponse<String> wrong = send(s, HttpRequest.newBuilder(s.uri("/_hotline/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=guess")));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
            HttpResponse<String> right = send(s, HttpRequest.newBuilder(s.uri("/_hotline/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(TOKEN, "UTF-8"))));
            assertThat(right.statusCode()).isEqualTo(303);
            assertThat(right.headers().firstValue("Location")).contains("/_hotline/");
            String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("hotline_session=").contains("HttpOnly", "SameSite=Strict", "Path=/_hotline/")
                    .doesNotContain(TOKEN).doesNotContain("Secure");
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("Cookie", pair)).statusCode()).isEqualTo(200);
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/")).header("Cookie", pair)).statusCode()).isEqualTo(200);
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("Cookie", "hotline_session=" + TOKEN))
                    .statusCode()).isEqualTo(401);
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("Cookie", pair + "0")).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void onDemand_onlyForClientsTheAccessRuleAllows() throws Exception {
        try (TestServer s = start(TOKEN)) {
            s.get("/warm-up"); // the first request is the 1 in N
            assertThat(s.get("/work?hotline=1").headers().firstValue("Hotline-Profile")).isEmpty();
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/work")).header("X-Hotline", "1")).headers()
                    .firstValue("Hotline-Profile")).isEmpty();
            HttpResponse<String> forced = send(s, HttpRequest.newBuilder(s.uri("/work?hotline=1")).header("X-Hotline-Token", TOKEN));
            String link = forced.headers().firstValue("Hotline-Profile").orElseThrow();
            String id = link.substring(link.indexOf("#/profile/") + "#/profile/".length());
            awaitStatus(s, "/_hotline/api/profiles/" + id, 200, TOKEN); // kept although faster than min-duration
            HttpResponse<String> byHeader = send(s, HttpRequest.newBuilder(s.uri("/work")).header("X-Hotline", "1")
                    .header("X-Hotline-Token", TOKEN));
            assertThat(byHeader.headers().firstValue("Hotline-Profile")).isPresent();
            assertThat(s.get("/plain").headers().firstValue("Hotline-Profile")).isEmpty();
        }
    }

    @Test
    void noToken_loopbackOnly_forwardedRequestsRefused() throws Exception {
        try (TestServer s = start(null)) {
            assertThat(s.get("/_hotline/api/profiles").statusCode()).isEqualTo(200);
            HttpResponse<String> proxied = send(s, HttpRequest.newBuilder(s.uri("/_hotline/api/profiles")).header("X-Forwarded-For", "203.0.113.9"));
            assertThat(proxied.statusCode()).isEqualTo(403);
            assertThat(proxied.body()).contains("ui-token");
            s.get("/warm-up");
            assertThat(s.get("/work?hotline=1").headers().firstValue("Hotline-Profile")).isPresent();
            assertThat(send(s, HttpRequest.newBuilder(s.uri("/work?hotline=1")).header("X-Forwarded-For", "203.0.113.9"))
                    .headers().firstValue("Hotline-Profile")).isEmpty();
            HttpResponse<String> login = send(s, HttpRequest.newBuilder(s.uri("/_hotline/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("token=x")));
            assertThat(login.statusCode()).isEqualTo(403);
            assertThat(s.get("/_hotline/api/profiles").body()).doesNotContain("/_hotline");
        }
    }

    @Test
    void disabledPage_isTheApplicationsPath() throws Exception {
        HotlineFilter f = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .set("ui-enabled", "false").build();
        try (TestServer s = TestServer.builder().filter(f).servlet("/*", Workloads.servlet(() -> { })).start()) {
            HttpResponse<String> r = s.get("/_hotline/api/profiles");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).doesNotContain("\"total\"");
        }
    }

    static void awaitStatus(TestServer s, String path, int status, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HttpRequest.Builder r = HttpRequest.newBuilder(s.uri(path));
            if (token != null) r.header("X-Hotline-Token", token);
            int got = send(s, r).statusCode();
            if (got == status) return;
            if (System.nanoTime() > deadline) throw new AssertionError(path + " answered " + got + ", not " + status);
            Thread.sleep(50);
        }
    }
}
