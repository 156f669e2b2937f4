package dev.hotline.core.engine;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class JavaSamplingEngineTest {

    /** Recurses to a given depth, then waits: deep stacks make each sample expensive. */
    static void deep(int depth, CountDownLatch ready, CountDownLatch release) throws InterruptedException {
        if (depth > 0) {
            deep(depth - 1, ready, release);
            return;
        }
        ready.countDown();
        release.await();
    }

    @Test
    void neverSpendsMoreThanItsCpuBudget() throws Exception {
        double budget = 0.02;
        JavaSamplingEngine engine = new JavaSamplingEngine(1_000_000, budget);
        List<Profile> profiles = new CopyOnWriteArrayList<>();
        int threads = 16;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                RequestRecording rec = new RequestRecording("r", "GET", "/deep", null, engine, r -> profiles.add(r.toProfile()));
                ThreadBinding b = ThreadBinding.bind(rec);
                try {
                    deep(300, ready, release);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ThreadBinding.unbind(b);
                    rec.end(200, null);
                    done.countDown();
                }
            }, "deep-" + i);
            workers.add(t);
            t.start();
        }
        ready.await();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long samplerId = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("hotline-sampler")).mapToLong(Thread::getId).max().orElseThrow();
        long cpu0 = mx.getThreadCpuTime(samplerId);
        long wall0 = System.nanoTime();
        Thread.sleep(1500);
        long cpu = mx.getThreadCpuTime(samplerId) - cpu0;
        long wall = System.nanoTime() - wall0;
        release.countDown();
        done.await();
        engine.close();

        // One round may start just before the window closes; beyond that the budget holds.
        assertThat((double) cpu).isLessThanOrEqualTo(budget * wall + engine.maxRoundCostNs() * 2.0);
        assertThat(profiles).hasSize(threads);
        assertThat(profiles).allSatisfy(p -> {
            assertThat(p.sampling().budgetLimited()).isTrue();
            assertThat(p.sampling().sampleCount()).isGreaterThan(0);
            assertThat(p.notes()).anyMatch(n -> n.contains("CPU budget"));
            // Weights are real time: the samples still cover the request although they were few.
            assertThat((double) p.sampling().sampledNs()).isGreaterThan(0.8 * p.request().durationNs());
        });
    }
}
