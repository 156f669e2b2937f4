package dev.hotline.core.fleet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.analysis.ProfileDiff;
import dev.hotline.core.analysis.ProfileMerge;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * Reads the fleet store for the results page: kept profiles listed and filtered, one profile, the services,
 * instances and versions, endpoint figures over a period, and comparisons of one endpoint between two periods or
 * versions. Uses a few pooled connections, opened on first use. Every value a caller gives is bound as a parameter.
 * Thread-safe.
 *
 * @since 0.3
 */
public final class FleetReader implements AutoCloseable {
    /** A list's total is counted up to this; beyond it the list says "more than". */
    public static final int TOTAL_CAP = 10_000;
    /** Profiles merged per side of a comparison. */
    public static final int MAX_MERGED = 200;
    static final int POOL_SIZE = 4;

    private static final String PROFILE_COLUMNS = "id, started, service, instance, version, method, path, query, endpoint, "
            + "route, status, duration_us, samples, engine, exact, kept_because, error, trace_id, span_id";

    /** A page of the list; {@code total} counts at most {@link #TOTAL_CAP} rows, and {@code totalCapped} says there are more. */
    public record Page(List<FleetProfile> items, int total, boolean totalCapped) {}

    /** One JVM as the store knows it: the first and last time it wrote. */
    public record Instance(String service, String instance, String version, Instant firstSeen, Instant lastSeen) {}

    /** What the filters offer: services, instances (newest first) and versions (most recently seen first). */
    public record Facets(List<String> services, List<Instance> instances, List<String> versions) {}

    /**
     * One endpoint's figures over a period, added up across instances and minutes; percentiles come from the summed
     * histograms (within 9 %, see {@link LatencyHistogram}).
     */
    public record Endpoint(String method, String endpoint, long requests, long failed, long totalUs, long maxUs,
                           double p50Us, double p95Us, double p99Us, int instances) {
        public double meanUs() {
            return requests == 0 ? 0 : (double) totalUs / requests;
        }
    }

    /** Part of one endpoint's profiles: those of a version, or of a period, or both; {@code null} for any. */
    public record Slice(String version, Instant from, Instant to) {}

    /**
     * Two slices of one endpoint compared: each side's newest profiles (at most {@link #MAX_MERGED}) merged, then
     * {@link ProfileDiff} line by line; {@code diff} is {@code null} when a side has no profiles.
     */
    public record Comparison(int profilesA, int profilesB, ProfileDiff diff) {
        /** Change of the mean time per request with the entry on the stack, from A to B. */
        public double meanDeltaNs(ProfileDiff.Entry e) {
            return mean(e.totalNsB(), profilesB) - mean(e.totalNsA(), profilesA);
        }

        /** Change of the mean self time per request, from A to B. */
        public double meanSelfDeltaNs(ProfileDiff.Entry e) {
            return mean(e.selfNsB(), profilesB) - mean(e.selfNsA(), profilesA);
        }

        /**
         * The lines, largest change of the mean time per request first (the sides may merge different numbers of
         * requests, so their totals are not comparable); empty when a side has no profiles.
         */
        public List<ProfileDiff.Entry> lines() {
            return diff == null ? List.of() : byMeanChange(diff.lines());
        }

        /** The methods, ordered as {@link #lines()}. */
        public List<ProfileDiff.Entry> methods() {
            return diff == null ? List.of() : byMeanChange(diff.methods());
        }

        private List<ProfileDiff.Entry> byMeanChange(List<ProfileDiff.Entry> entries) {
            List<ProfileDiff.Entry> out = new ArrayList<>(entries);
            // Ties (a caller and the callee that changed) put the line whose own time changed first.
            out.sort(Comparator.comparingDouble((ProfileDiff.Entry e) -> Math.abs(meanDeltaNs(e))).reversed()
                    .thenComparing(Comparator.comparingDouble((ProfileDiff.Entry e) -> Math.abs(meanSelfDeltaNs(e))).reversed())
                    .thenComparing(e -> e.frame().toString()));
            return out;
        }

        private static double mean(long totalNs, int n) {
            return n == 0 ? 0 : (double) totalNs / n;
        }
    }

    private final FleetPool pool;

    /**
     * @param url      {@code jdbc:postgresql://...}
     * @param user     the user, or {@code null} to take it from the URL
     * @param password the password, or {@code null} to take it from the URL
     */
    public FleetReader(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        this.pool = new FleetPool(() -> FleetConnections.open(url, user, password), POOL_SIZE);
    }

    /** A reader of the configured store, or {@code null} when none is configured. */
    public static FleetReader of(HotlineConfig config) {
        return config.store() == null ? null : new FleetReader(config.store(), config.storeUser(), config.storePassword());
    }

