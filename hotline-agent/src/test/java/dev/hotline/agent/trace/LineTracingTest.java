package dev.hotline.agent.trace;

import dev.hotline.core.model.CallEdge;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hotline.agent.trace.TracedRequests.line;
import static dev.hotline.agent.trace.TracedRequests.method;
import static org.assertj.core.api.Assertions.assertThat;

class LineTracingTest {
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
    void loopOfKnownLength_countsEachHitExactly() {
        Profile p = env.request("/loop", () -> env.call("Workload", "loop", 1000));
        assertThat(line(p, W, "loop", "loop-body").hits()).isEqualTo(1000);
        MethodStats loop = method(p, W, "loop");
        assertThat(loop.calls()).isEqualTo(1);
        assertThat(loop.cumtimeNs()).isPositive().isGreaterThanOrEqualTo(loop.tottimeNs());
        assertThat(line(p, W, "loop", "loop-body").maxNs()).isPositive().isLessThanOrEqualTo(line(p, W, "loop", "loop-body").timeNs());
    }

    @Test
    void sleepLine_getsItsSleep_andLineTimesAddUpToTheMethod() {
        Profile p = env.request("/sleep", () -> env.call("Workload", "sleep", 60L));
        LineStats sleep = line(p, W, "sleep", "sleep");
        assertThat(sleep.hits()).isEqualTo(1);
        assertThat(sleep.timeNs()).isGreaterThanOrEqualTo(60_000_000L);
        assertThat(sleep.maxNs()).isEqualTo(sleep.timeNs());
        MethodStats m = method(p, W, "sleep");
        long sumOfLines = p.lines().stream().filter(l -> l.traced() && l.frame().methodName().equals("sleep")
                && l.frame().className().equals(W)).mapToLong(LineStats::timeNs).sum();
        assertThat(sumOfLines).isLessThanOrEqualTo(m.cumtimeNs()).isGreaterThanOrEqualTo(60_000_000L);
        // Only the method's own probes sit between its entry and its first line: the rest is the lines' time.
        assertThat(m.cumtimeNs() - sumOfLines).isLessThan(m.cumtimeNs() / 10);
        assertThat(m.cumtimeNs()).isLessThanOrEqualTo(p.request().durationNs());
    }

    @Test
    void recursion_countsEveryCall_butCumtimeOnce() {
        Profile p = env.request("/fib", () -> env.call("Workload", "fib", 12));
        MethodStats fib = method(p, W, "fib");
        assertThat(fib.calls()).isEqualTo(465); // calls of fib(12): 2 * fib(13) - 1
        assertThat(fib.cumtimeNs()).isLessThanOrEqualTo(p.request().durationNs());
        assertThat(fib.tottimeNs()).isLessThanOrEqualTo(fib.cumtimeNs());
        assertThat(line(p, W, "fib", "fib-base").hits()).isEqualTo(465);
        assertThat(line(p, W, "fib", "fib-rec").hits()).isEqualTo(232);
        CallEdge self = p.edges().stream().filter(e -> e.caller() != null && e.caller().methodName().equals("fib")
                && e.callee().methodName().equals("fib")).findFirst().orElseThrow();
        assertThat(self.calls()).isEqualTo(464);
        assertThat(self.totalNs()).isZero(); // every recursive call is inside the outermost one
        CallEdge entry = p.edges().stream().filter(e -> e.caller() == null && e.callee().methodName().equals("fib"))
                .findFirst().orElseThrow();
        assertThat(entry.calls()).isEqualTo(1);
        assertThat(entry.totalNs()).isEqualTo(fib.cumtimeNs());
    }

    @Test
    void exceptionThroughTracedLines_closesEachFrame_andTheCatcherGoesOn() {
        Profile p = env.request("/throw", () -> assertThat(env.call("Workload", "catchesFromBelow")).isEqualTo("caught deep"));
        assertThat(method(p, W, "throwsThrough").calls()).isEqualTo(4);
        assertThat(method(p, W, "catchesFromBelow").calls()).isEqualTo(1);
        assertThat(line(p, W, "throwsThrough", "throw").hits()).isEqualTo(1);
        assertThat(line(p, W, "throwsThrough", "throw-rec").hits()).isEqualTo(3);
        assertThat(line(p, W, "catchesFromBelow", "catch-handler").hits()).isEqualTo(1);
        MethodStats outer = method(p, W, "catchesFromBelow");
        MethodStats inner = method(p, W, "throwsThrough");
        assertThat(outer.cumtimeNs()).isGreaterThanOrEqualTo(inner.cumtimeNs());
        // The stack is balanced afterwards: a later request counts from a clean state.
        Profile again = env.request("/after-throw", () -> env.call("Workload", "loop", 10));
        assertThat(line(again, W, "loop", "loop-body").hits()).isEqualTo(10);
        assertThat(again.methods().stream().filter(MethodStats::traced).map(m -> m.method().methodName())).containsOnly("loop");
    }

