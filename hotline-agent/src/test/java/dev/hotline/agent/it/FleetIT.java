package dev.hotline.agent.it;

import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two app JVMs, one with the agent (whose jar brings the driver) and one with the filter (the app brings it), write
 * to one real PostgreSQL; the results page of either shows both.
 */
class FleetIT {

    static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static void awaitCount(String url, String sql, long n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen;
        while ((seen = count(url, sql)) < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("expected " + n + " for " + sql + ", saw " + seen);
            Thread.sleep(100);
        }
    }

    /** The value of the first {@code "name":"..."} in a JSON text. */
    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\":\"");
        if (i < 0) throw new AssertionError("no " + name + " in " + json);
        int from = i + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }

    /** {@code hotline serve --store URL} in a JVM of its own. */
    static final class Viewer implements AutoCloseable {
        final Process process;
        final int port;
        final HttpClient client = HttpClient.newHttpClient();

        private Viewer(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Viewer start(String url) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.hotline.cli.Main", "serve",
                    "--store", url, "--port", String.valueOf(port)).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.contains("serving the fleet store")) {
                p.destroyForcibly();
                throw new AssertionError("hotline serve --store did not start: " + line);
            }
            return new Viewer(p, port);
        }

        String get(String path) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return r.body();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoInstancesWriteToOneStore(@TempDir Path dir) throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.createDatabase("fleet");
            String java = ForkedApp.javas().get(0);
            String agentArgs = "store=" + url + ",service=shop,instance=agent-a,version=1.0,keep-rate=all,text-output=off";
            List<String> filterOptions = List.of("-Dhotline.store=" + url, "-Dhotline.service=shop", "-Dhotline.instance=filter-b",
                    "-Dhotline.version=1.1", "-Dhotline.keep-rate=all");
            try (ForkedApp a = ForkedApp.start(java, agentArgs, ForkedApp.classPath(false), JettyApp.class);
                 ForkedApp b = ForkedApp.start(java, null, ForkedApp.classPath(true), filterOptions, JettyApp.class, "filter",
                         dir.toString())) {
                for (ForkedApp app : List.of(a, b)) {
                    for (int i = 0; i < 5; i++) assertThat(app.get("/shop/loop?n=20000").status()).isEqualTo(200);
                    assertThat(app.get("/shop/fail").status()).isEqualTo(500);
                }
                String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
                for (ForkedApp app : List.of(a, b)) {
                    assertThat(app.get("/shop/hello", "traceparent", "00-" + trace + "-00f067aa0ba902b7-01").status()).isEqualTo(201);
                }
                awaitCount(url, "SELECT count(*) FROM hotline_profile WHERE instance = 'agent-a'", 7);
                awaitCount(url, "SELECT count(*) FROM hotline_profile WHERE instance = 'filter-b'", 7);
                // The trace from traceparent, on both: the caller's span id, as no tracer runs in these apps.
                assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE trace_id = '" + trace
                        + "' AND span_id = '00f067aa0ba902b7' AND path = '/shop/hello'")).isEqualTo(2);
                assertThat(count(url, "SELECT count(DISTINCT version) FROM hotline_profile WHERE service = 'shop'")).isEqualTo(2);
                assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE status = 500")).isEqualTo(2);
                assertThat(count(url, "SELECT count(*) FROM hotline_instance WHERE service = 'shop'")).isEqualTo(2);
                assertThat(a.printed()).doesNotContain("fleet store").doesNotContain("Exception");
                assertThat(b.printed()).doesNotContain("fleet store");

                // The page of either instance shows the whole fleet.
                String fromA = a.get("/_hotline/api/fleet/profiles?from=1h&limit=100").body();
                assertThat(fromA).contains("\"instance\":\"agent-a\"").contains("\"instance\":\"filter-b\"");

                // A viewer with no application: hotline serve --store.
                try (Viewer v = Viewer.start(url)) {
                    String facets = v.get("api/fleet");
                    assertThat(facets).contains("\"on\":true").contains("agent-a").contains("filter-b").contains("\"1.1\"");
                    String all = v.get("api/fleet/profiles?from=1h&limit=100");
                    assertThat(all).contains("\"total\":14");
                    String onlyA = v.get("api/fleet/profiles?from=1h&limit=100&instance=agent-a");
                    assertThat(onlyA).contains("\"total\":7").doesNotContain("filter-b");
                    for (String instance : List.of("agent-a", "filter-b")) {
                        String one = v.get("api/fleet/profiles?from=1h&limit=1&path=/shop/loop&instance=" + instance);
                        String id = field(one, "id");
                        String profile = v.get("api/fleet/profiles/" + id);
                        assertThat(profile).contains("\"id\": \"" + id + "\"").contains("\"path\": \"/shop/loop\"").contains("\"frames\"");
                    }
                    // A trace found by its id, whichever instance served it.
                    assertThat(v.get("api/fleet/profiles?trace=" + trace)).contains("\"total\":2");
                    // Endpoint figures across both instances: every sampled request, written every few seconds.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    String endpoints;
                    do {
                        endpoints = v.get("api/fleet/endpoints?from=1h");
                        if (endpoints.contains("\"requests\":14")) break;
                        Thread.sleep(500);
                    } while (System.nanoTime() < deadline);
                    // The servlet is mapped at /shop/*: every request of the shop is one endpoint, 7 per instance.
                    assertThat(endpoints).contains("\"route\":\"/shop/*\"").contains("\"requests\":14")
                            .contains("\"failed\":2").contains("\"instances\":2");
                }
            }
            // Stopped JVMs wrote their open minutes (on shutdown, when the JVM lets them).
            assertThat(count(url, "SELECT count(*) FROM hotline_schema")).isEqualTo(1);
        }
    }
}
