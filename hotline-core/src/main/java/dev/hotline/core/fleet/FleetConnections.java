package dev.hotline.core.fleet;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;

/**
 * Opens connections to the fleet store. The PostgreSQL driver is loaded by name through Hotline's own class loader
 * and asked directly, never through {@code DriverManager}: under the agent the application's class loaders cannot see
 * it, and the application's own copy of the driver (another version, perhaps) is left alone.
 *
 * @since 0.3
 */
public final class FleetConnections {
    static final String DRIVER = "org.postgresql.Driver";
    private static volatile Driver driver;

    private FleetConnections() {
    }

    /** Whether the PostgreSQL JDBC driver can be loaded. */
    public static boolean driverAvailable() {
        try {
            driver();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * A new connection with Hotline's settings: {@code ApplicationName=hotline}, a 5 s connect timeout, a 30 s socket
     * timeout, TCP keep-alive and batched inserts rewritten; parameters in the URL take precedence.
     *
     * @param url      {@code jdbc:postgresql://host:5432/database}
     * @param user     the user, or {@code null} to take it from the URL
     * @param password the password, or {@code null} to take it from the URL
     * @throws SQLException the driver is missing (the message names {@code org.postgresql:postgresql}), the URL is
     *                      not a PostgreSQL one, or the database refused
     */
    public static Connection open(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("ApplicationName", "hotline");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        Connection c = driver().connect(url, p);
        // The driver answers null for a URL that is not its own.
        if (c == null) throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/database)", "08001");
        return c;
    }

    /** The URL as it may be logged: the value of a {@code password} parameter masked. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    static Driver driver() throws SQLException {
        Driver d = driver;
        if (d != null) return d;
        try {
            Class<?> type = Class.forName(DRIVER, true, FleetConnections.class.getClassLoader());
            d = (Driver) type.getDeclaredConstructor().newInstance();
            // A copy renamed into Hotline's own packages (the agent's) registers itself with DriverManager when loaded:
            // it is taken back out, so that the application's lookups never find Hotline's copy.
            if (type.getName().startsWith("dev.hotline.")) {
                for (Driver registered : Collections.list(DriverManager.getDrivers())) {
                    if (registered.getClass() == type) DriverManager.deregisterDriver(registered);
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SQLException("the fleet store needs the PostgreSQL JDBC driver, org.postgresql:postgresql, on Hotline's "
                    + "class path (the agent jar bundles it; with the filter or the starter, add it to the application)", "08001", e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SQLException("cannot create the PostgreSQL JDBC driver " + DRIVER + ": " + e, "08001", e);
        }
        driver = d;
        return d;
    }
}
