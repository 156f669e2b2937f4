package dev.hotline.ui;

import dev.hotline.core.endpoint.Routes;
import dev.hotline.core.fleet.FleetConnections;
import dev.hotline.core.fleet.FleetSchema;
import dev.hotline.core.fleet.LatencyHistogram;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A small fleet written with plain JDBC as the schema describes it. Service shop: instance shop-1 runs 1.0, shop-2
 * runs 1.1, where {@code PriceService.price} line 18 takes 10 ms more per request, {@code AuditLog.write} is new and
 * {@code OrderCache.get} is gone; 20 requests of GET /orders/{id} each, 3 failed POST /cart on shop-1, 2 unmatched
 * 404s on shop-2. Service billing: one instance, a day earlier. One minute of endpoint figures per instance.
 */
final class FleetFixture {
    static final Frame RUN = new Frame("java.lang.Thread", "run", "Thread.java", 840);
    static final Frame CONTROLLER = new Frame("com.acme.shop.OrderController", "get", "OrderController.java", 31);
    static final Frame LOAD = new Frame("com.acme.shop.OrderRepository", "load", "OrderRepository.java", 77);
    static final Frame PRICE = new Frame("com.acme.shop.PriceService", "price", "PriceService.java", 18);
    static final Frame CACHE = new Frame("com.acme.shop.OrderCache", "get", "OrderCache.java", 12);
    static final Frame AUDIT = new Frame("com.acme.shop.AuditLog", "write", "AuditLog.java", 9);
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private FleetFixture() {}

    /** Creates the schema in the database at {@code url} and writes the fleet, its first request at {@code t0}. */
    static void fill(String url, Instant t0) throws SQLException {
        try (Connection c = FleetConnections.open(url, null, null)) {
            FleetSchema.migrate(c, "test");
            LocalDate day = LocalDate.ofInstant(t0, ZoneOffset.UTC);
            FleetSchema.ensurePartitions(c, List.of(day.minusDays(1), day, day.plusDays(1)));
            for (int i = 0; i < 20; i++) {
                Instant at = t0.plusSeconds(10L * i);
                profile(c, "shop", "shop-1", "1.0", request(String.format("a-%02d", i), "GET", "/orders/" + (100 + i), "/orders/{id}",
                        200, at, i == 3 ? TRACE : null, LOAD, 10, PRICE, 2, CACHE, 1));
                profile(c, "shop", "shop-2", "1.1", request(String.format("b-%02d", i), "GET", "/orders/" + (200 + i), "/orders/{id}",
                        200, at.plusSeconds(5), null, LOAD, 10, PRICE, 12, AUDIT, 1));
            }
            for (int i = 0; i < 3; i++) {
                profile(c, "shop", "shop-1", "1.0", request("c-" + i, "POST", "/cart", "/cart", 500, t0.plusSeconds(300 + i), null, LOAD, 1));
            }
            profile(c, "shop", "shop-2", "1.1", request("d-0", "GET", "/promo/50%_off", null, 404, t0.plusSeconds(310), null, LOAD, 1));
            profile(c, "shop", "shop-2", "1.1", request("d-1", "GET", "/promo/<b>x</b>", null, 404, t0.plusSeconds(311), null, LOAD, 1));
            Instant yesterday = t0.minus(Duration.ofDays(1));
            for (int i = 0; i < 5; i++) {
                profile(c, "billing", "bill-1", "2.0", request("e-" + i, "GET", "/invoices", "/invoices", 200, yesterday.plusSeconds(i), null, LOAD, 40));
            }
            instance(c, "shop", "shop-1", "1.0", t0, t0.plusSeconds(400));
            instance(c, "shop", "shop-2", "1.1", t0, t0.plusSeconds(350));
            instance(c, "billing", "bill-1", "2.0", yesterday, yesterday.plusSeconds(60));
            long[] fast = new long[90], slow = new long[10];
            Arrays.fill(fast, 1_000);
            Arrays.fill(slow, 100_000);
            Instant minute = t0.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            minute(c, minute, "shop", "shop-1", "1.0", "GET", "/orders/{id}", 0, fast);
            minute(c, minute, "shop", "shop-2", "1.1", "GET", "/orders/{id}", 1, slow);
            minute(c, minute.plusSeconds(300), "shop", "shop-1", "1.0", "POST", "/cart", 3, 2_000, 2_000, 3_000);
            minute(c, minute.minus(Duration.ofDays(1)), "billing", "bill-1", "2.0", "GET", "/invoices", 0, 40_000);
        }
    }

    /** A request of samples under the controller: pairs of a top frame and its milliseconds. */
    static Profile request(String id, String method, String path, String route, int status, Instant start, String traceId, Object... parts) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        long at = 0;
        for (int p = 0; p < parts.length; p += 2) {
            Frame top = (Frame) parts[p];
            for (int i = 0; i < (Integer) parts[p + 1]; i++, at += 1_000_000) b.sample(t, at, 1_000_000, 1, new Frame[] {top, CONTROLLER, RUN});
        }
        RequestInfo r = new RequestInfo(method, path, null, status, start, at + 200_000, null, route, traceId,
                traceId == null ? null : "00f067aa0ba902b7");
        return b.build(id, r, "async-profiler", 1_000_000, false);
    }

    static void profile(Connection c, String service, String instance, String version, Profile p) throws SQLException {
        RequestInfo r = p.request();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(gz), StandardCharsets.UTF_8)) {
            ProfileJson.write(p, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_profile (started, id, service, instance, version, method, "
                + "path, endpoint, route, status, duration_us, samples, engine, exact, trace_id, span_id, profile) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(r.start()));
            s.setString(2, p.id());
            s.setString(3, service);
            s.setString(4, instance);
            s.setString(5, version);
            s.setString(6, r.method());
            s.setString(7, r.path());
            s.setString(8, Routes.endpointOf(r.path(), r.route(), r.status()));
            s.setString(9, r.route());
            s.setInt(10, r.status());
            s.setLong(11, r.durationNs() / 1000);
            s.setInt(12, (int) p.sampling().sampleCount());
            s.setString(13, p.sampling().engine());
            s.setString(14, r.traceId());
            s.setString(15, r.spanId());
            s.setBytes(16, gz.toByteArray());
            s.executeUpdate();
        }
    }

    static void minute(Connection c, Instant minute, String service, String instance, String version, String method, String endpoint,
                       int failed, long... durationsUs) throws SQLException {
        LatencyHistogram h = new LatencyHistogram();
        long total = 0, max = 0;
        for (long d : durationsUs) {
            h.add(d);
            total += d;
            max = Math.max(max, d);
        }
        Integer[] counts = Arrays.stream(h.stored()).boxed().toArray(Integer[]::new);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_endpoint_minute (minute, service, instance, version, method, "
                + "endpoint, requests, failed, total_us, max_us, hist_first, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(minute));
            s.setString(2, service);
            s.setString(3, instance);
            s.setString(4, version);
            s.setString(5, method);
            s.setString(6, endpoint);
            s.setInt(7, durationsUs.length);
            s.setInt(8, failed);
            s.setLong(9, total);
            s.setLong(10, max);
            s.setShort(11, (short) h.first());
            s.setArray(12, c.createArrayOf("integer", counts));
            s.executeUpdate();
        }
    }

    static void instance(Connection c, String service, String instance, String version, Instant first, Instant last) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO hotline_instance (service, instance, version, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, service);
            s.setString(2, instance);
            s.setString(3, version);
            s.setTimestamp(4, Timestamp.from(first));
            s.setTimestamp(5, Timestamp.from(last));
            s.executeUpdate();
        }
    }
}