    /** A page of kept profiles, filtered and sorted as {@code q} says. */
    public Page list(ProfileQuery q) throws SQLException {
        SqlWhere w = q.where();
        String rows = "SELECT " + PROFILE_COLUMNS + " FROM " + FleetSchema.PROFILE_TABLE + w.sql() + q.orderBy() + " LIMIT ? OFFSET ?";
        // Counting stops at the cap, so that a broad filter over millions of rows costs no more than a narrow one.
        String count = "SELECT count(*) FROM (SELECT 1 FROM " + FleetSchema.PROFILE_TABLE + w.sql() + " LIMIT ?) capped";
        return withConnection(c -> {
            List<FleetProfile> items = new ArrayList<>(q.limit());
            try (PreparedStatement s = c.prepareStatement(rows)) {
                int i = w.bind(s, 1);
                s.setInt(i++, q.limit());
                s.setInt(i, q.offset());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) items.add(row(r));
                }
            }
            int total;
            if (q.offset() == 0 && items.size() < q.limit()) {
                total = items.size(); // the whole list is on this page
            } else {
                try (PreparedStatement s = c.prepareStatement(count)) {
                    s.setInt(w.bind(s, 1), TOTAL_CAP + 1);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        total = r.getInt(1);
                    }
                }
            }
            return new Page(items, Math.min(total, TOTAL_CAP), total > TOTAL_CAP);
        });
    }

    /** The profile with that id, or {@code null} when the store has none. The id must already be validated. */
    public Profile profile(String id) throws SQLException {
        byte[] bytes = withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT profile FROM " + FleetSchema.PROFILE_TABLE
                    + " WHERE id = ? ORDER BY started DESC LIMIT 1")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getBytes(1) : null;
                }
            }
        });
        if (bytes == null) return null;
        try {
            return decode(bytes);
        } catch (IOException e) {
            throw new SQLDataException("the store's profile " + id + " cannot be read: " + e.getMessage(), "22000", e);
        }
    }

    /** The services, instances and versions that wrote to the store. */
    public Facets facets() throws SQLException {
        return withConnection(c -> {
            List<Instance> instances = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT service, instance, version, first_seen, last_seen FROM "
                    + FleetSchema.INSTANCE_TABLE + " ORDER BY last_seen DESC, service, instance, version LIMIT 5000");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    instances.add(new Instance(r.getString(1), r.getString(2), r.getString(3), instant(r.getTimestamp(4)),
                            instant(r.getTimestamp(5))));
                }
            }
            List<String> services = instances.stream().map(Instance::service).distinct().sorted().toList();
            List<String> versions = instances.stream().map(Instance::version).filter(v -> !v.isEmpty()).distinct().toList();
            return new Facets(services, instances, versions);
        });
    }

    /**
     * Every endpoint's figures over the whole minutes that overlap {@code [from, to)}, most requests first.
     *
     * @param service a service, or {@code null} for all
     * @param version a version, or {@code null} for all
     */
    public List<Endpoint> endpoints(String service, String version, Instant from, Instant to) throws SQLException {
        SqlWhere w = new SqlWhere().add("service = ?", service).add("version = ?", version)
                .add("minute >= ?", from == null ? null : from.truncatedTo(ChronoUnit.MINUTES)).add("minute < ?", to);
        // Per instance first: hash aggregates all the way, where count(DISTINCT) would sort every row.
        String figures = "SELECT method, endpoint, sum(r), sum(f), sum(t), max(m), count(*) FROM (SELECT method, endpoint, instance, "
                + "sum(requests) r, sum(failed) f, sum(total_us) t, max(max_us) m FROM " + FleetSchema.MINUTE_TABLE + w.sql()
                + " GROUP BY method, endpoint, instance) per_instance GROUP BY method, endpoint";
        // Histograms add up bucket by bucket in the database: far less to send than every minute's array.
        String buckets = "SELECT m.method, m.endpoint, m.hist_first + u.n - 1, sum(u.c) FROM " + FleetSchema.MINUTE_TABLE
                + " m CROSS JOIN LATERAL unnest(m.histogram) WITH ORDINALITY AS u(c, n)" + w.sql() + (w.sql().isEmpty() ? " WHERE" : " AND")
                + " u.c <> 0 GROUP BY 1, 2, 3";
        return withConnection(c -> {
            Map<String, LatencyHistogram> histograms = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(buckets)) {
                w.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        histograms.computeIfAbsent(r.getString(1) + ' ' + r.getString(2), k -> new LatencyHistogram())
                                .add(r.getInt(3), r.getLong(4));
                    }
                }
            }
            List<Endpoint> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(figures)) {
                w.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String method = r.getString(1), endpoint = r.getString(2);
                        long max = r.getLong(6);
                        LatencyHistogram h = histograms.getOrDefault(method + ' ' + endpoint, new LatencyHistogram());
                        out.add(new Endpoint(method, endpoint, r.getLong(3), r.getLong(4), r.getLong(5), max,
                                h.quantileUs(0.50, max), h.quantileUs(0.95, max), h.quantileUs(0.99, max), r.getInt(7)));
                    }
                }
            }
            out.sort((a, b) -> a.requests() != b.requests() ? Long.compare(b.requests(), a.requests())
                    : (a.endpoint() + ' ' + a.method()).compareTo(b.endpoint() + ' ' + b.method()));
            return out;
        });
    }

    /**
     * The newest kept profiles of one endpoint within {@code slice}, at most {@code max}; rows that cannot be read
     * are skipped.
     *
     * @param service a service, or {@code null} for all
     */
    public List<Profile> endpointProfiles(String service, String method, String endpoint, Slice slice, int max) throws SQLException {
        List<Profile> out = new ArrayList<>();
        eachEndpointProfile(service, method, endpoint, slice, max, out::add);
        return out;
    }

    /**
     * Compares one endpoint between slice {@code a} (before) and slice {@code b} (after).
     *
     * @param options which lines to compare ({@link ProfileDiff#compare(Profile, Profile, ReportOptions)})
     */
    public Comparison compare(String service, String method, String endpoint, Slice a, Slice b, ReportOptions options)
            throws SQLException {
        ProfileMerge ma = new ProfileMerge(), mb = new ProfileMerge();
        eachEndpointProfile(service, method, endpoint, a, MAX_MERGED, ma::add);
        eachEndpointProfile(service, method, endpoint, b, MAX_MERGED, mb::add);
        if (ma.size() == 0 || mb.size() == 0) return new Comparison(ma.size(), mb.size(), null);
        return new Comparison(ma.size(), mb.size(), ProfileDiff.compare(ma.build(), mb.build(), options));
    }

    private interface ProfileSink {
        void accept(Profile p);
    }

    private void eachEndpointProfile(String service, String method, String endpoint, Slice slice, int max, ProfileSink sink)
            throws SQLException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpoint, "endpoint");
        Slice sl = slice == null ? new Slice(null, null, null) : slice;
        SqlWhere w = new SqlWhere().add("service = ?", service).add("method = ?", method).add("endpoint = ?", endpoint)
                .add("version = ?", sl.version()).add("started >= ?", sl.from()).add("started < ?", sl.to());
        String sql = "SELECT id, profile FROM " + FleetSchema.PROFILE_TABLE + w.sql() + " ORDER BY started DESC LIMIT ?";
        // The compressed documents are fetched first and parsed after the connection is back in the pool.
        List<Map.Entry<String, byte[]>> rows = withConnection(c -> {
            List<Map.Entry<String, byte[]>> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(w.bind(s, 1), max);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(Map.entry(r.getString(1), r.getBytes(2)));
                }
            }
            return out;
        });
        for (int i = 0; i < rows.size(); i++) {
            Map.Entry<String, byte[]> row = rows.get(i);
            rows.set(i, null); // each document can go once parsed
            try {
                sink.accept(decode(row.getValue()));
            } catch (IOException | RuntimeException e) {
                FailureLog.logOnce("the fleet store holds profiles that cannot be read, such as " + row.getKey(), e);
            }
        }
    }

    /** A stored profile: gzip of its JSON v1 document. */
    static Profile decode(byte[] gzipped) throws IOException {
        try (Reader in = new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzipped), 8192), StandardCharsets.UTF_8)) {
            return ProfileJson.read(in);
        }
    }

    private static FleetProfile row(ResultSet r) throws SQLException {
        return new FleetProfile(r.getString(1), instant(r.getTimestamp(2)), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getInt(11), r.getLong(12),
                r.getInt(13), r.getString(14), r.getBoolean(15), r.getString(16), r.getString(17), r.getString(18),
                r.getString(19));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} on a pooled connection. When a reused connection turns out dead (the server restarted, a
     * proxy cut it), the work runs once more on a fresh one: reads are safe to repeat.
     */
    private <T> T withConnection(SqlWork<T> work) throws SQLException {
        FleetPool.Lease lease = pool.borrow();
        try {
            return attempt(lease, work);
        } catch (SQLException e) {
            if (!lease.reused() || !connectionLost(e)) throw e;
            pool.evictIdle();
            return attempt(pool.borrow(), work);
        }
    }

    private <T> T attempt(FleetPool.Lease lease, SqlWork<T> work) throws SQLException {
        boolean broken = true;
        try {
            T result = work.run(lease.connection());
            broken = false;
            return result;
        } catch (SQLException e) {
            // A query's own error (a timeout, a bad value) leaves the connection usable; a connection error does not.
            broken = connectionLost(e);
            throw e;
        } finally {
            pool.release(lease.connection(), broken);
        }
    }

    /** Connection errors (08), and the server shutting down or restarting (57P01 to 57P03). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P0");
    }

    /** Closes the connections; those in use are closed as they come back. */
    @Override
    public void close() {
        pool.close();
    }
}
