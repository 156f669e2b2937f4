import dev.hotline.core.fleet.*;
import dev.hotline.testing.PostgresServer;

import java.sql.*;
import java.time.*;
import java.util.*;

/**
 * The fleet store's read queries on a generated store: 1,000,000 kept profiles over 7 days (3 services, 12
 * instances, 40 endpoints each, skewed) and 24 h of endpoint minutes (12 instances x 20 endpoints). Prints the median
 * and p95 of each query over 30 runs, and the endpoint figures summed in the database against summed in Java.
 * Starts its own PostgreSQL (Debian's binaries) unless given a URL; takes a few minutes to generate the rows.
 *
 *   M2=$HOME/.m2/repository
 *   java -cp hotline-core/target/classes:hotline-testing/target/classes:$M2/org/postgresql/postgresql/42.7.14/postgresql-42.7.14.jar:\
 *   $M2/org/junit/jupiter/junit-jupiter-api/5.13.4/junit-jupiter-api-5.13.4.jar:$M2/org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar \
 *        bench/FleetQueries.java [- | jdbc:postgresql://...?user=... [profiles [generate]]]
 *
 * With a URL it reads that database's rows, or generates them there first when told to.
 */
public class FleetQueries {
    static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

    public static void main(String[] a) throws Exception {
        PostgresServer pg = null;
        String url;
        int rows = a.length > 1 ? Integer.parseInt(a[1]) : 1_000_000;
        if (a.length > 0 && !a[0].equals("-")) {
            url = a[0];
            if (a.length > 2 && a[2].equals("generate")) generate(url, rows);
        } else {
            pg = PostgresServer.start();
            url = pg.createDatabase("bench");
            long t0 = System.nanoTime();
            generate(url, rows);
            System.out.printf("generated %,d profiles in %.0f s%n", rows, (System.nanoTime() - t0) / 1e9);
        }
        try (FleetReader r = new FleetReader(url, null, null)) {
            Instant h1 = NOW.minus(Duration.ofHours(1)), h24 = NOW.minus(Duration.ofHours(24));
            String id = r.list(new ProfileQuery().page(0, 1)).items().get(0).id();
            String trace = r.list(new ProfileQuery().page(0, 10)).items().stream().map(FleetProfile::traceId)
                    .filter(Objects::nonNull).findFirst().orElseThrow();
            List<Object[]> cases = List.of(
                    c("newest 50, no filter", new ProfileQuery()),
                    c("newest 50, last 1 h", new ProfileQuery().period(h1, null)),
                    c("service, newest", new ProfileQuery().service("search")),
                    c("service + instance, newest", new ProfileQuery().service("billing").instance("billing-2")),
                    c("service + 5xx, last 24 h", new ProfileQuery().service("shop").statusClass(5).period(h24, null)),
                    c("service + status 500, no period", new ProfileQuery().service("shop").status(500)),
                    c("service + GET endpoint, newest", new ProfileQuery().service("shop").method("GET").endpoint("/api/e3/{id}")),
                    c("rare endpoint, newest", new ProfileQuery().service("search").method("GET").endpoint("/api/e39/{id}")),
                    c("version, newest", new ProfileQuery().service("shop").version("1.0")),
                    c("by duration, no filter", new ProfileQuery().sort(ProfileQuery.Sort.DURATION, true)),
                    c("by duration, service, last 24 h", new ProfileQuery().service("shop").period(h24, null).sort(ProfileQuery.Sort.DURATION, true)),
                    c("by duration asc, service", new ProfileQuery().service("billing").sort(ProfileQuery.Sort.DURATION, false)),
                    c("by path, last 1 h", new ProfileQuery().period(h1, null).sort(ProfileQuery.Sort.PATH, false)),
                    c("by path, service, last 24 h", new ProfileQuery().service("search").period(h24, null).sort(ProfileQuery.Sort.PATH, false)),
                    c("by status, last 24 h", new ProfileQuery().period(h24, null).sort(ProfileQuery.Sort.STATUS, true)),
                    c("by instance, service, last 1 h", new ProfileQuery().service("shop").period(h1, null).sort(ProfileQuery.Sort.INSTANCE, false)),
                    c("path contains, last 24 h", new ProfileQuery().pathContains("e7/123").period(h24, null)),
                    c("path contains, no period", new ProfileQuery().pathContains("e7/123")),
                    c("min 1 s, newest", new ProfileQuery().minDurationUs(1_000_000L)),
                    c("trace id", new ProfileQuery().traceId(trace)),
                    c("page at offset 5000", new ProfileQuery().service("shop").page(5000, 50)),
                    c("every filter, last 24 h", new ProfileQuery().service("shop").instance("shop-1").version("1.1").method("GET")
                            .endpoint("/api/e1/{id}").statusClass(2).minDurationUs(10_000L).period(h24, null)));
            for (Object[] cs : cases) {
                ProfileQuery q = (ProfileQuery) cs[1];
                int[] total = new int[1];
                boolean[] capped = new boolean[1];
                time((String) cs[0], () -> {
                    FleetReader.Page p = r.list(q);
                    total[0] = p.total();
                    capped[0] = p.totalCapped();
                });
                System.out.printf("      (total %,d%s)%n", total[0], capped[0] ? "+" : "");
            }
            time("profile by id (a stub row, no parse)", () -> {
                try {
                    r.profile(id);
                } catch (SQLException e) {
                    if (!"22000".equals(e.getSQLState())) throw e; // the generated rows are not gzip'd documents
                }
            });
            time("facets", r::facets);
            time("endpoints, service, 1 h, summed in SQL", () -> r.endpoints("shop", null, h1, null));
            time("endpoints, service, 1 h, summed in Java", () -> javaSum(url, "shop", h1));
            time("endpoints, service, 24 h, summed in SQL", () -> r.endpoints("shop", null, h24, null));
            time("endpoints, service, 24 h, summed in Java", () -> javaSum(url, "shop", h24));
            time("endpoints, all, 24 h, summed in SQL", () -> r.endpoints(null, null, h24, null));
            time("endpoints, all, 24 h, summed in Java", () -> javaSum(url, null, h24));
            time("endpoints, service + version, 24 h, SQL", () -> r.endpoints("shop", "1.1", h24, null));
        } finally {
            if (pg != null) pg.close();
        }
    }

