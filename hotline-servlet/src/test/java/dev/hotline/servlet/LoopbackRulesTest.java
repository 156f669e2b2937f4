package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.ui.Access;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access without a token through a real Jetty: the Host header (DNS rebinding), every forwarding header, cross-site
 * API requests, and the page on its own port (ui-port).
 */
class LoopbackRulesTest {
    private static TestServer start(HotlineFilter f) throws Exception {
        return TestServer.builder().filter(f).servlet("/*", Workloads.servlet(() -> { })).start();
    }

    private static HotlineFilter.Builder filter() {
        return HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF);
    }

    /** The response of a raw HTTP/1.1 request to 127.0.0.1 (the JDK client will not send a Host header of our choice). */
    static String raw(int port, String path, String... headers) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
            for (String h : headers) req.append(h).append("\r\n");
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void dnsRebinding_foreignHostRefused() throws Exception {
        try (TestServer s = start(filter().build())) {
            assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: evil.example"))).isEqualTo(403);
            assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: evil.example:" + s.port))).isEqualTo(403);
            assertThat(status(raw(s.port, "/_hotline/", "Host: evil.example:" + s.port))).isEqualTo(403);
            assertThat(raw(s.port, "/work?hotline=1", "Host: evil.example:" + s.port)).doesNotContainIgnoringCase("hotline-profile:");
            assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: localhost:" + s.port))).isEqualTo(200);
            assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: 127.0.0.1:" + s.port))).isEqualTo(200);
            assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: [::1]:" + s.port))).isEqualTo(200);
        }
    }

    @Test
    void everyForwardingHeader_refused() throws Exception {
        List<String> probed = List.of("Forwarded: for=203.0.113.9", "X-Forwarded-For: 203.0.113.9", "X-Real-IP: 203.0.113.9",
                "X-Client-IP: 203.0.113.9", "True-Client-IP: 203.0.113.9", "CF-Connecting-IP: 203.0.113.9",
                "X-Cluster-Client-IP: 203.0.113.9", "Client-IP: 203.0.113.9", "Fastly-Client-IP: 203.0.113.9",
                "X-Original-Forwarded-For: 203.0.113.9", "Via: 1.1 proxy");
        try (TestServer s = start(filter().build())) {
            for (String h : probed) {
                assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: localhost", h))).as(h).isEqualTo(403);
            }
            for (String name : Access.FORWARDING_HEADERS) {
                assertThat(status(raw(s.port, "/_hotline/api/profiles", "Host: localhost", name + ": x"))).as(name).isEqualTo(403);
            }
        }
    }

    @Test
    void crossSiteApiRequests_refused() throws Exception {
        try (TestServer s = start(filter().build())) {
            String host = "Host: localhost:" + s.port;
            assertThat(status(raw(s.port, "/_hotline/api/profiles", host, "Sec-Fetch-Site: cross-site"))).isEqualTo(403);
            assertThat(status(raw(s.port, "/_hotline/api/profiles", host, "Origin: http://evil.example"))).isEqualTo(403);
            assertThat(status(raw(s.port, "/_hotline/api/profiles", host, "Origin: http://localhost:" + s.port,
                    "Sec-Fetch-Site: same-origin"))).isEqualTo(200);
        }
    }

    @Test
    void uiPort_pageOnItsOwnLoopbackListener_notOnTheApplicationsConnector() throws Exception {
        HotlineFilter f = filter().set("ui-port", "0").build();
        try (TestServer s = start(f)) {
            HttpResponse<String> onApp = s.get("/_hotline/api/profiles");
            assertThat(onApp.body()).as("the application's own answer").doesNotContain("\"total\"");
            s.get("/warm-up");
            assertThat(s.get("/work?hotline=1").headers().firstValue("Hotline-Profile"))
                    .as("no token: the application's clients could be proxied visitors").isEmpty();

            int uiPort = uiPort(f);
            assertThat(uiPort).isNotEqualTo(s.port);
            HttpResponse<String> page = s.client.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + uiPort + "/_hotline/api/profiles"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("\"total\":");
            assertThat(status(raw(uiPort, "/_hotline/api/profiles", "Host: evil.example"))).isEqualTo(403);
            assertThat(status(raw(uiPort, "/_hotline/api/profiles", "Host: localhost", "X-Forwarded-For: 1.2.3.4"))).isEqualTo(403);
            assertThat(status(raw(uiPort, "/elsewhere", "Host: localhost"))).isEqualTo(404);
        }
        assertThat(java.net.InetAddress.getLoopbackAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void uiPort_withToken_onDemandLinkPointsAtTheListener() throws Exception {
        String token = "ui-port-token-0123456789";
        HotlineFilter f = filter().set("ui-port", "0").set("ui-token", token).build();
        try (TestServer s = start(f)) {
            s.get("/warm-up");
            HttpResponse<String> r = s.client.send(HttpRequest.newBuilder(s.uri("/work?hotline=1")).header("X-Hotline-Token", token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Hotline-Profile").orElseThrow()).startsWith("http://127.0.0.1:" + uiPort(f) + "/_hotline/#/profile/");
        }
    }

    /** The listener's port (0 was asked for). */
    private static int uiPort(HotlineFilter f) throws Exception {
        java.lang.reflect.Field field = HotlineFilter.class.getDeclaredField("listener");
        field.setAccessible(true);
        return ((dev.hotline.ui.UiListener) field.get(f)).port();
    }
}
