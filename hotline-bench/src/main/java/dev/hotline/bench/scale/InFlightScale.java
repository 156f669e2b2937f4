package dev.hotline.bench.scale;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.model.Profile;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How many profiled requests can be in flight at once before samples are lost: N requests at a time, each 60
 * frames deep, half of its {@code millis} on the CPU and half asleep; per request, the samples it got against
 * the samples its duration calls for at the configured interval. Platform threads, or virtual threads
 * ({@code --virtual}, JDK 21+). The engine comes from {@code HOTLINE_ENGINE} / {@code hotline.engine}.
 *
 * <pre>java -cp hotline-bench.jar dev.hotline.bench.scale.InFlightScale [millis] [--virtual] N...</pre>
 */
public final class InFlightScale {
    private static volatile long sink;

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args[0]);
        boolean virtual = false;
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--virtual")) virtual = true;
            else counts.add(Integer.parseInt(args[i]));
        }
        HotlineConfig config = HotlineConfig.builder().set("text-output", "off").set("keep-in-memory", "1").build();
        try (Hotline hotline = Hotline.start(config)) {
            LinkedBlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();
            hotline.addListener(profiles::add);
            run(hotline, profiles, 4, millis, virtual); // warm-up
            profiles.clear();
            for (int n : counts) {
                List<Profile> got = run(hotline, profiles, n, millis, virtual);
                List<Double> ratio = new ArrayList<>();
                int limited = 0;
                String engine = "?";
                for (Profile p : got) {
                    double expected = (double) p.request().durationNs() / p.sampling().intervalNs();
                    ratio.add(p.sampling().sampleCount() / expected);
                    if (p.sampling().budgetLimited()) limited++;
                    engine = p.sampling().engine();
                }
                Collections.sort(ratio);
                double median = ratio.isEmpty() ? Double.NaN : ratio.get(ratio.size() / 2);
                double low = ratio.isEmpty() ? Double.NaN : ratio.get(0);
                System.out.printf(Locale.ROOT, "%s threads, %d in flight, engine %s: %d of %d profiles; samples/expected"
                                + " median %.2f (lowest %.2f); budget-limited %d; %s%n", virtual ? "virtual" : "platform",
                        n, engine, got.size(), n, median, low, limited, hotline.stats());
                System.out.printf(Locale.ROOT, "ROW\t%s\t%s\t%d\t%.3f\t%.3f\t%d\t%d%n", virtual ? "virtual" : "platform",
                        engine, n, median, low, limited, n - got.size());
            }
        }
    }

    private static List<Profile> run(Hotline hotline, LinkedBlockingQueue<Profile> profiles, int n, long millis,
                                     boolean virtual) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(n);
        ExecutorService pool = virtual ? virtualThreads() : Executors.newFixedThreadPool(n);
        try {
            for (int i = 0; i < n; i++) {
                pool.execute(() -> {
                    try {
                        start.await();
                        RequestProfile rp = hotline.begin("GET", "/scale", null, true);
                        deep(60, millis);
                        if (rp != null) rp.end(200, null);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            done.await();
        } finally {
            pool.shutdown();
        }
        List<Profile> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < n && System.nanoTime() < deadline) {
            Profile p = profiles.poll(100, TimeUnit.MILLISECONDS);
            if (p != null) got.add(p);
        }
        return got;
    }

    private static void deep(int depth, long millis) throws InterruptedException {
        if (depth > 0) {
            deep(depth - 1, millis);
            return;
        }
        long half = millis * 500_000;
        long end = System.nanoTime() + half;
        long x = 1;
        while (System.nanoTime() < end) x = x * 6364136223846793005L + 1;
        sink = x;
        Thread.sleep(millis / 2);
    }

    /** Executors.newVirtualThreadPerTaskExecutor() where it exists (JDK 21+); the code is compiled for 17. */
    private static ExecutorService virtualThreads() throws Exception {
        Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        return (ExecutorService) m.invoke(null);
    }
}
