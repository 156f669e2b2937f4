package dev.hotline.bench.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A small JdbcTemplate: borrow a pooled connection, prepare, bind, map each row, give the connection back. */
final class Jdbc {
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
}
