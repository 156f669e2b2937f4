package dev.hotline.core.fleet;

import dev.hotline.core.analysis.ProfileDiff;
import dev.hotline.core.endpoint.Routes;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import static dev.hotline.core.fleet.FleetRows.Part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The fleet store's read side against a real PostgreSQL, with rows written as the schema describes them. */
class FleetReaderTest {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    static PostgresServer pg;
    static String url;
    static FleetReader reader;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        url = pg.createDatabase("fleet");
        try (Connection c = FleetConnections.open(url, null, null)) {
            fill(c);
        }
        reader = new FleetReader(url, null, null);
    }

    @AfterAll
    static void stop() {
        if (reader != null) reader.close();
        if (pg != null) pg.close();
    }

    /**
     * Service shop: shop-1 runs 1.0, shop-2 runs 1.1, where PriceService line 18 got 10 ms slower per request, AuditLog
     * is new and OrderCache is gone. Service billing: one instance, the day before.
     */
    static void fill(Connection c) throws SQLException {
        FleetSchema.migrate(c, "test");
        LocalDate day = LocalDate.ofInstant(T0, ZoneOffset.UTC);
        FleetSchema.ensurePartitions(c, List.of(day.minusDays(1), day));
        for (int i = 0; i < 20; i++) {
            Instant at = T0.plusSeconds(10L * i);
            FleetRows.insertProfile(c, "shop", "shop-1", "1.0", FleetRows.request(String.format("a-%02d", i), "GET", "/orders/" + (100 + i),
                    "/orders/{id}", 200, at, i == 3 ? TRACE : null, new Part(FleetRows.LOAD, 10), new Part(FleetRows.PRICE, 2),
                    new Part(FleetRows.CACHE, 1)));
            FleetRows.insertProfile(c, "shop", "shop-2", "1.1", FleetRows.request(String.format("b-%02d", i), "GET", "/orders/" + (200 + i),
                    "/orders/{id}", 200, at.plusSeconds(5), null, new Part(FleetRows.LOAD, 10), new Part(FleetRows.PRICE, 12),
                    new Part(FleetRows.AUDIT, 1)));
        }
        for (int i = 0; i < 3; i++) {
            FleetRows.insertProfile(c, "shop", "shop-1", "1.0", FleetRows.request("c-" + i, "POST", "/cart", "/cart", 500,
                    T0.plusSeconds(300 + i), null, new Part(FleetRows.LOAD, 1)));
        }
        FleetRows.insertProfile(c, "shop", "shop-2", "1.1", FleetRows.request("d-0", "GET", "/promo/50%_off", null, 404,
                T0.plusSeconds(310), null, new Part(FleetRows.LOAD, 1)));
        FleetRows.insertProfile(c, "shop", "shop-2", "1.1", FleetRows.request("d-1", "GET", "/promo/50x_off", null, 404,
                T0.plusSeconds(311), null, new Part(FleetRows.LOAD, 1)));
        for (int i = 0; i < 5; i++) {
            FleetRows.insertProfile(c, "billing", "bill-1", "2.0", FleetRows.request("e-" + i, "GET", "/invoices", "/invoices", 200,
                    T0.minus(Duration.ofDays(1)).plusSeconds(i), null, new Part(FleetRows.LOAD, 40)));
        }
        FleetRows.insertInstance(c, "shop", "shop-1", "1.0", T0, T0.plusSeconds(400));
        FleetRows.insertInstance(c, "shop", "shop-2", "1.1", T0, T0.plusSeconds(350));
        FleetRows.insertInstance(c, "billing", "bill-1", "2.0", T0.minus(Duration.ofDays(1)), T0.minus(Duration.ofDays(1)).plusSeconds(60));

        // One minute of GET /orders/{id}: 90 fast requests on shop-1, 10 slow ones on shop-2.
        long[] fast = new long[90], slow = new long[10];
        java.util.Arrays.fill(fast, 1_000);
        java.util.Arrays.fill(slow, 100_000);
        FleetRows.insertMinute(c, T0, "shop", "shop-1", "1.0", "GET", "/orders/{id}", 0, fast);
        FleetRows.insertMinute(c, T0, "shop", "shop-2", "1.1", "GET", "/orders/{id}", 1, slow);
        FleetRows.insertMinute(c, T0.plusSeconds(300), "shop", "shop-1", "1.0", "POST", "/cart", 3, 2_000, 2_000, 3_000);
        FleetRows.insertMinute(c, T0.minus(Duration.ofDays(1)), "billing", "bill-1", "2.0", "GET", "/invoices", 0, 40_000);
    }

    static List<String> ids(Consumer<ProfileQuery> filters) throws SQLException {
        ProfileQuery q = new ProfileQuery().page(0, 500);
        filters.accept(q);
        return reader.list(q).items().stream().map(FleetProfile::id).toList();
    }

    @Test
    void list_newestFirst_withEveryColumn() throws SQLException {
        FleetReader.Page page = reader.list(new ProfileQuery().service("shop"));
        assertThat(page.total()).isEqualTo(45);
        assertThat(page.totalCapped()).isFalse();
        assertThat(page.items()).hasSize(45);
        assertThat(page.items().get(0).id()).isEqualTo("d-1");
        FleetProfile cart = page.items().stream().filter(p -> p.id().equals("c-2")).findFirst().orElseThrow();
        assertThat(cart).isEqualTo(new FleetProfile("c-2", T0.plusSeconds(302), "shop", "shop-1", "1.0", "POST", "/cart", null,
                "/cart", "/cart", 500, 1_200, 1, "async-profiler", false, null, "java.lang.IllegalStateException: x", null, null));
    }

    @Test
    void list_filters() throws SQLException {
        assertThat(ids(q -> q.service("shop").instance("shop-2"))).hasSize(22).allMatch(id -> id.startsWith("b-") || id.startsWith("d-"));
        assertThat(ids(q -> q.version("1.0"))).hasSize(23);
        assertThat(ids(q -> q.method("GET").endpoint("/orders/{id}"))).hasSize(40);
        assertThat(ids(q -> q.method("POST").endpoint("/orders/{id}"))).isEmpty();
        assertThat(ids(q -> q.endpoint(Routes.UNMATCHED))).containsExactly("d-1", "d-0");
        assertThat(ids(q -> q.status(500))).containsExactly("c-2", "c-1", "c-0");
        assertThat(ids(q -> q.statusClass(4))).containsExactly("d-1", "d-0");
        assertThat(ids(q -> q.statusClass(2))).hasSize(45);
        // The pattern's own characters are literal text.
        assertThat(ids(q -> q.pathContains("50%_"))).containsExactly("d-0");
        assertThat(ids(q -> q.pathContains("PROMO/50"))).containsExactly("d-1", "d-0");
        assertThat(ids(q -> q.minDurationUs(20_000L))).hasSize(25).allMatch(id -> id.startsWith("b-") || id.startsWith("e-"));
        assertThat(ids(q -> q.period(T0, T0.plusSeconds(100)))).hasSize(20);
        assertThat(ids(q -> q.period(null, T0))).containsExactly("e-4", "e-3", "e-2", "e-1", "e-0");
        assertThat(ids(q -> q.traceId(TRACE))).containsExactly("a-03");
        assertThat(ids(q -> q.service("shop' OR '1'='1"))).isEmpty();
        assertThat(ids(q -> q.service("shop").instance("shop-1").status(500).period(T0, null))).hasSize(3);
    }

    @Test
    void list_sortsAndPages() throws SQLException {
        List<FleetProfile> byDuration = reader.list(new ProfileQuery().sort(ProfileQuery.Sort.DURATION, true).page(0, 500)).items();
        assertThat(byDuration).hasSize(50);
        assertThat(byDuration.get(0).service()).isEqualTo("billing");
        for (int i = 1; i < byDuration.size(); i++) {
            assertThat(byDuration.get(i).durationUs()).isLessThanOrEqualTo(byDuration.get(i - 1).durationUs());
        }
        List<FleetProfile> byPath = reader.list(new ProfileQuery().sort(ProfileQuery.Sort.PATH, false).page(0, 3)).items();
        assertThat(byPath).extracting(FleetProfile::path).containsExactly("/cart", "/cart", "/cart");
        assertThat(byPath).extracting(FleetProfile::id).containsExactly("c-2", "c-1", "c-0"); // ties newest first
        assertThat(reader.list(new ProfileQuery().sort(ProfileQuery.Sort.SERVICE, false).page(0, 1)).items().get(0).service())
                .isEqualTo("billing");
        assertThat(reader.list(new ProfileQuery().sort(ProfileQuery.Sort.STATUS, true).page(0, 1)).items().get(0).status()).isEqualTo(500);
        assertThat(reader.list(new ProfileQuery().sort(ProfileQuery.Sort.INSTANCE, true).page(0, 1)).items().get(0).instance())
                .isEqualTo("shop-2");

        // Pages of 7 cover the list once each, in order, and each knows the total.
        List<String> all = ids(q -> q.service("shop"));
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 50; offset += 7) {
            FleetReader.Page page = reader.list(new ProfileQuery().service("shop").page(offset, 7));
            assertThat(page.total()).isEqualTo(45);
            page.items().forEach(p -> paged.add(p.id()));
        }
        assertThat(paged).isEqualTo(all);
        assertThat(new HashSet<>(paged)).hasSize(45);
    }

    @Test
    void list_totalIsCappedCheaply() throws Exception {
        String capped = pg.createDatabase("capped");
        try (Connection c = FleetConnections.open(capped, null, null)) {
            FleetSchema.migrate(c, "test");
            FleetSchema.ensurePartitions(c, List.of(LocalDate.ofInstant(T0, ZoneOffset.UTC)));
        }
        pg.psql("capped", "INSERT INTO hotline_profile (started, id, service, instance, version, method, path, endpoint, status, "
                + "duration_us, samples, engine, exact, profile) SELECT timestamptz '2026-11-21 10:00:00+00' + i * interval '1 ms', "
                + "'bulk-' || i, 'bulk', 'bulk-1', '', 'GET', '/b/' || i, '/b/{id}', 200, i, 1, 'java', false, '\\x00'::bytea "
                + "FROM generate_series(1, 10050) i");
        try (FleetReader r = new FleetReader(capped, null, null)) {
            FleetReader.Page page = r.list(new ProfileQuery().page(0, 10));
            assertThat(page.total()).isEqualTo(FleetReader.TOTAL_CAP);
            assertThat(page.totalCapped()).isTrue();
            assertThat(page.items()).extracting(FleetProfile::id).startsWith("bulk-10050", "bulk-10049");
            FleetReader.Page narrow = r.list(new ProfileQuery().minDurationUs(10_001L).page(0, 10));
            assertThat(narrow.total()).isEqualTo(50);
            assertThat(narrow.totalCapped()).isFalse();
        }
    }

    @Test
    void profile_byId_isTheStoredDocument() throws SQLException {
        Profile p = reader.profile("b-03");
        assertThat(p.request().path()).isEqualTo("/orders/203");
        assertThat(p.request().route()).isEqualTo("/orders/{id}");
        assertThat(p.lines()).anyMatch(l -> l.frame().equals(FleetRows.PRICE) && l.totalNs() == 12_000_000);
        assertThat(reader.profile("no-such-id")).isNull();
    }

    @Test
    void facets_servicesInstancesVersions() throws SQLException {
        FleetReader.Facets f = reader.facets();
        assertThat(f.services()).containsExactly("billing", "shop");
        assertThat(f.instances()).extracting(FleetReader.Instance::instance).containsExactly("shop-1", "shop-2", "bill-1");
        assertThat(f.instances().get(0)).isEqualTo(new FleetReader.Instance("shop", "shop-1", "1.0", T0, T0.plusSeconds(400)));
        assertThat(f.versions()).containsExactly("1.0", "1.1", "2.0");
    }

    @Test
    void endpoints_percentilesFromHistogramsSummedAcrossInstances() throws SQLException {
        List<FleetReader.Endpoint> all = reader.endpoints("shop", null, T0, T0.plusSeconds(3600));
        assertThat(all).extracting(FleetReader.Endpoint::endpoint).containsExactly("/orders/{id}", "/cart");
        FleetReader.Endpoint orders = all.get(0);
        assertThat(orders.requests()).isEqualTo(100);
        assertThat(orders.failed()).isEqualTo(1);
        assertThat(orders.instances()).isEqualTo(2);
        assertThat(orders.maxUs()).isEqualTo(100_000);
        assertThat(orders.meanUs()).isEqualTo(10_900.0);
        // 90 % of the requests took 1 ms, the slowest 10 % 100 ms: only both instances together give these.
        assertThat(orders.p50Us()).isCloseTo(1_000, within(90.0));
        assertThat(orders.p95Us()).isCloseTo(100_000, within(9_000.0));
        assertThat(orders.p99Us()).isCloseTo(100_000, within(9_000.0));

        FleetReader.Endpoint v11 = reader.endpoints("shop", "1.1", null, null).get(0);
        assertThat(v11.requests()).isEqualTo(10);
        assertThat(v11.instances()).isEqualTo(1);
        assertThat(v11.p50Us()).isCloseTo(100_000, within(9_000.0));

        // The period: whole minutes that overlap it.
        assertThat(reader.endpoints("shop", null, T0.plusSeconds(330), null)).extracting(FleetReader.Endpoint::endpoint).containsExactly("/cart");
        assertThat(reader.endpoints(null, null, null, T0)).extracting(FleetReader.Endpoint::endpoint).containsExactly("/invoices");
        assertThat(reader.endpoints("nobody", null, null, null)).isEmpty();
    }

    @Test
    void endpointProfiles_newestFirstAtMostN() throws SQLException {
        List<Profile> p = reader.endpointProfiles("shop", "GET", "/orders/{id}", new FleetReader.Slice("1.0", null, null), 5);
        assertThat(p).extracting(Profile::id).containsExactly("a-19", "a-18", "a-17", "a-16", "a-15");
        List<Profile> early = reader.endpointProfiles("shop", "GET", "/orders/{id}", new FleetReader.Slice(null, T0, T0.plusSeconds(10)), 50);
        assertThat(early).extracting(Profile::id).containsExactly("b-00", "a-00");
    }

    @Test
    void compare_twoVersions_findsTheLineThatGotSlower() throws SQLException {
        FleetReader.Comparison c = reader.compare("shop", "GET", "/orders/{id}", new FleetReader.Slice("1.0", null, null),
                new FleetReader.Slice("1.1", null, null), ReportOptions.defaults());
        assertThat(c.profilesA()).isEqualTo(20);
        assertThat(c.profilesB()).isEqualTo(20);
        List<ProfileDiff.Entry> lines = c.lines();
        ProfileDiff.Entry first = lines.get(0);
        assertThat(first.frame()).isEqualTo(FleetRows.PRICE);
        assertThat(c.meanDeltaNs(first)).isEqualTo(10_000_000.0);
        assertThat(first.ratio()).isEqualTo(6.0);
        ProfileDiff.Entry audit = lines.stream().filter(e -> e.frame().equals(FleetRows.AUDIT)).findFirst().orElseThrow();
        assertThat(audit.isNew()).isTrue();
        ProfileDiff.Entry cache = lines.stream().filter(e -> e.frame().equals(FleetRows.CACHE)).findFirst().orElseThrow();
        assertThat(cache.isVanished()).isTrue();
        ProfileDiff.Entry load = lines.stream().filter(e -> e.frame().equals(FleetRows.LOAD)).findFirst().orElseThrow();
        assertThat(c.meanDeltaNs(load)).isZero();
        assertThat(lines).noneMatch(e -> e.frame().equals(FleetRows.RUN)); // library code left out by the defaults

        // Sides of different sizes compare per request: 5 slow requests against 20 fast ones still say +10 ms.
        FleetReader.Comparison uneven = reader.compare("shop", "GET", "/orders/{id}", new FleetReader.Slice("1.0", null, null),
                new FleetReader.Slice("1.1", T0.plusSeconds(150), null), ReportOptions.defaults());
        assertThat(uneven.profilesB()).isEqualTo(5);
        assertThat(uneven.lines().get(0).frame()).isEqualTo(FleetRows.PRICE);
        assertThat(uneven.meanDeltaNs(uneven.lines().get(0))).isEqualTo(10_000_000.0);

        FleetReader.Comparison empty = reader.compare("shop", "GET", "/orders/{id}", new FleetReader.Slice("9.9", null, null),
                new FleetReader.Slice("1.1", null, null), ReportOptions.defaults());
        assertThat(empty.profilesA()).isZero();
        assertThat(empty.diff()).isNull();
        assertThat(empty.lines()).isEmpty();
    }

    @Test
    void connections_notAPostgresUrl_isAClearError() {
        assertThatThrownBy(() -> FleetConnections.open("jdbc:mysql://localhost/x", null, null))
                .isInstanceOf(SQLException.class).hasMessageContaining("not a PostgreSQL JDBC URL");
    }

    @Test
    void pool_holdsAFewConnections_andClosesThemWithTheReader() throws Exception {
        // A parameter in the URL wins over Hotline's own (ApplicationName=hotline): the pool's connections are told apart.
        String tagged = url + "&ApplicationName=pooltest";
        String count = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pooltest'";
        try (FleetReader r = new FleetReader(tagged, null, null)) {
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(12);
            try {
                List<java.util.concurrent.Future<FleetReader.Page>> pages = new ArrayList<>();
                for (int i = 0; i < 48; i++) pages.add(threads.submit(() -> r.list(new ProfileQuery().service("shop"))));
                for (var page : pages) assertThat(page.get().total()).isEqualTo(45);
            } finally {
                threads.shutdownNow();
            }
            assertThat(Integer.parseInt(pg.psql("fleet", count))).isBetween(1, FleetReader.POOL_SIZE);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Integer.parseInt(pg.psql("fleet", count)) > 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(Integer.parseInt(pg.psql("fleet", count))).isZero();
    }

    @Test
    void connections_withoutTheDriver_nameTheArtifact() throws Exception {
        // Hotline's classes alone, as in an application that lacks the driver.
        java.net.URL core = FleetConnections.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader alone = new java.net.URLClassLoader(new java.net.URL[] {core}, ClassLoader.getPlatformClassLoader())) {
            java.lang.reflect.Method open = alone.loadClass(FleetConnections.class.getName())
                    .getMethod("open", String.class, String.class, String.class);
            assertThatThrownBy(() -> {
                try {
                    open.invoke(null, url, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            }).isInstanceOf(SQLException.class).hasMessageContaining("org.postgresql:postgresql");
        }
    }

    @Test
    void reader_recoversAfterTheServerRestarts_andRefusesOnceClosed() throws SQLException {
        try (FleetReader r = new FleetReader(url, null, null)) {
            assertThat(r.facets().services()).contains("shop");
            pg.stop();
            pg.startServer();
            // The pooled connection died with the server; the reader finds out and takes a fresh one.
            assertThat(r.facets().services()).contains("shop");
            assertThat(reader.facets().services()).contains("shop");
            r.close();
            assertThatThrownBy(r::facets).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        }
    }
}
