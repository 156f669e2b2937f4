package dev.hotline.agent.trace;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.locks.LockSupport;

import static dev.hotline.agent.trace.TracedRequests.line;
import static dev.hotline.agent.trace.TracedRequests.lineOf;
import static dev.hotline.agent.trace.TracedRequests.method;
import static org.assertj.core.api.Assertions.assertThat;

/** Straight-line lines count exact hits without clock reads of their own; timed lines keep their own time. */
class StraightLineTimingTest {
    private static final String W = "traced.fixture.Workload";
    private static TracedRequests env;

    @BeforeAll
    static void start() {
        env = new TracedRequests();
        env.load("Workload");
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void tightLoopWithABranch_countsEveryHitExactly_andSharesTheRunsTime() {
        Profile p = env.request("/branchy", () -> env.call("Workload", "branchyLoop", 10_000));
        LineStats body = line(p, W, "branchyLoop", "branchy-body");
        LineStats quarter = line(p, W, "branchyLoop", "branchy-quarter");
        assertThat(body.hits()).isEqualTo(10_000);
        assertThat(quarter.hits()).isEqualTo(2_500);
        // Both are straight-line code: their time is a share, and their slowest hit is given as their mean.
        assertThat(lineKinds().straight(lineId(lineOf("branchy-body")))).isTrue();
        assertThat(body.timeNs()).isPositive();
        assertThat(body.maxNs()).isEqualTo(body.timeNs() / body.hits());
        assertThat(quarter.maxNs()).isEqualTo(quarter.timeNs() / quarter.hits());
        MethodStats m = method(p, W, "branchyLoop");
        long sumOfLines = p.lines().stream().filter(l -> l.traced() && l.frame().methodName().equals("branchyLoop")
                && l.frame().className().equals(W)).mapToLong(LineStats::timeNs).sum();
        assertThat(sumOfLines).isLessThanOrEqualTo(m.cumtimeNs());
        assertThat(m.cumtimeNs() - sumOfLines).isLessThan(m.cumtimeNs() / 10);
    }

    @Test
    void aSleepingLineBetweenStraightLines_keepsItsOwnMeasuredTime() {
        Profile p = env.request("/between", () -> env.call("Workload", "sleepBetweenStraightLines", 3, 20L));
        LineStats sleep = line(p, W, "sleepBetweenStraightLines", "between-sleep");
        LineStats before = line(p, W, "sleepBetweenStraightLines", "between-before");
        LineStats after = line(p, W, "sleepBetweenStraightLines", "between-after");
        assertThat(lineKinds().straight(lineId(lineOf("between-sleep")))).isFalse();
        assertThat(sleep.hits()).isEqualTo(3);
        assertThat(before.hits()).isEqualTo(3);
        assertThat(after.hits()).isEqualTo(3);
        assertThat(sleep.timeNs()).isGreaterThanOrEqualTo(60_000_000L);
        assertThat(sleep.maxNs()).isGreaterThanOrEqualTo(20_000_000L).isLessThanOrEqualTo(sleep.timeNs());
        // The sleep is not smeared over the straight-line lines around it.
        assertThat(before.timeNs() + after.timeNs()).isLessThan(sleep.timeNs() / 3);
    }

    @Test
    void sharesOfStraightLines_addUpToTheirRunsTime_byHitsTimesSize() {
        TraceRegistry registry = new TraceRegistry();
        int mid = registry.method(new Frame("x.Y", "run", "Y.java", -1));
        int timed = registry.line(new Frame("x.Y", "run", "Y.java", 1));
        int small = registry.line(new Frame("x.Y", "run", "Y.java", 2));
        int large = registry.line(new Frame("x.Y", "run", "Y.java", 3));
        registry.describeLine(timed, mid, 0);
        registry.describeLine(small, mid, 2);
        registry.describeLine(large, mid, 6);
        ThreadTrace t = new ThreadTrace();
        t.active = true;
        assertThat(t.enter(mid)).isTrue();
        t.line(timed);
        LockSupport.parkNanos(5_000_000L);
        for (int i = 0; i < 3000; i++) {
            t.straight(small);
            t.straight(large);
            if (i % 3 == 0) t.straight(large);
        }
        LockSupport.parkNanos(2_000_000L);
        t.line(timed);
        long run = t.straightNs(mid);
        t.exit(mid);

        ProfileBuilder b = new ProfileBuilder();
        t.flush(registry).addTo(b);
        Profile p = b.build("x", new RequestInfo("GET", "/x", null, 200, java.time.Instant.EPOCH, 0, null), "test", 1, false);
        LineStats timedLine = lineAt(p, 1), smallLine = lineAt(p, 2), largeLine = lineAt(p, 3);
        assertThat(timedLine.hits()).isEqualTo(2);
        assertThat(smallLine.hits()).isEqualTo(3000);
        assertThat(largeLine.hits()).isEqualTo(4000);
        assertThat(timedLine.timeNs()).isGreaterThanOrEqualTo(5_000_000L);
        assertThat(run).isGreaterThanOrEqualTo(2_000_000L);
        assertThat(smallLine.timeNs() + largeLine.timeNs()).isEqualTo(run);
        // 3000 hits of size 2 against 4000 hits of size 6: one fifth and four fifths.
        assertThat((double) smallLine.timeNs()).isCloseTo(run / 5.0, org.assertj.core.data.Offset.offset(2.0));
    }

    private static LineStats lineAt(Profile p, int n) {
        return p.lines().stream().filter(l -> l.frame().line() == n).findFirst().orElseThrow();
    }

    private static TraceRegistry.LineKinds lineKinds() {
        return TraceRuntime.REGISTRY.lineKinds();
    }

    /** The id of the Workload line {@code n}, looked up among the registered lines. */
    private static int lineId(int n) {
        TraceRegistry r = TraceRuntime.REGISTRY;
        for (int id = r.lineCount() - 1; id >= 0; id--) {
            Frame f = r.lineFrame(id);
            if (f.className().equals(W) && f.line() == n) return id;
        }
        throw new AssertionError("line " + n + " not registered");
    }
}
