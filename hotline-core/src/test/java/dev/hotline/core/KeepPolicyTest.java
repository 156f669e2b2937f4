package dev.hotline.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepPolicyTest {
    static final long MS = 1_000_000;
    long now = 1_000_000_000L;
    final java.util.function.LongSupplier clock = () -> now;

    @Test
    void belowTheBudget_everyRequestIsKept() {
        KeepPolicy p = new KeepPolicy(10, 0, clock);
        for (int i = 0; i < 50; i++) {
            now += 200 * MS; // 5 per second against a budget of 10
            assertThat(p.decide("GET /a", 5 * MS, false, false, 0)).isEqualTo(KeepPolicy.WITHIN_RATE);
        }
    }

    @Test
    void aboveTheBudget_aboutTheRateIsKept() {
        KeepPolicy p = new KeepPolicy(10, 0, clock);
        int kept = 0;
        for (int i = 0; i < 10_000; i++) { // 1000 per second for 10 s
            now += MS;
            if (p.decide("GET /a", 5 * MS, false, false, 0) != null) kept++;
        }
        // Half the bucket stays for failed and slow requests, so plain ones get about the rate once it is spent.
        assertThat(kept).isBetween(100, 125);
    }

    @Test
    void onDemand_isAlwaysKept_evenWithNoTokenLeft() {
        KeepPolicy p = new KeepPolicy(1, 0, clock);
        for (int i = 0; i < 20; i++) {
            now += MS;
            assertThat(p.decide("GET /a", MS, true, false, 0)).isEqualTo(KeepPolicy.ON_DEMAND);
        }
    }

    @Test
    void priorities_failedThenSlowThenTheRest() {
        KeepPolicy p = new KeepPolicy(2, 0, clock);
        now += MS;
        // The bucket holds two seconds: 4. Plain requests may use it down to half (2 left)...
        assertThat(p.decide("GET /a", MS, false, false, 0)).isEqualTo(KeepPolicy.WITHIN_RATE);
        assertThat(p.decide("GET /b", MS, false, false, 0)).isEqualTo(KeepPolicy.WITHIN_RATE);
        assertThat(p.decide("GET /c", MS, false, false, 0)).isNull();
        // ...slow ones down to a quarter (1 left)...
        assertThat(p.decide("GET /a", 50 * MS, false, false, 10 * MS)).isEqualTo(KeepPolicy.SLOW);
        assertThat(p.decide("GET /a", 50 * MS, false, false, 10 * MS)).isNull();
        // ...and failed ones to the last token.
        assertThat(p.decide("GET /a", MS, false, true, 0)).isEqualTo(KeepPolicy.FAILED);
        assertThat(p.decide("GET /a", MS, false, true, 0)).isNull();
        // Two seconds later the bucket is full again.
        now += 2000 * MS;
        assertThat(p.decide("GET /c", MS, false, false, 0)).isEqualTo(KeepPolicy.WITHIN_RATE);
    }

    @Test
    void slow_meansAboveTheEndpointsP95_orAtLeastMinDuration() {
        KeepPolicy p = new KeepPolicy(4, 20 * MS, clock);
        now += MS;
        assertThat(p.decide("GET /a", 25 * MS, false, false, 0)).isEqualTo(KeepPolicy.SLOW);
        KeepPolicy q = new KeepPolicy(4, 0, clock);
        assertThat(q.decide("GET /a", 25 * MS, false, false, 20 * MS)).isEqualTo(KeepPolicy.SLOW);
        assertThat(q.decide("GET /a", 15 * MS, false, false, 20 * MS)).isEqualTo(KeepPolicy.WITHIN_RATE);
    }

    @Test
    void fasterThanMinDuration_isNeverKept_unlessOnDemand() {
        KeepPolicy p = new KeepPolicy(Double.POSITIVE_INFINITY, 10 * MS, clock);
        assertThat(p.decide("GET /a", 5 * MS, false, true, 0)).isNull();
        assertThat(p.decide("GET /a", 5 * MS, true, false, 0)).isEqualTo(KeepPolicy.ON_DEMAND);
        assertThat(p.decide("GET /a", 15 * MS, false, false, 0)).isEqualTo(KeepPolicy.ALL);
    }

    @Test
    void keepRateAll_keepsEverything() {
        KeepPolicy p = new KeepPolicy(Double.POSITIVE_INFINITY, 0, clock);
        for (int i = 0; i < 10_000; i++) {
            now += 10_000;
            assertThat(p.decide("GET /a", MS, false, false, 0)).isEqualTo(KeepPolicy.ALL);
        }
    }

    @Test
    void theRest_isSpreadAcrossEndpoints() {
        KeepPolicy p = new KeepPolicy(10, 0, clock);
        Map<String, Integer> kept = new HashMap<>();
        for (int i = 0; i < 60_000; i++) { // 60 s: a busy endpoint at 1000/s, a quiet one at 1/s
            now += MS;
            if (p.decide("GET /busy", MS, false, false, 0) != null) kept.merge("busy", 1, Integer::sum);
            if (i % 1000 == 0 && p.decide("GET /quiet", MS, false, false, 0) != null) kept.merge("quiet", 1, Integer::sum);
        }
        assertThat(kept.get("quiet")).as("the quiet endpoint's requests").isGreaterThanOrEqualTo(55);
        assertThat(kept.get("busy")).isBetween(200, 620);
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new KeepPolicy(0, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
