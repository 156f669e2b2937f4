package dev.hotline.bench.latency;

import dev.hotline.bench.app.BenchApp;
import dev.hotline.core.Hotline;
import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time from the end of a response (its last byte at the client) until its profile is readable: in memory (a
 * {@code ProfileListener} sees it; {@code Hotline.recentProfiles()} has it at the same moment) and as a file in the
 * profile directory. Sequential probe requests to the benchmark app, first at rest, then while {@code loadThreads}
 * other clients keep the server busy. The engine and the rest come from {@code HOTLINE_*} / {@code hotline.*}.
 *
 * <pre>java -cp hotline-bench.jar dev.hotline.bench.latency.AvailabilityLatency [probes] [loadThreads]</pre>
 */
public final class AvailabilityLatency {
    public static void main(String[] args) throws Exception {
        int probes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int loadThreads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("hotline-availability");
        if (System.getProperty("hotline.profile-dir") == null && System.getenv("HOTLINE_PROFILE_DIR") == null) {
            System.setProperty("hotline.profile-dir", dir.toString());
        } else {
            dir = Path.of(System.getProperty("hotline.profile-dir", System.getenv("HOTLINE_PROFILE_DIR")));
        }
        Map<String, Long> seenInMemory = new ConcurrentHashMap<>();
        try (BenchApp app = BenchApp.start(0, true)) {
            Hotline hotline = app.hotline();
            if (hotline == null) throw new IllegalStateException("Hotline did not start");
            hotline.addListener(p -> probeOf(p).ifPresent(probe -> seenInMemory.put(probe, System.nanoTime())));
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port();
            for (int i = 0; i < 300; i++) get(client, base + "/api/customers/" + (1 + i % 500) + "/orders"); // JIT
            Thread.sleep(500);
            String engine = hotline.engineName();
            measure(engine, "at rest", client, base, dir, probes, seenInMemory, 0);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong loadRequests = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < loadThreads; t++) {
                Thread th = new Thread(() -> {
                    HttpClient c = HttpClient.newHttpClient();
                    int k = 0;
                    while (!stop.get()) {
                        try {
                            get(c, base + "/api/customers/" + (1 + k++ % 500) + "/orders");
                            loadRequests.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                }, "load-" + t);
                th.setDaemon(true);
                th.start();
                load.add(th);
            }
            Thread.sleep(1000);
            long before = loadRequests.get();
            long start = System.nanoTime();
            measure(engine, "under load (" + loadThreads + " clients)", client, base, dir, probes, seenInMemory, probes);
            double rate = (loadRequests.get() - before) / ((System.nanoTime() - start) / 1e9);
            stop.set(true);
            for (Thread th : load) th.join(5000);
            System.out.printf(Locale.ROOT, "  (load: %.0f requests/s beside the probes; stats %s)%n", rate, hotline.stats());
        }
    }

    private static java.util.Optional<String> probeOf(Profile p) {
        String path = p.request().path();
        if (!path.startsWith("/api/probe/")) return java.util.Optional.empty();
        return java.util.Optional.of(path.substring("/api/probe/".length(), path.indexOf('/', "/api/probe/".length())));
    }

    private static void measure(String engine, String condition, HttpClient client, String base, Path dir, int probes,
                                Map<String, Long> seenInMemory, int firstId) throws Exception {
        List<Long> memory = new ArrayList<>();
        List<Long> file = new ArrayList<>();
        int missing = 0;
        for (int i = firstId; i < firstId + probes; i++) {
            String probe = "p" + i;
            // On demand, so the probe is kept whatever keep-rate says under the load.
            get(client, base + "/api/probe/" + probe + "/customers/" + (1 + i % 500) + "/orders", true);
            long end = System.nanoTime();
            long deadline = end + 2_000_000_000L;
            Long inMemory = null;
            long onDisk = -1;
            while (System.nanoTime() < deadline && (inMemory == null || onDisk < 0)) {
                if (inMemory == null) inMemory = seenInMemory.get(probe);
                if (onDisk < 0 && exists(dir, "GET.api.probe." + probe + ".")) onDisk = System.nanoTime();
                if (inMemory == null || onDisk < 0) Thread.sleep(0, 200_000);
            }
            if (inMemory == null || onDisk < 0) {
                missing++;
                continue;
            }
            memory.add(Math.max(0, inMemory - end));
            file.add(onDisk - end);
        }
        System.out.printf(Locale.ROOT, "engine %s, %s, %d probes%s: in memory p50 %.1f ms p99 %.1f ms max %.1f ms;"
                        + " file p50 %.1f ms p99 %.1f ms max %.1f ms%n", engine, condition, probes,
                missing > 0 ? " (" + missing + " not readable within 2 s)" : "",
                pct(memory, 50), pct(memory, 99), pct(memory, 100), pct(file, 50), pct(file, 99), pct(file, 100));
        System.out.printf(Locale.ROOT, "ROW\t%s\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%d%n", engine, condition, pct(memory, 50),
                pct(memory, 99), pct(file, 50), pct(file, 99), missing);
    }

    private static boolean exists(Path dir, String prefix) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, prefix + "*.json")) {
            return s.iterator().hasNext();
        }
    }

    private static double pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) return Double.NaN;
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i)) / 1e6;
    }

    private static void get(HttpClient client, String url) throws IOException, InterruptedException {
        get(client, url, false);
    }

    private static void get(HttpClient client, String url, boolean onDemand) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (onDemand) b.header("X-Hotline", "1");
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException(url + " answered " + r.statusCode());
    }
}
