package dev.hotline.core.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

/**
 * Retention of the fleet store, done by the database and cheaply: whole day partitions are dropped, never rows
 * deleted. By age, every partition older than {@code store-retention}; by size, the oldest days while both tables
 * together are larger than {@code store-max-size} (today's partition never). One JVM at a time does it: the others
 * find the advisory lock taken and skip.
 */
final class FleetRetention {
    private FleetRetention() {
    }

    /** Returns the number of partitions dropped (0 when another JVM holds the lock). */
    static int apply(Connection c, LocalDate today, int retentionDays, long maxSize) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        int dropped = 0;
        try (Statement s = c.createStatement()) {
            boolean mine;
            try (ResultSet r = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + FleetSchema.LOCK_CLASS + ", "
                    + FleetSchema.LOCK_RETENTION + ")")) {
                mine = r.next() && r.getBoolean(1);
            }
            if (!mine) {
                c.commit();
                return 0;
            }
            // Dropping a partition waits for inserts into it; never for long.
            s.execute("SET LOCAL lock_timeout = '5s'");
            LocalDate oldest = today.minusDays(retentionDays - 1L);
            for (String table : List.of(FleetSchema.PROFILE_TABLE, FleetSchema.MINUTE_TABLE)) {
                for (LocalDate d : FleetSchema.partitionDays(c, table)) {
                    if (d.isBefore(oldest)) {
                        s.execute("DROP TABLE IF EXISTS " + FleetSchema.partition(table, d));
                        dropped++;
                    }
                }
            }
            if (maxSize > 0) {
                while (size(s) > maxSize) {
                    List<LocalDate> days = FleetSchema.partitionDays(c, FleetSchema.PROFILE_TABLE);
                    if (days.isEmpty() || !days.get(0).isBefore(today)) break;
                    LocalDate d = days.get(0);
                    s.execute("DROP TABLE IF EXISTS " + FleetSchema.partition(FleetSchema.PROFILE_TABLE, d));
                    s.execute("DROP TABLE IF EXISTS " + FleetSchema.partition(FleetSchema.MINUTE_TABLE, d));
                    dropped += 2;
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the original failure matters
            }
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return dropped;
    }

    /** Bytes of both tables' partitions, indexes and TOAST included. */
    static long size(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i "
                + "WHERE i.inhparent IN (to_regclass('" + FleetSchema.PROFILE_TABLE + "'), to_regclass('" + FleetSchema.MINUTE_TABLE + "'))")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
