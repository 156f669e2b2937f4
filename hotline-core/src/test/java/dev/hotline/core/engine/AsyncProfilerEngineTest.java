package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AsyncProfilerEngineTest {
    static final long INTERVAL_NS = 1_000_000;
    static AsyncProfilerEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = startOrSkip(INTERVAL_NS);
    }

    @AfterAll
    static void stop() {
        if (engine != null) engine.close();
    }

    /** The engine, or the test skipped where async-profiler has no library that loads. */
    static AsyncProfilerEngine startOrSkip(long intervalNs) throws EngineUnavailableException {
        assumeTrue(AsyncProfilerLoader.platform() != null, "async-profiler has no library for this platform");
        try {
            return AsyncProfilerEngine.tryCreate(intervalNs);
        } catch (EngineUnavailableException e) {
            assumeTrue(!e.getMessage().startsWith("cannot load"), e.getMessage());
            throw e;
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} on the current thread as one request; the future completes with its profile. */
    static CompletableFuture<Profile> request(SamplingEngine engine, String name, Work work) throws Exception {
        CompletableFuture<Profile> profile = new CompletableFuture<>();
        RequestRecording rec = new RequestRecording(name, "GET", "/" + name, null, engine, r -> profile.complete(r.toProfile()));
        ThreadBinding b = ThreadBinding.bind(rec);
        try {
            work.run();
        } finally {
            ThreadBinding.unbind(b);
            rec.end(200, null);
        }
        return profile;
    }

    /** Runs {@code work} as one request on a fresh thread and waits for its profile. */
    static Profile requestOnNewThread(SamplingEngine engine, String name, Work work) throws Exception {
        CompletableFuture<CompletableFuture<Profile>> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                started.complete(request(engine, name, work));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "request-" + name);
        t.start();
        return started.get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
    }

    static LineStats line(Profile p, String className, String method, int line) {
        return p.lines().stream()
                .filter(l -> l.frame().className().equals(className) && l.frame().methodName().equals(method)
                        && l.frame().line() == line)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + method + ":" + line + " in " + p.lines()));
    }

    static boolean hasMethod(Profile p, String method) {
        return p.lines().stream().anyMatch(l -> l.frame().methodName().equals(method));
    }

    @Test
    void groundTruth_cpuSleepAndMonitorWaitEachGetTheirShare() throws Exception {
        AsyncProfilerWorkload w = new AsyncProfilerWorkload(150);
        Profile p = requestOnNewThread(engine, "truth", w::cpuSleepBlocked);

        String cls = AsyncProfilerWorkload.class.getName();
        assertThat(p.sampling().engine()).isEqualTo("async-profiler");
        assertThat(p.sampling().sampleCount()).isGreaterThan(200);
        for (int lineNo : new int[]{w.lineCpu, w.lineSleep, w.lineBlocked}) {
            LineStats l = line(p, cls, "cpuSleepBlocked", lineNo);
            assertThat(p.share(l.totalNs())).as("share of line %d in %s", lineNo, p.lines()).isCloseTo(1 / 3.0, within(0.05));
            assertThat(l.frame().fileName()).isEqualTo("AsyncProfilerWorkload.java");
        }
        // The spinning line is sampled at the loop itself, not at a safepoint in a callee.
        assertThat(p.lines()).anyMatch(l -> l.frame().methodName().equals("spin") && l.selfNs() > 0);
    }

    @Test
    void isolation_concurrentRequestsSeeOnlyTheirOwnWork() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<Profile>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return request(engine, "iso" + k, () -> AsyncProfilerWorkload.work(k, 300));
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                Profile p = futures.get(i).get(10, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
                assertThat(hasMethod(p, "work" + i)).as("own work in profile %d", i).isTrue();
                for (int j = 0; j < n; j++) {
                    if (j != i) assertThat(hasMethod(p, "work" + j)).as("work%d in profile %d", j, i).isFalse();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadServingTwoRequestsInARow_splitsTheirSamples() throws Exception {
        List<Profile> as = new ArrayList<>();
        List<Profile> bs = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                List<CompletableFuture<Profile>> fa = new ArrayList<>();
                List<CompletableFuture<Profile>> fb = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    fa.add(request(engine, "a", () -> AsyncProfilerWorkload.requestA(30)));
                    fb.add(request(engine, "b", () -> AsyncProfilerWorkload.requestB(30)));
                }
                for (int i = 0; i < fa.size(); i++) {
                    as.add(fa.get(i).get(5, TimeUnit.SECONDS));
                    bs.add(fb.get(i).get(5, TimeUnit.SECONDS));
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "serving-two");
        t.start();
        t.join(20_000);
        assertThat(as).hasSize(10);
        for (int i = 0; i < as.size(); i++) {
            Profile a = as.get(i), b = bs.get(i);
            assertThat(hasMethod(a, "requestB")).as("B's frames in A #%d: %s", i, a.lines()).isFalse();
            assertThat(hasMethod(b, "requestA")).as("A's frames in B #%d: %s", i, b.lines()).isFalse();
            assertThat(hasMethod(a, "requestA")).isTrue();
            // B started asleep with no CPU spent since A's last sample: async-profiler may never have sampled B's own
            // stack (its idle batch carried A's). Then B's time is there, with no stack, rather than A's frames.
            assertThat(hasMethod(b, "requestB") || unknownStackNs(b) > 20_000_000L).as("B's own time #%d", i).isTrue();
        }
    }

    /**
     * Quick hand-overs with idle samples batched: each request ends asleep and the next one starts asleep at once, so
     * async-profiler sees no CPU between them and keeps counting the first request's stack into the second. None of
     * A's frames may reach B, nor B's reach A, over many hand-overs on several threads at once.
     */
    @Test
    void manyQuickHandOvers_leakNothingBetweenRequests() throws Exception {
        int threads = 2, pairs = 500;
        List<CompletableFuture<Profile>> as = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<Profile>> bs = new java.util.concurrent.CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < pairs; i++) {
                        as.add(request(engine, "a", () -> AsyncProfilerWorkload.requestA(2)));
                        bs.add(request(engine, "b", () -> AsyncProfilerWorkload.requestB(2)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        int leaks = 0, withOwn = 0;
        for (CompletableFuture<Profile> f : as) {
            Profile a = f.get(5, TimeUnit.SECONDS);
            if (hasMethod(a, "requestB")) leaks++;
            if (hasMethod(a, "requestA")) withOwn++;
        }
        for (CompletableFuture<Profile> f : bs) {
            Profile b = f.get(5, TimeUnit.SECONDS);
            if (hasMethod(b, "requestA")) leaks++;
            if (hasMethod(b, "requestB")) withOwn++;
        }
        System.out.printf("hand-overs: %d requests, %d leaks, %d with their own frames%n", as.size() + bs.size(), leaks, withOwn);
        // A hand-over the scheduler stretches past 50 us while the thread uses no CPU can still pass a one-tick batch
        // on: measured 0 to 1 in 2,000 on a machine with ten runnable threads per core, 0 on a quiet one.
        assertThat(leaks).isLessThanOrEqualTo(2);
        assertThat(withOwn).as("requests whose own stack was sampled").isGreaterThan((as.size() + bs.size()) / 2);
    }

    /** Time sampled with no stack: the root's own time. */
    static long unknownStackNs(Profile p) {
        return p.root().selfNs();
    }

    @Test
    void nestedRequest_innerTaskGoesToTheInnerRequest() throws Exception {
        CompletableFuture<Profile> inner = new CompletableFuture<>();
        Profile outer = requestOnNewThread(engine, "outer", () -> {
            AsyncProfilerWorkload.requestA(60);
            inner.complete(request(engine, "inner", () -> AsyncProfilerWorkload.requestB(60)).get(5, TimeUnit.SECONDS));
            AsyncProfilerWorkload.requestA(60);
        });
        Profile in = inner.get();
        assertThat(hasMethod(in, "requestB")).isTrue();
        assertThat(hasMethod(in, "requestA")).as("outer work in inner: %s", in.lines()).isFalse();
        assertThat(hasMethod(outer, "requestB")).as("inner work in outer: %s", outer.lines()).isFalse();
    }

    @Test
    void finishToComplete_latency() throws Exception {
        int threads = 4, perThread = 75;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        FlushStats before = engine.flushStats();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    for (int k = 0; k < perThread; k++) {
                        CompletableFuture<Long> completedAt = new CompletableFuture<>();
                        RequestRecording rec = new RequestRecording("lat", "GET", "/lat", null, engine,
                                r -> completedAt.complete(System.nanoTime()));
                        ThreadBinding b = ThreadBinding.bind(rec);
                        AsyncProfilerWorkload.spin(2);
                        Thread.sleep(1);
                        ThreadBinding.unbind(b);
                        long ended = System.nanoTime();
                        rec.end(200, null);
                        latencies.add(completedAt.get(2, TimeUnit.SECONDS) - ended);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(sorted).hasSize(threads * perThread);
        FlushStats s = engine.flushStats().minus(before);
        System.out.printf("finish->complete over %d requests on %d threads: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length, threads, sorted[sorted.length / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6,
                sorted[sorted.length - 1] / 1e6);
        System.out.println("flushes: " + s);
        assertThat(sorted[sorted.length - 1]).isLessThan(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void secondEngine_isRefusedWhileOneRuns() {
        assertThatThrownBy(() -> AsyncProfilerEngine.tryCreate(INTERVAL_NS))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("already in use");
    }

    @Test
    void framesKeepLineNumbersAndGuessTheSourceFile() throws Exception {
        Profile p = requestOnNewThread(engine, "frames", () -> AsyncProfilerWorkload.spin(50));
        Frame spin = p.lines().stream().map(LineStats::frame).filter(f -> f.methodName().equals("spin")).findFirst().orElseThrow();
        assertThat(spin.className()).isEqualTo(AsyncProfilerWorkload.class.getName());
        assertThat(spin.fileName()).isEqualTo("AsyncProfilerWorkload.java");
        assertThat(spin.line()).isPositive();
        assertThat(p.threads()).containsExactly("request-frames");
    }
}
