package dev.hotline.bench.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JdbcTemplate: borrow a pooled connection, prepare, bind, map each row, give the connection back.
 *
 * <p>The database is in memory, so a query costs only CPU. {@code -Dbench.dbLatencyUs=N} adds N µs of waiting to each
 * query, standing for the round trip to a database server: a request then waits part of its time, as real ones do.
 */
final class Jdbc {
    private static final long LATENCY_NS = Long.getLong("bench.dbLatencyUs", 0) * 1000;

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Database database;

    Jdbc(Database database) {
        this.database = database;
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException, InterruptedException {
        Connection connection = database.borrow();
        if (LATENCY_NS > 0) roundTrip();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) statement.setObject(i + 1, args[i]);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) rows.add(mapper.map(rs));
                return rows;
            }
        } finally {
            database.giveBack(connection);
        }
    }

    private static void roundTrip() {
        long until = System.nanoTime() + LATENCY_NS;
        for (long left = LATENCY_NS; left > 0; left = until - System.nanoTime()) java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
}
