package dev.hotline.ui;

import dev.hotline.core.internal.FailureLog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Slows down token guessing, per client address: the first {@value #FREE_FAILURES} wrong tokens (typing errors)
 * cost nothing; after each further one the client must wait before its next attempt is even looked at,
 * {@value #FIRST_DELAY_MILLIS} ms at first, doubling with each failure up to {@value #MAX_DELAY_MILLIS} ms. Nothing sleeps: an attempt inside the wait is answered 429 at once. A client's
 * failures are forgotten after a success, or after {@value #QUIET_MILLIS} ms without one; that span is an
 * <em>episode</em>, and each episode is logged once, when it starts. Thread-safe, bounded in memory.
 */
final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final long FIRST_DELAY_MILLIS = 500;
    static final long MAX_DELAY_MILLIS = 60_000;
    static final long QUIET_MILLIS = 15 * 60_000;
    static final int MAX_CLIENTS = 10_000;

    /** Failures of one client in its current episode. */
    private static final class Client {
        int failures;
        long lastFailure;
        long notBefore;
    }

    private final LongSupplier clock;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong episodes = new AtomicLong();

    LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Milliseconds the client must still wait before a token of theirs is checked; 0 when it may try now. */
    long waitMillis(String client) {
        Client c = clients.get(key(client));
        if (c == null) return 0;
        synchronized (c) {
            return Math.max(0, c.notBefore - clock.getAsLong());
        }
    }

    /** A wrong token from {@code client}; {@code how} says how it came (sign-in form, header). */
    void failed(String client, String how) {
        long now = clock.getAsLong();
        failed.incrementAndGet();
        if (clients.size() >= MAX_CLIENTS) forgetQuiet(now);
        if (clients.size() >= MAX_CLIENTS) clients.clear(); // a flood of addresses: forget rather than grow
        Client c = clients.computeIfAbsent(key(client), k -> new Client());
        boolean starts;
        synchronized (c) {
            starts = c.failures == 0 || now - c.lastFailure >= QUIET_MILLIS;
            if (starts) c.failures = 0;
            c.failures++;
            c.lastFailure = now;
            c.notBefore = now + delay(c.failures);
        }
        if (starts) {
            episodes.incrementAndGet();
            FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: a wrong results page token from " + client + " (" + how
                    + "); its further attempts are slowed down, up to one a minute, and not logged until it has been quiet for 15 minutes");
        }
    }

    void succeeded(String client) {
        clients.remove(key(client));
    }

    static long delay(int failures) {
        if (failures <= FREE_FAILURES) return 0;
        long d = FIRST_DELAY_MILLIS << Math.min(failures - FREE_FAILURES - 1, 20);
        return Math.min(d, MAX_DELAY_MILLIS);
    }

    /** Wrong tokens seen since start. */
    long failed() {
        return failed.get();
    }

    /** Episodes of wrong tokens logged since start. */
    long episodes() {
        return episodes.get();
    }

    private void forgetQuiet(long now) {
        clients.values().removeIf(c -> {
            synchronized (c) {
                return now - c.lastFailure >= QUIET_MILLIS;
            }
        });
    }

    private static String key(String client) {
        return client == null ? "" : client;
    }
}
