package dev.hotline.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides, after the response, whether a sampled request's profile is kept, under {@code keep-rate}: profiles
 * per second per JVM, or every one.
 *
 * <p>A token bucket holds two seconds of the rate. Below the budget every request finds a token and is kept, so
 * a developer at their desk gets a profile per request, and a burst of one second's worth is kept whole. Above it, tokens go in this order:
 * <ol>
 *   <li>on demand ({@code ?hotline=1}): always kept;</li>
 *   <li>failed (5xx or an exception): kept while a token is left;</li>
 *   <li>slow for its endpoint (above the endpoint's recent p95, or at least {@code min-duration} when set): kept
 *       while a quarter of the bucket is left;</li>
 *   <li>the rest: kept while half the bucket is left, spread across endpoints: once under three quarters, an
 *       endpoint whose last such profile is more recent than its fair share of the rate allows waits, so a busy
 *       endpoint cannot take every token from a quiet one.</li>
 * </ol>
 * Requests faster than {@code min-duration} are never kept unless asked for on demand.
 *
 * <p>Not thread-safe: Hotline's pipeline thread owns it. Time comes from the injected clock.
 */
final class KeepPolicy {
    /** Why a profile was kept: the {@code keptBecause} of the profile. */
    static final String ON_DEMAND = "on-demand";
    static final String FAILED = "failed";
    static final String SLOW = "slow";
    static final String WITHIN_RATE = "within-rate";
    static final String ALL = "keep-rate-all";

    /** Endpoints not seen for this long no longer count in the fair share. */
    private static final long ACTIVE_NS = 60_000_000_000L;

    private final double ratePerSecond; // infinite: keep all
    private final long minDurationNs;
    private final LongSupplier nanoTime;
    private final double capacity;
    private double tokens;
    private long refilledAt;
    private long prunedAt;
    private final Map<String, long[]> endpoints = new HashMap<>(); // key -> {last seen, last kept as "rest"}

    KeepPolicy(double ratePerSecond, long minDurationNs, LongSupplier nanoTime) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("keep rate must be positive: " + ratePerSecond);
        this.ratePerSecond = ratePerSecond;
        this.minDurationNs = minDurationNs;
        this.nanoTime = nanoTime;
        this.capacity = Double.isInfinite(ratePerSecond) ? 0 : Math.max(2, 2 * ratePerSecond);
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    /**
     * Whether to keep a request's profile, and why: one of the reasons above, or {@code null} when not kept.
     *
     * @param endpointP95Ns the endpoint's recent p95 duration, or 0 while it has too few requests to say
     */
    String decide(String endpoint, long durationNs, boolean onDemand, boolean failed, long endpointP95Ns) {
        long now = nanoTime.getAsLong();
        long[] e = endpoints.computeIfAbsent(endpoint, k -> new long[] {now, Long.MIN_VALUE});
        e[0] = now;
        if (onDemand) {
            take(now, 1, 0);
            return ON_DEMAND;
        }
        if (durationNs < minDurationNs) return null;
        if (Double.isInfinite(ratePerSecond)) return ALL;
        boolean slow = (minDurationNs > 0 && durationNs >= minDurationNs) || (endpointP95Ns > 0 && durationNs > endpointP95Ns);
        if (failed && take(now, 1, 0)) return FAILED;
        if (slow && take(now, 1, capacity / 4)) return SLOW;
        if (!failed && !slow && fairTurn(e, now) && take(now, 1, capacity / 2)) {
            e[1] = now;
            return WITHIN_RATE;
        }
        return null;
    }

    /** Takes {@code n} tokens if more than {@code reserve} would be left; on demand ({@code reserve} 0) may overdraw. */
    private boolean take(long now, double n, double reserve) {
        refill(now);
        if (reserve == 0 && n <= tokens + 1e-9) {
            tokens -= n;
            return true;
        }
        if (tokens - n >= reserve - 1e-9) {
            tokens -= n;
            return true;
        }
        return false;
    }

    private void refill(long now) {
        long dt = now - refilledAt;
        if (dt > 0) {
            tokens = Math.min(capacity, tokens + dt * ratePerSecond / 1e9);
            refilledAt = now;
        }
    }

    /** An endpoint may take a "rest" token once per (active endpoints / rate) seconds while tokens are short. */
    private boolean fairTurn(long[] e, long now) {
        refill(now);
        // Turns matter only when tokens run short; with three quarters of the bucket left, anyone may take one.
        if (tokens >= 0.75 * capacity || e[1] == Long.MIN_VALUE) return true;
        if (now - prunedAt > 1_000_000_000L) {
            endpoints.values().removeIf(x -> now - x[0] > ACTIVE_NS);
            prunedAt = now;
        }
        long turnNs = (long) (Math.max(1, endpoints.size()) * 1e9 / ratePerSecond);
        return now - e[1] >= turnNs;
    }
}
