package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sign-in sessions of the results page: a random id per login, valid until a fixed time after it (server-side:
 * the cookie's own lifetime is only a hint to the browser), ended early by logout. Only a hash of each id is held,
 * so lookups reveal nothing of the ids through timing. Bounded: beyond {@value #MAX_SESSIONS} the one nearest its
 * end is dropped. Thread-safe.
 */
final class Sessions {
    static final int MAX_SESSIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long lifetimeMillis;
    private final LongSupplier clock;
    /** Hash of the id → end of the session (clock millis). */
    private final Map<String, Long> ends = new ConcurrentHashMap<>();

    Sessions(long lifetimeMillis, LongSupplier clock) {
        this.lifetimeMillis = lifetimeMillis;
        this.clock = clock;
    }

    long lifetimeMillis() {
        return lifetimeMillis;
    }

    /** A new session's id: 256 random bits, base64url. */
    String open() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        long now = clock.getAsLong();
        if (ends.size() >= MAX_SESSIONS) prune(now);
        ends.put(hash(s), now + lifetimeMillis);
        return s;
    }

    /** Whether {@code id} names a session that has not ended. */
    boolean valid(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) return false;
        String h = hash(id);
        Long end = ends.get(h);
        if (end == null) return false;
        if (clock.getAsLong() >= end) {
            ends.remove(h, end);
            return false;
        }
        return true;
    }

    /** Ends the session {@code id}, if there is one. */
    void close(String id) {
        if (id != null && id.length() <= 100) ends.remove(hash(id));
    }

    int size() {
        return ends.size();
    }

    private synchronized void prune(long now) {
        ends.values().removeIf(end -> end <= now);
        while (ends.size() >= MAX_SESSIONS) {
            String soonest = null;
            long min = Long.MAX_VALUE;
            for (Iterator<Map.Entry<String, Long>> it = ends.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Long> e = it.next();
                if (e.getValue() < min) {
                    min = e.getValue();
                    soonest = e.getKey();
                }
            }
            if (soonest == null) break;
            ends.remove(soonest);
        }
    }

    private static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
