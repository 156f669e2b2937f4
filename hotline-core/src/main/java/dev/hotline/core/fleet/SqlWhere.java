package dev.hotline.core.fleet;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions joined with {@code AND} and their parameters, bound in order: only fixed SQL text with {@code ?} goes
 * into a condition, every value a user gave is a parameter.
 */
final class SqlWhere {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** Adds {@code condition} with its parameters, unless {@code value} is {@code null}. */
    SqlWhere add(String condition, Object value) {
        if (value == null) return this;
        conditions.add(condition);
        params.add(value);
        return this;
    }

    SqlWhere add(String condition, Object first, Object second) {
        conditions.add(condition);
        params.add(first);
        params.add(second);
        return this;
    }

    /** {@code " WHERE a AND b"}, or empty. */
    String sql() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : params) set(s, i++, p);
        return i;
    }

    static void set(PreparedStatement s, int i, Object p) throws SQLException {
        if (p instanceof String v) s.setString(i, v);
        else if (p instanceof Integer v) s.setInt(i, v);
        else if (p instanceof Long v) s.setLong(i, v);
        else if (p instanceof Instant v) s.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        else throw new IllegalArgumentException("unsupported parameter type " + p.getClass().getName());
    }

    /** A LIKE pattern matching {@code text} anywhere, with the pattern's own characters escaped. */
    static String contains(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '_' || c == '\\') b.append('\\');
            b.append(c);
        }
        return b.append('%').toString();
    }
}