    @Test
    void constructors_superAndThisCalls_areCountedAfterTheyReturn() {
        Profile p = env.request("/ctor", () -> assertThat(env.call("Workload", "constructors", 5)).isEqualTo(0 + 1 + 2 + 6 + 8 + 16));
        String child = W + "$Child", base = W + "$Base";
        assertThat(method(p, child, "<init>").calls()).isEqualTo(6 + 1); // five Child(int), one Child() calling Child(int)
        assertThat(method(p, base, "<init>").calls()).isEqualTo(6);
        assertThat(line(p, child, "<init>", "child-after-super").hits()).isEqualTo(6);
        assertThat(line(p, base, "<init>", "base-ctor").hits()).isEqualTo(6);
        assertThat(line(p, W, "constructors", "new-child").hits()).isEqualTo(5);
        assertThat(method(p, child, "compute").calls()).isEqualTo(1);
    }

    @Test
    void staticInitializer_isWovenAndRunsOnce() throws Exception {
        Class<?> w = env.load("Workload");
        var f = w.getDeclaredField("staticValue");
        f.setAccessible(true);
        assertThat(f.getInt(null)).isEqualTo(3); // 0 + 1 + 2, computed by the woven <clinit>
    }

    @Test
    void tryFinally_synchronized_andLambdas_keepTheirResults_andCounts() {
        Profile p = env.request("/shapes", () -> {
            assertThat(env.call("Workload", "tryFinally", 3)).isEqualTo(7);
            assertThat(env.call("Workload", "tryFinally", 9)).isEqualTo(18);
            assertThat(env.call("Workload", "synchronizedMethod", 1)).isEqualTo(2);
            assertThat(env.call("Workload", "synchronizedBlock", 1)).isEqualTo(2);
            assertThat(env.call("Workload", "lambdas", 4)).isEqualTo(12);
        });
        assertThat(line(p, W, "tryFinally", "finally").hits()).isEqualTo(2);
        assertThat(line(p, W, "tryFinally", "try-body").hits()).isEqualTo(2);
        assertThat(method(p, W, "synchronizedMethod").calls()).isEqualTo(1);
        assertThat(line(p, W, "synchronizedBlock", "sync-block").hits()).isEqualTo(1);
        MethodStats lambda = p.methods().stream().filter(m -> m.traced() && m.method().methodName().startsWith("lambda$lambdas$"))
                .findFirst().orElseThrow();
        assertThat(lambda.calls()).isEqualTo(4);
    }

    @Test
    void deepCallChain_isFollowedToTheBottom() {
        Profile p = env.request("/deep", () -> assertThat(env.call("Workload", "deep", 3000)).isEqualTo(3001L));
        assertThat(method(p, W, "deep").calls()).isEqualTo(3001);
        assertThat(line(p, W, "deep", "deep").hits()).isEqualTo(3000);
    }

    @Test
    void twoConcurrentRequests_neverMixCounts() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        AtomicReference<Profile> a = new AtomicReference<>(), b = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread ta = new Thread(() -> run("/a", 700, bothIn, a, failure));
        Thread tb = new Thread(() -> run("/b", 1300, bothIn, b, failure));
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        assertThat(failure.get()).isNull();
        assertThat(line(a.get(), W, "loop", "loop-body").hits()).isEqualTo(700 * 20);
        assertThat(line(b.get(), W, "loop", "loop-body").hits()).isEqualTo(1300 * 20);
        assertThat(method(a.get(), W, "loop").calls()).isEqualTo(20);
        assertThat(method(b.get(), W, "loop").calls()).isEqualTo(20);
    }

    private void run(String path, int n, CountDownLatch bothIn, AtomicReference<Profile> out, AtomicReference<Throwable> failure) {
        try {
            var rp = env.hotline.begin("GET", path, null, true);
            try {
                bothIn.countDown();
                bothIn.await();
                for (int i = 0; i < 20; i++) env.call("Workload", "loop", n);
            } finally {
                rp.detach();
                rp.end(200, null);
            }
            out.set(env.next(path));
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    @Test
    void threadsWithoutRequest_areNotCounted() throws Exception {
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch outsiderDone = new CountDownLatch(1);
        Thread outsider = new Thread(() -> {
            try {
                inRequest.await();
                env.call("Workload", "loop", 5000);
                env.call("Workload", "fib", 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                outsiderDone.countDown();
            }
        });
        outsider.start();
        Profile p = env.request("/alone", () -> {
            env.call("Workload", "loop", 10);
            inRequest.countDown();
            try {
                outsiderDone.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        outsider.join();
        assertThat(line(p, W, "loop", "loop-body").hits()).isEqualTo(10);
        assertThat(p.methods().stream().filter(m -> m.traced() && m.method().methodName().equals("fib"))).isEmpty();
    }

    @Test
    void workHandedToAWrappedExecutor_isCountedForItsRequest() throws Exception {
        var pool = dev.hotline.core.HotlineContext.wrap(java.util.concurrent.Executors.newSingleThreadExecutor());
        try {
            Profile p = env.request("/async", () -> {
                try {
                    pool.submit(() -> env.call("Workload", "loop", 250)).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(line(p, W, "loop", "loop-body").hits()).isEqualTo(250);
        } finally {
            pool.shutdown();
        }
    }
}
