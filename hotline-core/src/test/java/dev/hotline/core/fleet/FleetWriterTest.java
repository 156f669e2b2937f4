package dev.hotline.core.fleet;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet store's writer against a real PostgreSQL: what is written, outages, duplicates, migration, retention. */
class FleetWriterTest {
    private static PostgresServer pg;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startDatabase() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (pg != null) pg.close();
    }

    private static String newDatabase() {
        return pg.createDatabase("fleet" + DATABASES.incrementAndGet());
    }

    static HotlineConfig.Builder config(String url, String instance) {
        return HotlineConfig.builder().explicitSource("test").set("engine", "java").set("text-output", "off")
                .systemProperties(new Properties()).environment(Map.of())
                .keepRate("all").store(url).service("shop").instance(instance).version("1.0");
    }

    static void request(Hotline h, String path, int status, long spinMs) {
        RequestProfile p = h.begin("GET", path, null);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spinMs);
        long x = 0;
        while (System.nanoTime() < end) x = (x * 31 + 7) % 1_000_003;
        if (x == 42) System.out.print("");
        if (p != null) {
            p.detach();
            p.end(status, null);
        }
    }

    static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    static long count(String url, String sql) throws Exception {
        try (Connection c = FleetConnections.open(url, null, null); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void keptProfilesAndMinuteFiguresReachTheStore() throws Exception {
        String url = newDatabase();
        List<Profile> kept = new ArrayList<>();
        try (Hotline h = Hotline.start(config(url, "a-1").build())) {
            h.addListener(p -> {
                synchronized (kept) {
                    kept.add(p);
                }
            });
            for (int i = 0; i < 30; i++) request(h, "/orders/" + i, i % 10 == 0 ? 500 : 200, 2);
            await("30 profiles written", Duration.ofSeconds(30), () -> h.fleetStats().profilesWritten() == 30);
            assertThat(h.fleetIdentity()).isEqualTo(new FleetIdentity("shop", "a-1", "1.0"));
        }
        // Closing wrote the open minute too.
        assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE service = 'shop' AND instance = 'a-1' AND version = '1.0'"))
                .isEqualTo(30);
        assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE endpoint = '/orders/{id}' AND status = 500")).isEqualTo(3);
        assertThat(count(url, "SELECT coalesce(sum(requests), 0) FROM hotline_endpoint_minute WHERE endpoint = '/orders/{id}'")).isEqualTo(30);
        assertThat(count(url, "SELECT coalesce(sum(failed), 0) FROM hotline_endpoint_minute")).isEqualTo(3);
        assertThat(count(url, "SELECT count(*) FROM hotline_instance WHERE service = 'shop' AND instance = 'a-1'")).isEqualTo(1);
        // The stored document is the profile, whole.
        Profile first = kept.get(0);
        try (Connection c = FleetConnections.open(url, null, null);
             var ps = c.prepareStatement("SELECT profile, duration_us, samples FROM hotline_profile WHERE id = ?")) {
            ps.setString(1, first.id());
            try (ResultSet r = ps.executeQuery()) {
                assertThat(r.next()).isTrue();
                Profile back = ProfileJson.read(new InputStreamReader(new GZIPInputStream(r.getBinaryStream(1)), StandardCharsets.UTF_8));
                assertThat(ProfileJson.toJson(back)).isEqualTo(ProfileJson.toJson(first));
                assertThat(r.getLong(2)).isEqualTo(first.request().durationNs() / 1000);
            }
        }
    }

    @Test
    void theSameProfileOfferedTwiceIsStoredOnce() throws Exception {
        String url = newDatabase();
        Profile p;
        try (Hotline h = Hotline.start(config(url, "a-1").build())) {
            List<Profile> seen = new ArrayList<>();
            h.addListener(seen::add);
            request(h, "/once", 200, 1);
            await("written", Duration.ofSeconds(30), () -> h.fleetStats().profilesWritten() == 1);
            p = seen.get(0);
        }
        FleetWriter w = new FleetWriter(new FleetIdentity("shop", "a-1", "1.0"), () -> FleetConnections.open(url, null, null),
                url, 7, 0, 100, 100, System::currentTimeMillis);
        // A retry of a batch whose commit was lost: the rows are there already.
        w.offer(p);
        w.offer(p);
        w.step(false);
        w.close();
        assertThat(w.stats().profilesWritten()).isEqualTo(2);
        assertThat(count(url, "SELECT count(*) FROM hotline_profile")).isEqualTo(1);
    }

    @Test
    void profilesComingInFasterThanTheyAreWritten_neverKeepTheWriterFromWriting() throws Exception {
        String url = newDatabase();
        Profile p;
        try (Hotline h = Hotline.start(config(url, "e-1").build())) {
            List<Profile> seen = new ArrayList<>();
            h.addListener(seen::add);
            request(h, "/template", 200, 1);
            await("written", Duration.ofSeconds(30), () -> h.fleetStats().profilesWritten() == 1);
            p = seen.get(0);
        }
        FleetWriter w = new FleetWriter(new FleetIdentity("shop", "e-2", "1.0"), () -> FleetConnections.open(url, null, null),
                url, 7, 0, 2_000, 1_000, System::currentTimeMillis);
        w.start();
        // A flood: profiles offered as fast as a thread can, far faster than they can be compressed and written.
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread flood = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                w.offer(new Profile("flood-" + i, p.request(), p.sampling(), p.threads(), p.nodes(), p.samples(), p.lines(),
                        p.methods(), p.notes(), p.edges(), p.appPackages(), p.keptBecause()));
            }
        });
        flood.start();
        try {
            await("batches written while the flood goes on", Duration.ofSeconds(30), () -> w.stats().profilesWritten() >= 1000);
        } finally {
            stop.set(true);
            flood.join();
        }
        assertThat(w.stats().dropped()).as("what it could not take is counted").isPositive();
        w.close();
        assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE instance = 'e-2'")).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRowTheDatabaseRefusesIsDropped_theRestOfItsBatchWritten() throws Exception {
        String url = newDatabase();
        Profile p;
        try (Hotline h = Hotline.start(config(url, "f-1").build())) {
            List<Profile> seen = new ArrayList<>();
            h.addListener(seen::add);
            request(h, "/template", 200, 1);
            await("written", Duration.ofSeconds(30), () -> h.fleetStats().profilesWritten() == 1);
            p = seen.get(0);
        }
        FleetWriter w = new FleetWriter(new FleetIdentity("shop", "f-2", "1.0"), () -> FleetConnections.open(url, null, null),
                url, 7, 0, 100, 100, System::currentTimeMillis);
        for (String path : List.of("/ok/1", "/nul/\u0000/here", "/ok/2")) {
            // PostgreSQL's text holds no NUL character: that row is refused for itself (22021), not for an outage.
            var r = p.request();
            var request = new dev.hotline.core.model.RequestInfo(r.method(), path, null, 200, r.start(), r.durationNs(), null);
            w.offer(new Profile("row" + path.hashCode(), request, p.sampling(), p.threads(), p.nodes(), p.samples(), p.lines(),
                    p.methods(), p.notes(), p.edges(), p.appPackages(), p.keptBecause()));
        }
        while (w.step(false)) { /* until written */ }
        w.close();
        assertThat(w.stats().profilesWritten()).isEqualTo(2);
        assertThat(w.stats().rejected()).isEqualTo(1);
        assertThat(w.stats().backlog()).isZero();
        assertThat(w.stats().outages()).isZero();
        assertThat(count(url, "SELECT count(*) FROM hotline_profile WHERE instance = 'f-2' AND path LIKE '/ok/%'")).isEqualTo(2);
    }

    @Test
    void theDatabaseStoppedMidRun_noRequestFails_nothingDuplicated_backlogDrains() throws Exception {
        try (PostgresServer own = PostgresServer.start()) {
            String url = own.createDatabase("outage");
            try (Hotline h = Hotline.start(config(url, "b-1").build())) {
                for (int i = 0; i < 20; i++) request(h, "/before/" + i, 200, 1);
                await("first 20 written", Duration.ofSeconds(30), () -> h.fleetStats().profilesWritten() == 20);
                own.stop();
                long t0 = System.nanoTime();
                for (int i = 0; i < 40; i++) request(h, "/during/" + i, 200, 1);
                long perRequestUs = (System.nanoTime() - t0) / 40 / 1000;
                await("the outage noticed", Duration.ofSeconds(30), () -> h.fleetStats().outages() == 1);
                await("the backlog held", Duration.ofSeconds(30), () -> h.fleetStats().backlog() == 40);
                assertThat(h.stats().failures()).isZero();
                assertThat(h.fleetStats().reachable()).isFalse();
                assertThat(perRequestUs).as("requests do not wait for the store").isLessThan(200_000);
                own.startServer();
                await("the backlog drained", Duration.ofSeconds(90), () -> h.fleetStats().backlog() == 0
                        && h.fleetStats().profilesWritten() == 60);
                assertThat(h.fleetStats().recoveries()).isEqualTo(1);
                assertThat(h.fleetStats().dropped()).isZero();
            }
            assertThat(count(url, "SELECT count(*) FROM hotline_profile")).isEqualTo(60);
            assertThat(count(url, "SELECT count(DISTINCT id) FROM hotline_profile")).isEqualTo(60);
            assertThat(count(url, "SELECT coalesce(sum(requests), 0) FROM hotline_endpoint_minute")).isEqualTo(60);
        }
    }

    @Test
    void aFullBacklogDropsNewerProfilesAndCountsThem() throws Exception {
        // Nothing listens on this port: the store is away from the start.
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/none?user=hotline&password=s3cret-value";
        try (Hotline h = Hotline.start(config(url, "c-1").set("store-backlog", "5").build())) {
            for (int i = 0; i < 12; i++) request(h, "/x/" + i, 200, 1);
            await("the backlog full", Duration.ofSeconds(30), () -> h.fleetStats().dropped() == 7);
            assertThat(h.fleetStats().backlog()).isEqualTo(5);
            assertThat(h.fleetStats().outages()).isEqualTo(1);
            assertThat(h.config().toString()).doesNotContain("s3cret-value");
        }
    }

    @Test
    void manyJvmsMigratingAtOnce() throws Exception {
        String url = newDatabase();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jvms.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), MigrateMain.class.getName(), url)
                    .redirectErrorStream(true).start());
        }
        for (Process p : jvms) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("migrated");
        }
        assertThat(count(url, "SELECT count(*) FROM hotline_schema")).isEqualTo(1);
        assertThat(count(url, "SELECT max(version) FROM hotline_schema")).isEqualTo(FleetSchema.VERSION);
    }

    @Test
    void aNewerSchemaIsNeverAltered() throws Exception {
        String url = newDatabase();
        try (Connection c = FleetConnections.open(url, null, null); Statement s = c.createStatement()) {
            FleetSchema.migrate(c, "test");
            s.execute("INSERT INTO hotline_schema (version, applied_by) VALUES (99, 'a newer Hotline')");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> FleetSchema.migrate(c, "test"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("version 99");
        }
        try (Hotline h = Hotline.start(config(url, "d-1").build())) {
            request(h, "/x", 200, 1);
            await("an attempt", Duration.ofSeconds(30), () -> h.fleetStats().failedAttempts() >= 1);
            assertThat(h.fleetStats().profilesWritten()).isZero();
        }
        assertThat(count(url, "SELECT count(*) FROM hotline_schema")).isEqualTo(2);
    }

    @Test
    void retentionDropsWholeDays_byAgeAndBySize() throws Exception {
        String url = newDatabase();
        LocalDate today = FleetSchema.today();
        try (Connection c = FleetConnections.open(url, null, null); Statement s = c.createStatement()) {
            FleetSchema.migrate(c, "test");
            List<LocalDate> days = new ArrayList<>();
            for (int d = -10; d <= 1; d++) days.add(today.plusDays(d));
            FleetSchema.ensurePartitions(c, days);
            s.execute("INSERT INTO hotline_profile (started, id, service, instance, version, method, path, endpoint, status, "
                    + "duration_us, samples, engine, exact, profile) SELECT now() - make_interval(days => d), 'p' || d, 's', 'i', '', "
                    + "'GET', '/', '/', 200, 1000, 1, 'java', false, decode(repeat('ab', 4000), 'hex') FROM generate_series(0, 10) d");
            assertThat(FleetRetention.apply(c, today, 7, 0)).isEqualTo(2 * 4); // days -10..-7, both tables
            assertThat(FleetSchema.partitionDays(c, FleetSchema.PROFILE_TABLE)).first().isEqualTo(today.minusDays(6));
            assertThat(count(url, "SELECT count(*) FROM hotline_profile")).isEqualTo(7);
            // By size: everything but today and tomorrow goes.
            FleetRetention.apply(c, today, 7, 1);
            assertThat(FleetSchema.partitionDays(c, FleetSchema.PROFILE_TABLE)).containsExactly(today, today.plusDays(1));
            assertThat(count(url, "SELECT count(*) FROM hotline_profile")).isEqualTo(1);
        }
    }
}
