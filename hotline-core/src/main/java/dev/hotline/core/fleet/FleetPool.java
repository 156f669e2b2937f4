package dev.hotline.core.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A few connections for the reader: at most {@code size} in use at once, idle ones kept and checked before reuse when
 * they have been idle a while, a broken one closed instead of returned. Thread-safe.
 */
final class FleetPool implements AutoCloseable {
    /** An idle connection older than this is validated before it is handed out. */
    static final long VALIDATE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long WAIT_SECONDS = 10;

    interface Opener {
        Connection open() throws SQLException;
    }

    private record Idle(Connection connection, long since) {}

    /** A borrowed connection; {@code reused} when it had served before (and may have died since). */
    record Lease(Connection connection, boolean reused) {}

    private final Opener opener;
    private final Semaphore permits;
    private final ArrayDeque<Idle> idle = new ArrayDeque<>(); // guarded by itself
    private volatile boolean closed;

    FleetPool(Opener opener, int size) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
    }

    /** A connection in auto-commit mode; give it back with {@link #release}. */
    Lease borrow() throws SQLException {
        if (closed) throw new SQLException("the fleet store reader is closed", "08003");
        try {
            if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("the fleet store is busy: no connection free after " + WAIT_SECONDS + " s", "08004");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a fleet store connection", "08004", e);
        }
        try {
            while (true) {
                Idle i;
                synchronized (idle) {
                    i = idle.pollFirst(); // the most recently used: the likeliest to be alive
                }
                if (i == null) break;
                if (System.nanoTime() - i.since() < VALIDATE_AFTER_NANOS || valid(i.connection())) return new Lease(i.connection(), true);
                quietlyClose(i.connection());
            }
            Connection c = opener.open();
            try (Statement s = c.createStatement()) {
                // A reader never needs long: a runaway query is cut by the server, not left holding a connection.
                s.execute("SET statement_timeout = '20s'");
            } catch (SQLException | RuntimeException e) {
                quietlyClose(c);
                throw e;
            }
            try (Statement s = c.createStatement()) {
                // The filters vary from call to call: a plan made for the values at hand prunes partitions and picks
                // the right index, where a generic plan cached after five runs can be ten times slower (PostgreSQL 12+).
                s.execute("SET plan_cache_mode = force_custom_plan");
            } catch (SQLException e) {
                // an older server: generic plans it is
            }
            return new Lease(c, false);
        } catch (SQLException | RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    /** Gives a connection back; {@code broken} closes it (after an error that may have left it unusable). */
    void release(Connection c, boolean broken) {
        try {
            boolean keep = !broken && !closed && !c.isClosed() && c.getAutoCommit();
            if (keep) {
                synchronized (idle) {
                    idle.addFirst(new Idle(c, System.nanoTime()));
                }
            } else {
                quietlyClose(c);
            }
        } catch (SQLException e) {
            quietlyClose(c);
        } finally {
            permits.release();
        }
        if (closed) drain();
    }

    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // already gone
        }
    }

    /** Closes the idle connections: after one was found dead, the others most likely died with it. */
    void evictIdle() {
        drain();
    }

    private void drain() {
        while (true) {
            Idle i;
            synchronized (idle) {
                i = idle.pollFirst();
            }
            if (i == null) return;
            quietlyClose(i.connection());
        }
    }

    /** Closes the idle connections now and those in use when they come back. */
    @Override
    public void close() {
        closed = true;
        drain();
    }
}
