package dev.hotline.core.fleet;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the fleet store. The PostgreSQL driver is loaded by name through Hotline's own class loader
 * and called directly, not through {@code DriverManager}, so that it is found wherever Hotline is: in the
 * application, in a web app's {@code WEB-INF/lib}, or inside the agent's jar.
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
     * A new connection; {@code user} and {@code password} (either may be {@code null}) override those in the URL.
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
        if (c == null) throw new SQLException("the PostgreSQL driver does not accept the URL " + masked(url));
        return c;
    }

    /** The URL as it may be logged: a {@code password} parameter masked. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    private static Driver driver() throws SQLException {
        Driver d = driver;
        if (d != null) return d;
        try {
            Class<?> type = Class.forName(DRIVER, true, FleetConnections.class.getClassLoader());
            d = (Driver) type.getDeclaredConstructor().newInstance();
            // A copy renamed into Hotline's own packages (the agent's) registers itself with DriverManager when loaded:
            // it is taken back out, so that the application's lookups never find Hotline's copy.
            if (type.getName().startsWith("dev.hotline.")) {
                for (Driver registered : java.util.Collections.list(java.sql.DriverManager.getDrivers())) {
                    if (registered.getClass() == type) java.sql.DriverManager.deregisterDriver(registered);
                }
            }
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new SQLException("the fleet store needs the PostgreSQL JDBC driver, org.postgresql:postgresql, on the class path "
                    + "(the Hotline agent's jar has it inside)", "08001", e);
        }
        driver = d;
        return d;
    }
}
