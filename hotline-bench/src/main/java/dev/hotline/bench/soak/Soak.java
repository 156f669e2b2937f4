package dev.hotline.bench.soak;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.HotlineStats;
import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Soak run ({@code bench/soak.sh}): every request profiled and written to a profile directory, for minutes, over a
 * mix of endpoints (CPU, sleep, streamed, async, failing, long query with secrets, many routes). Every 30 s it
 * forces a full GC and prints the heap still in use and Hotline's counters; at the end it checks that the heap
 * stayed flat, that every request was answered as expected, and that the counters add up. Exit status 1 when a
 * check fails. Not part of the test run.
 *
 * <pre>java -Xmx512m -cp hotline-bench.jar dev.hotline.bench.soak.Soak [seconds] [client threads]   (600, 8)</pre>
 */
public final class Soak {
    private static final String[] PATHS = {"/cpu", "/sleep", "/stream", "/async", "/fail", "/query", "/orders/"};

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dir = Files.createTempDirectory("hotline-soak");
        HotlineFilter filter = HotlineFilter.builder().profileDir(dir).textOutput(HotlineConfig.TextOutput.OFF)
                .includePackages("dev.hotline.bench").profileOneIn(1).build();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler("/");
        FilterHolder fh = new FilterHolder(filter);
        fh.setAsyncSupported(true);
        ctx.addFilter(fh, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        ServletHolder sh = new ServletHolder(new Mix());
        sh.setAsyncSupported(true);
        ctx.addServlet(sh, "/*");
        server.setHandler(ctx);
        server.start();
        String base = "http://127.0.0.1:" + connector.getLocalPort();

        AtomicLong sent = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> drive(base, end, sent, unexpected), "soak-client-" + i);
            t.start();
            threads.add(t);
        }
        List<Long> heap = new ArrayList<>();
        System.out.println("| s | heap after full GC (MiB) | requests | sampled | kept | not kept | dropped | pending | files | file failures | outages | failures |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            heap.add(heapAfterGc());
            row((System.nanoTime() - start) / 1_000_000_000L, heap.get(heap.size() - 1), sent.get(), filter.hotline().stats());
        }
        for (Thread t : threads) t.join();
        Thread.sleep(5_000); // the pipeline and the writer drain
        HotlineStats st = filter.hotline().stats();
        long finalHeap = heapAfterGc();
        row((System.nanoTime() - start) / 1_000_000_000L, finalHeap, sent.get(), st);
        server.stop();
        filter.destroy();

        List<String> failed = new ArrayList<>();
        if (unexpected.get() > 0) failed.add(unexpected.get() + " requests answered with an unexpected status or failed");
        if (st.sampled() != sent.get()) failed.add("sampled " + st.sampled() + " != requests sent " + sent.get());
        if (st.pending() != 0 || st.kept() + st.notKept() + st.dropped() != st.sampled()) {
            failed.add("kept + not kept + dropped != sampled: " + st);
        }
        if (st.filesWritten() + st.fileFailures() + st.filesDropped() > st.kept()) failed.add("files written + failed + dropped > kept");
        if (st.failures() > 0 || st.fileFailures() > 0) failed.add("failures " + st.failures() + ", file failures " + st.fileFailures());
        try (var files = Files.list(dir)) {
            long json = files.filter(p -> p.toString().endsWith(".json")).count();
            long expected = Math.min(st.filesWritten(), HotlineConfig.builder().build().maxFiles());
            if (json != expected) failed.add(json + " files in the directory, " + expected + " expected after retention");
        }
        if (heap.size() >= 6) {
            long early = median(heap.subList(1, heap.size() / 3 + 1));
            long late = median(heap.subList(heap.size() * 2 / 3, heap.size()));
            System.out.printf(Locale.ROOT, "heap after full GC: %d MiB early, %d MiB late%n", early >> 20, late >> 20);
            if (late > early * 1.2 + (16L << 20)) failed.add("heap grew from " + (early >> 20) + " to " + (late >> 20) + " MiB");
        }
        System.out.println(failed.isEmpty() ? "soak: all checks passed" : "soak: FAILED: " + String.join("; ", failed));
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    private static void drive(String base, long end, AtomicLong sent, AtomicLong unexpected) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            String path = PATHS[r.nextInt(PATHS.length)];
            String url = base + switch (path) {
                case "/orders/" -> path + r.nextInt(10_000) + "/items/" + r.nextInt(50);
                case "/query" -> path + "?page=" + r.nextInt(100) + "&token=secret-" + r.nextLong() + "&next=%2Fcb%3Fcode%3Dx";
                default -> path;
            };
            try {
                HttpResponse<Void> res = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding());
                sent.incrementAndGet();
                int want = path.equals("/fail") ? 500 : 200;
                if (res.statusCode() != want) unexpected.incrementAndGet();
            } catch (IOException e) {
                unexpected.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long median(List<Long> values) {
        List<Long> v = new ArrayList<>(values);
        v.sort(null);
        return v.get(v.size() / 2);
    }

    private static void row(long s, long heap, long sent, HotlineStats st) {
        System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", s, heap / 1048576.0, sent,
                st.sampled(), st.kept(), st.notKept(), st.dropped(), st.pending(), st.filesWritten(), st.fileFailures(),
                st.directoryOutages(), st.failures());
    }

    /** The endpoints: a few ms each, on the CPU, asleep, streamed, async, failing. */
    static final class Mix extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String p = req.getRequestURI();
            if (p.startsWith("/cpu")) {
                res.getWriter().print(spin(3));
            } else if (p.startsWith("/sleep")) {
                pause(5);
                res.getWriter().print("slept");
            } else if (p.startsWith("/stream")) {
                for (int i = 0; i < 4; i++) {
                    res.getWriter().print("chunk " + i + "\n");
                    res.flushBuffer();
                    pause(1);
                }
            } else if (p.startsWith("/async")) {
                AsyncContext a = req.startAsync();
                a.start(() -> {
                    spin(2);
                    try {
                        a.getResponse().getWriter().print("async");
                    } catch (IOException ignored) {
                        // the client went away
                    }
                    a.complete();
                });
            } else if (p.startsWith("/fail")) {
                spin(1);
                throw new IllegalStateException("failing on purpose, password=hunter2");
            } else {
                res.getWriter().print(spin(1));
            }
        }

        private static long spin(int ms) {
            long end = System.nanoTime() + ms * 1_000_000L;
            long x = 0;
            while (System.nanoTime() < end) x += Long.numberOfTrailingZeros(x + System.nanoTime());
            return x;
        }

        private static void pause(int ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
