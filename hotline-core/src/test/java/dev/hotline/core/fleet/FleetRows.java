package dev.hotline.core.fleet;

import dev.hotline.core.endpoint.Routes;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
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
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/** Rows of the fleet store written with plain JDBC, as the schema describes them, for the reader's tests. */
final class FleetRows {
    static final Frame RUN = new Frame("java.lang.Thread", "run", "Thread.java", 840);
    static final Frame CONTROLLER = new Frame("com.acme.shop.OrderController", "get", "OrderController.java", 31);
    static final Frame LOAD = new Frame("com.acme.shop.OrderRepository", "load", "OrderRepository.java", 77);
    static final Frame PRICE = new Frame("com.acme.shop.PriceService", "price", "PriceService.java", 18);

    private FleetRows() {}

    static final Frame CACHE = new Frame("com.acme.shop.OrderCache", "get", "OrderCache.java", 12);
    static final Frame AUDIT = new Frame("com.acme.shop.AuditLog", "write", "AuditLog.java", 9);

    /** Milliseconds of samples with {@code top} called from the controller. */
    record Part(Frame top, int ms) {}

    /** A request whose samples spend each part's time in its frame, called from {@link #CONTROLLER}. */
    static Profile request(String id, String method, String path, String route, int status, Instant start, String traceId,
                           Part... parts) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        long at = 0;
        for (Part part : parts) {
            for (int i = 0; i < part.ms(); i++, at += 1_000_000) b.sample(t, at, 1_000_000, 1, new Frame[] {part.top(), CONTROLLER, RUN});
        }
        RequestInfo r = new RequestInfo(method, path, null, status, start, at + 200_000, status >= 500 ? "java.lang.IllegalStateException: x" : null,
                route, traceId, traceId == null ? null : "00f067aa0ba902b7");
        return b.build(id, r, "async-profiler", 1_000_000, false);
    }

    static byte[] gzip(Profile p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)) {
            ProfileJson.write(p, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void insertProfile(Connection c, String service, String instance, String version, Profile p) throws SQLException {
        RequestInfo r = p.request();
        boolean exact = p.lines().stream().anyMatch(l -> l.hits() != LineStats.NOT_COUNTED);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_profile (started, id, service, instance, version, method, "
                + "path, query, endpoint, route, status, duration_us, samples, engine, exact, kept_because, error, trace_id, span_id, "
                + "profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(r.start()));
            s.setString(2, p.id());
            s.setString(3, service);
            s.setString(4, instance);
            s.setString(5, version);
            s.setString(6, r.method());
            s.setString(7, r.path());
            s.setString(8, r.query());
            s.setString(9, Routes.endpointOf(r.path(), r.route(), r.status()));
            s.setString(10, r.route());
            s.setInt(11, r.status());
            s.setLong(12, r.durationNs() / 1000);
            s.setInt(13, (int) p.sampling().sampleCount());
            s.setString(14, p.sampling().engine());
            s.setBoolean(15, exact);
            s.setString(16, p.keptBecause());
            s.setString(17, r.error());
            s.setString(18, r.traceId());
            s.setString(19, r.spanId());
            s.setBytes(20, gzip(p));
            s.executeUpdate();
        }
    }

    /** One minute of one instance's figures for an endpoint, from the durations of its requests. */
    static void insertMinute(Connection c, Instant minute, String service, String instance, String version, String method,
                             String endpoint, int failed, long... durationsUs) throws SQLException {
        LatencyHistogram h = new LatencyHistogram();
        long total = 0, max = 0;
        for (long d : durationsUs) {
            h.add(d);
            total += d;
            max = Math.max(max, d);
        }
        int[] stored = h.stored();
        Integer[] boxed = new Integer[stored.length];
        for (int i = 0; i < stored.length; i++) boxed[i] = stored[i];
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
            s.setArray(12, c.createArrayOf("integer", boxed));
            s.executeUpdate();
        }
    }

    static void insertInstance(Connection c, String service, String instance, String version, Instant first, Instant last)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_instance (service, instance, version, first_seen, last_seen) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, service);
            s.setString(2, instance);
            s.setString(3, version);
            s.setTimestamp(4, Timestamp.from(first));
            s.setTimestamp(5, Timestamp.from(last));
            s.executeUpdate();
        }
    }
}
