package dev.hotline.core.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet store's tables in PostgreSQL (docs/fleet.md shows the same SQL), and their migration.
 *
 * <p>The schema is versioned in {@code hotline_schema}. Every JVM migrates at start inside one transaction that first
 * takes a transaction-scoped advisory lock, so when many JVMs start at once one migrates and the others wait, then
 * find the work done. A store whose schema is newer than this Hotline knows is refused, never altered.
 *
 * <p>Profiles and endpoint minutes are partitioned by UTC day ({@code hotline_profile_p20261206}), so that retention
 * drops whole partitions instead of deleting rows.
 */
public final class FleetSchema {
    /** The schema version this Hotline writes and reads. */
    public static final int VERSION = 1;
    /** Advisory lock keys (two 32-bit halves: "hotline" and the purpose). */
    static final int LOCK_CLASS = 0x686f746c; // "hotl"
    static final int LOCK_MIGRATE = 1;
    static final int LOCK_PARTITIONS = 2;
    static final int LOCK_RETENTION = 3;

    public static final String PROFILE_TABLE = "hotline_profile";
    public static final String MINUTE_TABLE = "hotline_endpoint_minute";
    public static final String INSTANCE_TABLE = "hotline_instance";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    /** Version 1, statement by statement. */
    static final List<String> V1 = List.of(
            """
            CREATE TABLE hotline_profile (
              started      timestamptz NOT NULL,
              id           text        NOT NULL,
              service      text        NOT NULL,
              instance     text        NOT NULL,
              version      text        NOT NULL,
              method       text        NOT NULL,
              path         text        NOT NULL,
              query        text,
              endpoint     text        NOT NULL,
              route        text,
              status       integer     NOT NULL,
              duration_us  bigint      NOT NULL,
              samples      integer     NOT NULL,
              engine       text        NOT NULL,
              exact        boolean     NOT NULL,
              kept_because text,
              error        text,
              trace_id     text,
              span_id      text,
              profile      bytea       NOT NULL,
              PRIMARY KEY (started, id)
            ) PARTITION BY RANGE (started)""",
            "CREATE INDEX hotline_profile_started ON hotline_profile (started DESC)",
            "CREATE INDEX hotline_profile_id ON hotline_profile (id)",
            "CREATE INDEX hotline_profile_trace ON hotline_profile (trace_id) WHERE trace_id IS NOT NULL",
            "CREATE INDEX hotline_profile_instance ON hotline_profile (service, instance, started DESC)",
            "CREATE INDEX hotline_profile_endpoint ON hotline_profile (service, method, endpoint, started DESC)",
            "CREATE INDEX hotline_profile_duration ON hotline_profile (duration_us DESC)",
            // For the results page: a version's newest requests, and failed requests (a status or a class) by time.
            "CREATE INDEX hotline_profile_version ON hotline_profile (service, version, started DESC)",
            "CREATE INDEX hotline_profile_status ON hotline_profile (status, started DESC)",
            """
            CREATE TABLE hotline_endpoint_minute (
              minute     timestamptz NOT NULL,
              service    text        NOT NULL,
              instance   text        NOT NULL,
              version    text        NOT NULL,
              method     text        NOT NULL,
              endpoint   text        NOT NULL,
              requests   integer     NOT NULL,
              failed     integer     NOT NULL,
              total_us   bigint      NOT NULL,
              max_us     bigint      NOT NULL,
              hist_first smallint    NOT NULL,
              histogram  integer[]   NOT NULL,
              PRIMARY KEY (minute, service, instance, method, endpoint)
            ) PARTITION BY RANGE (minute)""",
            "CREATE INDEX hotline_endpoint_minute_service ON hotline_endpoint_minute (service, minute)",
            """
            CREATE TABLE hotline_instance (
              service    text        NOT NULL,
              instance   text        NOT NULL,
              version    text        NOT NULL,
              first_seen timestamptz NOT NULL,
              last_seen  timestamptz NOT NULL,
              PRIMARY KEY (service, instance, version)
            )""");

    private FleetSchema() {
    }

    /**
     * Brings the store to {@link #VERSION}, or does nothing when it is there. Safe when many JVMs call it at once.
     *
     * @throws SQLException            the database refused
     * @throws IllegalStateException   the store's schema is newer than this Hotline
     */
    public static void migrate(Connection c, String appliedBy) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", " + LOCK_MIGRATE + ")");
            s.execute("CREATE TABLE IF NOT EXISTS hotline_schema (version integer PRIMARY KEY, "
                    + "applied_at timestamptz NOT NULL DEFAULT now(), applied_by text)");
            int current = 0;
            try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM hotline_schema")) {
                if (r.next()) current = r.getInt(1);
            }
            if (current > VERSION) {
                throw new IllegalStateException("the store's schema is version " + current + ", newer than this Hotline's ("
                        + VERSION + "): upgrade Hotline on this instance");
            }
            if (current < 1) {
                for (String sql : V1) s.execute(sql);
                try (var p = c.prepareStatement("INSERT INTO hotline_schema (version, applied_by) VALUES (1, ?)")) {
                    p.setString(1, appliedBy);
                    p.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** {@code hotline_profile_p20261206}: the partition of {@code table} holding {@code day} (UTC). */
    static String partition(String table, LocalDate day) {
        return table + "_p" + DAY.format(day);
    }

    /** The day a partition holds, or {@code null} when the name is not one of ours. */
    static LocalDate dayOf(String table, String partition) {
        String prefix = table + "_p";
        if (!partition.startsWith(prefix) || partition.length() != prefix.length() + 8) return null;
        try {
            return LocalDate.parse(partition.substring(prefix.length()), DAY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Creates the partitions of both tables for {@code days} that do not exist yet (under an advisory lock). */
    public static void ensurePartitions(Connection c, List<LocalDate> days) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", " + LOCK_PARTITIONS + ")");
            for (LocalDate day : days) {
                for (String table : List.of(PROFILE_TABLE, MINUTE_TABLE)) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + partition(table, day) + " PARTITION OF " + table
                            + " FOR VALUES FROM ('" + day + " 00:00:00+00') TO ('" + day.plusDays(1) + " 00:00:00+00')");
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The days that have a partition of {@code table}, oldest first. */
    static List<LocalDate> partitionDays(Connection c, String table) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (var p = c.prepareStatement("SELECT child.relname FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid "
                + "WHERE i.inhparent = to_regclass(?) ORDER BY child.relname")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    LocalDate d = dayOf(table, r.getString(1));
                    if (d != null) days.add(d);
                }
            }
        }
        return days;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
