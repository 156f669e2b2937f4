package dev.hotline.agent.it;

import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
            }
            // Stopped JVMs wrote their open minutes (on shutdown, when the JVM lets them).
            assertThat(count(url, "SELECT count(*) FROM hotline_schema")).isEqualTo(1);
        }
    }
}