    static Object[] c(String name, ProfileQuery q) {
        return new Object[] {name, q};
    }

    interface Work {
        void run() throws Exception;
    }

    static void time(String name, Work w) throws Exception {
        for (int i = 0; i < 3; i++) w.run();
        long[] t = new long[30];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            w.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        System.out.printf("%-45s median %7.1f ms   p95 %7.1f ms%n", name, t[t.length / 2] / 1e6, t[(int) Math.ceil(0.95 * t.length) - 1] / 1e6);
    }

    /** The other way to add the histograms up: every minute's row to Java. */
    static int javaSum(String url, String service, Instant from) throws SQLException {
        Map<String, LatencyHistogram> h = new HashMap<>();
        try (Connection c = FleetConnections.open(url, null, null);
             PreparedStatement s = c.prepareStatement("SELECT method, endpoint, instance, requests, failed, total_us, max_us, hist_first, "
                     + "histogram FROM hotline_endpoint_minute WHERE (service = ? OR ? IS NULL) AND minute >= ?")) {
            s.setString(1, service);
            s.setString(2, service);
            s.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Integer[] counts = (Integer[]) r.getArray(9).getArray();
                    int[] stored = new int[counts.length];
                    for (int i = 0; i < stored.length; i++) stored[i] = counts[i];
                    h.computeIfAbsent(r.getString(1) + ' ' + r.getString(2), k -> new LatencyHistogram()).add(r.getInt(8), stored);
                }
            }
        }
        return h.size();
    }

    static void generate(String url, int rows) throws SQLException {
        // Generating takes longer than the socket timeout Hotline sets; parameters in the URL take precedence.
        try (Connection c = FleetConnections.open(url + "&socketTimeout=0", null, null); Statement s = c.createStatement()) {
            FleetSchema.migrate(c, "bench");
            List<LocalDate> days = new ArrayList<>();
            for (int d = 8; d >= 0; d--) days.add(LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(d));
            FleetSchema.ensurePartitions(c, days);
            String now = "timestamptz '" + NOW + "'";
            s.execute("SET synchronous_commit = off");
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute("""
                    INSERT INTO hotline_profile (started, id, service, instance, version, method, path, query, endpoint, route,
                      status, duration_us, samples, engine, exact, kept_because, error, trace_id, span_id, profile)
                    SELECT started, to_hex(i) || '-bench', service, service || '-' || (1 + i % 4),
                      CASE WHEN started < now() - interval '3 days' THEN '1.0' ELSE '1.1' END,
                      CASE WHEN k % 5 = 0 THEN 'POST' ELSE 'GET' END, '/api/e' || k || '/' || (i % 100000), NULL,
                      '/api/e' || k || '/{id}', '/api/e' || k || '/{id}', status, duration_us, greatest(1, duration_us / 1000)::int,
                      'async-profiler', false, 'rate', NULL, CASE WHEN i % 2 = 0 THEN md5(i::text) END,
                      CASE WHEN i % 2 = 0 THEN left(md5(i::text), 16) END, decode(md5(i::text), 'hex')
                    FROM (SELECT i, {now} - random() * interval '7 days' AS started,
                            CASE WHEN r1 < 0.6 THEN 'shop' WHEN r1 < 0.9 THEN 'billing' ELSE 'search' END AS service,
                            floor(r2 * r2 * 40)::int AS k,
                            CASE WHEN r3 < 0.01 THEN 500 WHEN r3 < 0.03 THEN 404 ELSE 200 END AS status,
                            (exp(r4 * 7) * 1000)::bigint AS duration_us
                          FROM (SELECT i, random() r1, random() r2, random() r3, random() r4 FROM generate_series(1, {rows}) i) g) x
                    """.replace("{now}", now).replace("{rows}", String.valueOf(rows)));
            s.execute("""
                    INSERT INTO hotline_endpoint_minute (minute, service, instance, version, method, endpoint, requests, failed,
                      total_us, max_us, hist_first, histogram)
                    SELECT m, sv, sv || '-' || n, '1.1', CASE WHEN k % 5 = 0 THEN 'POST' ELSE 'GET' END, '/api/e' || k || '/{id}',
                      50, 1, 50 * 20000, 900000, 30 + k % 8,
                      ARRAY(SELECT CASE WHEN random() < 0.4 THEN 0 ELSE (random() * 6)::int END
                            FROM generate_series(1, 8 + (k + n) % 16) WHERE m IS NOT NULL)
                    FROM generate_series({now} - interval '24 hours', {now}, interval '1 minute') m,
                         unnest(ARRAY['shop', 'billing', 'search']) sv, generate_series(1, 4) n, generate_series(0, 19) k
                    """.replace("{now}", now));
            s.execute("""
                    INSERT INTO hotline_instance SELECT sv, sv || '-' || n, v, {now} - interval '7 days', {now}
                    FROM unnest(ARRAY['shop', 'billing', 'search']) sv, generate_series(1, 4) n, unnest(ARRAY['1.0', '1.1']) v
                    """.replace("{now}", now));
            s.execute("VACUUM ANALYZE");
        }
    }
}
