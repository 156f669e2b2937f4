package dev.hotline.core.fleet;

import dev.hotline.core.endpoint.Routes;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Writes one JVM's kept profiles and per-minute endpoint figures to the fleet store, on its own thread
 * ({@code hotline-store}); nothing here runs on a request thread, and nothing here ever blocks the pipeline.
 *
 * <p>Profiles wait in a backlog of at most {@code store-backlog} (compressed, a few KiB each) and are written in
 * batches of {@value #BATCH}, each batch in one transaction, with {@code ON CONFLICT DO NOTHING}: a batch retried
 * after its commit was lost writes no duplicate. While the store is unreachable, or slower than profiles come, the
 * backlog holds what comes (when it is full, newer profiles are dropped and counted, before they cost compressing), connection attempts back off from 1 s to 60 s, and one log line says when
 * the outage starts and one when it ends. Rows the database refuses for themselves (not an outage) are retried one by
 * one, and those still refused are dropped, counted and logged once.
 *
 * <p>Every few minutes the writer also upholds the store: day partitions ahead of time, its instance's
 * {@code last_seen}, and retention (one JVM at a time, under an advisory lock).
 */
public final class FleetWriter implements AutoCloseable {
    static final int BATCH = 200;
    /** Longest stretch of profile writing in one round (the figures of the minute go first in the next). */
    static final long ROUND_MS = 250;
    /** Profiles compressed per round before the writer writes. */
    static final int DRAIN = 2 * BATCH;
    static final long BACKOFF_MIN_MS = 1_000;
    static final long BACKOFF_MAX_MS = 60_000;
    static final long HEARTBEAT_MS = 60_000;
    static final long MAINTENANCE_MS = 10 * 60_000;
    /** Minute rows held while the store is away: 2,000 endpoints for an hour and a bit. */
    static final int MINUTE_BACKLOG = 200_000;
    private static final long POLL_MS = 200;

    /** Opens a connection to the store. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** One profile as written: its columns, and the document compressed. */
    record ProfileRow(Instant started, String id, String method, String path, String query, String endpoint, String route,
                      int status, long durationUs, int samples, String engine, boolean exact, String keptBecause,
                      String error, String traceId, String spanId, byte[] gzip) {}

    static final String INSERT_PROFILE = "INSERT INTO hotline_profile (started, id, service, instance, version, method, path, query, "
            + "endpoint, route, status, duration_us, samples, engine, exact, kept_because, error, trace_id, span_id, profile) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    static final String INSERT_MINUTE = "INSERT INTO hotline_endpoint_minute (minute, service, instance, version, method, endpoint, "
            + "requests, failed, total_us, max_us, hist_first, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (minute, service, instance, method, endpoint) DO UPDATE SET requests = EXCLUDED.requests, "
            + "failed = EXCLUDED.failed, total_us = EXCLUDED.total_us, max_us = EXCLUDED.max_us, "
            + "hist_first = EXCLUDED.hist_first, histogram = EXCLUDED.histogram";
    /** How often the figures of the current minute are written (again, replacing the row with the totals so far). */
    static final long FIGURES_EVERY_MS = 5_000;

    private final FleetIdentity identity;
    private final Connector connector;
    private final String where;
    private final int retentionDays;
    private final long maxSize;
    private final int backlogLimit;
    private final int incomingLimit;
    private final LongSupplier clock;
    private final MinuteFigures minutes = new MinuteFigures(20_000);
    private final ConcurrentLinkedQueue<Profile> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicInteger incomingSize = new AtomicInteger();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean started;

    // Counters, read by any thread.
    private final AtomicLong profilesWritten = new AtomicLong();
    private final AtomicLong minutesWritten = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong partitionsDropped = new AtomicLong();
    private final AtomicLong minutesDropped = new AtomicLong();
    private volatile int backlogSize;
    private volatile boolean reachable;

    // Writer thread only.
    private final ArrayDeque<ProfileRow> backlog = new ArrayDeque<>();
    /** The latest copy of each endpoint-minute not yet written, in the order first seen. */
    private final java.util.LinkedHashMap<MinuteFigures.Key, MinuteFigures.Cell> minuteBacklog = new java.util.LinkedHashMap<>();
    private long nextFiguresMs;
    private Connection connection;
    private boolean migrated;
    private boolean inOutage;
    private long outageStartMs;
    private long backoffMs = BACKOFF_MIN_MS;
    private long nextAttemptMs;
    private long nextHeartbeatMs;
    private long nextMaintenanceMs;

    /**
     * @param identity      how this JVM names itself
     * @param connector     opens connections to the store
     * @param where         the store as it may be logged (no password)
     * @param retentionDays day partitions older than this are dropped
     * @param maxSize       bytes the tables may hold before the oldest days are dropped; 0 for no limit
     * @param backlogLimit  profiles held while the store is unreachable
     * @param incomingLimit profiles waiting for the writer thread (beyond: dropped and counted)
     * @param clock         wall-clock milliseconds (tests move it)
     */
    public FleetWriter(FleetIdentity identity, Connector connector, String where, int retentionDays, long maxSize,
                       int backlogLimit, int incomingLimit, LongSupplier clock) {
        this.identity = identity;
        this.connector = connector;
        this.where = where;
        this.retentionDays = retentionDays;
        this.maxSize = maxSize;
        this.backlogLimit = backlogLimit;
        this.incomingLimit = incomingLimit;
        this.clock = clock;
        this.thread = new Thread(this::run, "hotline-store");
        thread.setDaemon(true);
    }

    public FleetIdentity identity() {
        return identity;
    }

    /** Starts the writer thread: connecting, migrating and writing all happen there. */
    public synchronized void start() {
        if (started) return;
        started = true;
        thread.start();
    }

    /** Counts one sampled request in its endpoint's minute; on the pipeline thread, cheap. */
    public void request(long endEpochMs, String method, String endpoint, long durationNs, boolean failed) {
        minutes.add(endEpochMs, method, endpoint, durationNs, failed);
    }

    /** Queues a kept profile; never blocks. False (and counted as dropped) when the writer is far behind. */
    public boolean offer(Profile p) {
        if (closed || incomingSize.incrementAndGet() > incomingLimit) {
            incomingSize.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        incoming.add(p);
        return true;
    }

    public FleetStats stats() {
        return new FleetStats(profilesWritten.get(), minutesWritten.get(), backlogSize + incomingSize.get(), dropped.get(),
                rejected.get(), outages.get(), recoveries.get(), reachable, failedAttempts.get(), partitionsDropped.get(),
                minutesDropped.get() + minutes.overflow());
    }

    // ---- the writer thread ------------------------------------------------------------------------------------

    private void run() {
        while (true) {
            boolean closing = closed;
            boolean more = false;
            try {
                more = step(closing);
            } catch (RuntimeException | LinkageError e) {
                FailureLog.logOnce("the fleet store's writer failed", e);
            }
            if (closing) break;
            if (!more) LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
        closeConnection();
    }

    /**
     * One round: take what came in, connect if due, maintain, write. Each round takes and writes a bounded amount, so
     * that profiles coming in as fast as they can be compressed never keep the writer from writing; true when there
     * is more to do at once. Package-private for tests.
     */
    boolean step(boolean closing) {
        long now = clock.getAsLong();
        drainIncoming(closing ? Integer.MAX_VALUE : DRAIN);
        if (closing || now >= nextFiguresMs) {
            nextFiguresMs = now + FIGURES_EVERY_MS;
            for (MinuteFigures.Cell c : minutes.changed(now, closing)) {
                minuteBacklog.remove(c.key());
                minuteBacklog.put(c.key(), c);
                if (minuteBacklog.size() > MINUTE_BACKLOG) {
                    minuteBacklog.remove(minuteBacklog.keySet().iterator().next());
                    minutesDropped.incrementAndGet();
                }
            }
        }
        backlogSize = backlog.size();
        if (connection == null && now < nextAttemptMs) return !incoming.isEmpty();
        try {
            if (connection == null) connect(now);
            if (now >= nextMaintenanceMs) {
                maintain();
                nextMaintenanceMs = now + MAINTENANCE_MS;
            }
            if (now >= nextHeartbeatMs) {
                heartbeat();
                nextHeartbeatMs = now + HEARTBEAT_MS;
            }
            // Endpoint figures first: a few rows, which a stream of profiles must never hold back.
            int rounds = closing ? Integer.MAX_VALUE : 10;
            while (!minuteBacklog.isEmpty() && rounds-- > 0) writeMinutes();
            // A bounded stretch of profile batches: the next round comes at once when more wait, after the figures.
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_MS);
            while (!backlog.isEmpty() && (closing || System.nanoTime() < until)) {
                writeProfiles();
                if (!closing) drainIncoming(BATCH);
            }
            backlogSize = backlog.size();
            recovered(now);
            return !incoming.isEmpty() || !backlog.isEmpty();
        } catch (SQLException e) {
            failed(now, e);
        } catch (IllegalStateException e) {
            // A schema newer than this Hotline: never written to; said once, tried again after the longest back-off.
            failedAttempts.incrementAndGet();
            FailureLog.logOnce("the fleet store at " + where + " cannot be used: " + e.getMessage(), null);
            closeConnection();
            nextAttemptMs = now + BACKOFF_MAX_MS;
        }
        return false;
    }

    /** Compresses up to {@code max} of the profiles that came in into the backlog. */
    private void drainIncoming(int max) {
        Profile p;
        for (int n = 0; n < max && (p = incoming.poll()) != null; n++) {
            incomingSize.decrementAndGet();
            if (backlog.size() >= backlogLimit) {
                // Full: the profile is dropped before it costs any compressing. The backlog keeps the older ones, which
                // the directory and memory may no longer hold.
                dropped.incrementAndGet();
                continue;
            }
            ProfileRow row;
            try {
                row = row(p);
            } catch (IOException | RuntimeException e) {
                rejected.incrementAndGet();
                FailureLog.logOnce("could not encode a profile for the fleet store", e);
                continue;
            }
            backlog.addLast(row);
        }
    }

    static ProfileRow row(Profile p) throws IOException {
        RequestInfo r = p.request();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 * 1024);
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes, 8 * 1024), StandardCharsets.UTF_8)) {
            ProfileJson.write(p, w);
        }
        boolean exact = false;
        for (LineStats l : p.lines()) {
            if (l.hits() != LineStats.NOT_COUNTED) {
                exact = true;
                break;
            }
        }
        return new ProfileRow(r.start(), p.id(), r.method(), r.path(), r.query(), Routes.endpointOf(r.path(), r.route(), r.status()),
                r.route(), r.status(), r.durationNs() / 1000, (int) Math.min(Integer.MAX_VALUE, p.sampling().sampleCount()),
                p.sampling().engine(), exact, p.keptBecause(), r.error(), r.traceId(), r.spanId(), bytes.toByteArray());
    }

    private void connect(long now) throws SQLException {
        Connection c = connector.open();
        try {
            if (!migrated) {
                FleetSchema.migrate(c, identity.service() + "/" + identity.instance());
                migrated = true;
            }
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the original failure matters
            }
            throw e;
        }
        connection = c;
        nextMaintenanceMs = now;
        nextHeartbeatMs = now;
    }

    /** Binds one row's parameters to the insert. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private void writeProfiles() throws SQLException {
        write(backlog, BATCH, INSERT_PROFILE, this::bindProfile, r -> day(r.started()),
                backlog::remove, "a profile", profilesWritten);
    }

    private void writeMinutes() throws SQLException {
        write(minuteBacklog.values(), BATCH * 5, INSERT_MINUTE, this::bindMinute, m -> day(m.minuteMs),
                m -> minuteBacklog.remove(m.key(), m), "endpoint figures", minutesWritten);
    }

    /**
     * Writes the first {@code max} rows {@code waiting} in one transaction and takes them out with {@code done}. A day
     * without a partition gets one (and the batch waits for the next round); when some row is refused for itself,
     * they are written one by one and those still refused are dropped, counted and logged once.
     */
    private <T> void write(Collection<T> waiting, int max, String sql, Binder<T> binder, Function<T, LocalDate> dayOf,
                           Consumer<T> done, String what, AtomicLong written) throws SQLException {
        List<T> batch = new ArrayList<>(Math.min(max, waiting.size()));
        for (T r : waiting) {
            if (batch.size() == max) break;
            batch.add(r);
        }
        try {
            insert(sql, batch, binder);
        } catch (SQLException e) {
            if (missingPartition(e)) {
                TreeSet<LocalDate> days = new TreeSet<>();
                for (T r : batch) days.add(dayOf.apply(r));
                if (makePartitions(days)) return;
            } else if (!refusedRows(e)) {
                throw e;
            }
            for (T r : batch) {
                try {
                    insert(sql, List.of(r), binder);
                    written.incrementAndGet();
                } catch (SQLException one) {
                    if (!refusedRows(one) && !missingPartition(one)) throw one;
                    rejected.incrementAndGet();
                    FailureLog.logOnce("the fleet store refused " + what + " (" + one.getSQLState() + ")", one);
                }
                done.accept(r);
            }
            return;
        }
        for (T r : batch) done.accept(r);
        written.addAndGet(batch.size());
    }

    /** Inserts {@code rows} in one transaction. */
    private <T> void insert(String sql, List<T> rows, Binder<T> binder) throws SQLException {
        Connection c = connection;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (T r : rows) {
                binder.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            autoCommit(c);
        }
    }

    private void bindProfile(PreparedStatement ps, ProfileRow r) throws SQLException {
        int i = 1;
        ps.setTimestamp(i++, Timestamp.from(r.started()));
        ps.setString(i++, r.id());
        ps.setString(i++, identity.service());
        ps.setString(i++, identity.instance());
        ps.setString(i++, identity.version());
        ps.setString(i++, r.method());
        ps.setString(i++, r.path());
        ps.setString(i++, r.query());
        ps.setString(i++, r.endpoint());
        ps.setString(i++, r.route());
        ps.setInt(i++, r.status());
        ps.setLong(i++, r.durationUs());
        ps.setInt(i++, r.samples());
        ps.setString(i++, r.engine());
        ps.setBoolean(i++, r.exact());
        ps.setString(i++, r.keptBecause());
        ps.setString(i++, r.error());
        ps.setString(i++, r.traceId());
        ps.setString(i++, r.spanId());
        ps.setBytes(i, r.gzip());
    }

    private void bindMinute(PreparedStatement ps, MinuteFigures.Cell m) throws SQLException {
        int[] stored = m.histogram.stored();
        Integer[] boxed = new Integer[stored.length];
        for (int j = 0; j < stored.length; j++) boxed[j] = stored[j];
        Array hist = connection.createArrayOf("int4", boxed);
        int i = 1;
        ps.setTimestamp(i++, new Timestamp(m.minuteMs));
        ps.setString(i++, identity.service());
        ps.setString(i++, identity.instance());
        ps.setString(i++, identity.version());
        ps.setString(i++, m.method);
        ps.setString(i++, m.endpoint);
        ps.setInt(i++, m.requests);
        ps.setInt(i++, m.failed);
        ps.setLong(i++, m.totalUs);
        ps.setLong(i++, m.maxUs);
        ps.setShort(i++, (short) m.histogram.first());
        ps.setArray(i, hist);
    }

    private static LocalDate day(long epochMs) {
        return day(Instant.ofEpochMilli(epochMs));
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Creates the partitions rows need, within retention; rows of days older than retention are dropped (counted).
     * Returns true when something was done and the batch is to be tried again.
     */
    private boolean makePartitions(TreeSet<LocalDate> days) throws SQLException {
        LocalDate oldest = FleetSchema.today().minusDays(retentionDays - 1L);
        List<LocalDate> create = new ArrayList<>();
        for (LocalDate d : days) if (!d.isBefore(oldest)) create.add(d);
        if (!create.isEmpty()) FleetSchema.ensurePartitions(connection, create);
        int expired = 0;
        for (var it = backlog.iterator(); it.hasNext(); ) {
            if (day(it.next().started()).isBefore(oldest)) {
                it.remove();
                expired++;
            }
        }
        minuteBacklog.values().removeIf(m -> day(m.minuteMs).isBefore(oldest));
        dropped.addAndGet(expired);
        return !create.isEmpty() || expired > 0;
    }

    private void heartbeat() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO hotline_instance (service, instance, version, first_seen, last_seen) "
                + "VALUES (?, ?, ?, now(), now()) ON CONFLICT (service, instance, version) DO UPDATE SET last_seen = now()")) {
            ps.setString(1, identity.service());
            ps.setString(2, identity.instance());
            ps.setString(3, identity.version());
            ps.executeUpdate();
        }
    }

    /** Partitions from yesterday to tomorrow; then retention, when no other JVM is at it. */
    private void maintain() throws SQLException {
        LocalDate today = FleetSchema.today();
        List<LocalDate> days = new ArrayList<>();
        for (int d = -Math.min(1, retentionDays - 1); d <= 1; d++) days.add(today.plusDays(d));
        FleetSchema.ensurePartitions(connection, days);
        partitionsDropped.addAndGet(FleetRetention.apply(connection, today, retentionDays, maxSize));
    }

    private static boolean missingPartition(SQLException e) {
        return "23514".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("no partition");
    }

    /** Errors about the data (class 22) or a constraint (class 23): the rows, not the store. */
    private static boolean refusedRows(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("22") || s.startsWith("23")) && !missingPartition(e);
    }

    private void failed(long now, SQLException e) {
        failedAttempts.incrementAndGet();
        reachable = false;
        closeConnection();
        if (!inOutage) {
            inOutage = true;
            outageStartMs = now;
            outages.incrementAndGet();
            FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: the fleet store at " + where + " is unreachable ("
                    + describe(e) + "); kept profiles stay in memory (up to store-backlog=" + backlogLimit
                    + ") and in the profile directory, and are written when it is back");
        }
        nextAttemptMs = now + backoffMs;
        backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
    }

    private void recovered(long now) {
        reachable = true;
        backoffMs = BACKOFF_MIN_MS;
        if (inOutage) {
            inOutage = false;
            recoveries.incrementAndGet();
            FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: the fleet store at " + where + " is reachable again after "
                    + Math.max(0, (now - outageStartMs) / 1000) + " s; " + backlog.size() + " profiles still to write");
        }
    }

    private static String describe(SQLException e) {
        // A batch's failure names its SQL; the reason is in the chained exception.
        if (e.getNextException() != null) e = e.getNextException();
        else if (e.getCause() instanceof SQLException cause) e = cause;
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().findFirst().orElse(m);
        return (e.getSQLState() == null ? "" : e.getSQLState() + ": ") + (m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the caller's failure says so
        }
    }

    private static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    /** Writes what it can of the backlog (waiting up to {@code waitMs}), then stops the thread. */
    public void close(long waitMs) {
        if (closed) return;
        closed = true;
        if (!started) return;
        LockSupport.unpark(thread);
        try {
            thread.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
