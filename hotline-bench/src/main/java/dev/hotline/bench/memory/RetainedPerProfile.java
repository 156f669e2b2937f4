package dev.hotline.bench.memory;

import dev.hotline.bench.app.BenchApp;
import dev.hotline.core.Hotline;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap retained per stored profile: {@code count} requests of about {@code millis} ms each to the benchmark app
 * (its full 60 to 90 frame stacks, H2 included), their profiles held in a list; the heap used after a full
 * collection with the list, minus the heap used after dropping it, over {@code count}. Hotline itself keeps one
 * ({@code keep-in-memory=1}), so the difference is the profiles alone, as {@code recentProfiles()} would hold them.
 *
 * <pre>java -cp hotline-bench.jar dev.hotline.bench.memory.RetainedPerProfile [count] [millis]</pre>
 */
public final class RetainedPerProfile {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int millis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.setProperty("hotline.keep-in-memory", "1");
        System.setProperty("hotline.text-output", "off");
        List<Profile> held = new ArrayList<>();
        try (BenchApp app = BenchApp.start(0, true)) {
            Hotline hotline = app.hotline();
            hotline.addListener(p -> {
                if (p.request().path().startsWith("/api/customers/")) {
                    synchronized (held) {
                        held.add(p);
                    }
                }
            });
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port() + "/api/customers/";
            for (int i = 0; i < 20; i++) get(client, base + (1 + i) + "/orders?ms=" + millis); // JIT
            Thread.sleep(500);
            synchronized (held) {
                held.clear();
            }
            for (int i = 0; i < count; i++) get(client, base + (1 + i % 500) + "/orders?ms=" + millis);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (size(held) < count && System.nanoTime() < deadline) Thread.sleep(10);
            List<Profile> profiles;
            synchronized (held) {
                profiles = new ArrayList<>(held);
                held.clear();
            }
            long with = usedAfterGc();
            double samples = profiles.stream().mapToLong(p -> p.sampling().sampleCount()).average().orElse(0);
            double nodes = profiles.stream().mapToInt(p -> p.nodes().size()).average().orElse(0);
            double lines = profiles.stream().mapToInt(p -> p.lines().size()).average().orElse(0);
            double durationMs = profiles.stream().mapToDouble(p -> p.request().durationMillis()).average().orElse(0);
            double jsonBytes = profiles.stream().limit(20)
                    .mapToInt(p -> ProfileJson.toJson(p).getBytes(StandardCharsets.UTF_8).length).average().orElse(0);
            int n = profiles.size();
            profiles = null;
            long without = usedAfterGc();
            System.out.printf(Locale.ROOT, "engine %s (%s): %d profiles of %.1f ms requests, %.0f samples, %.0f call-tree"
                            + " nodes, %.0f lines each (JSON %.1f KiB): %.1f KiB of heap retained per profile%n",
                    hotline.engineName(), System.getProperty("java.version"), n, durationMs, samples, nodes, lines,
                    jsonBytes / 1024, (with - without) / 1024.0 / n);
            System.out.printf(Locale.ROOT, "ROW\t%s\t%.2f\t%.0f\t%.0f%n", hotline.engineName(), (with - without) / 1024.0 / n,
                    samples, nodes);
        }
    }

    private static int size(List<Profile> list) {
        synchronized (list) {
            return list.size();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void get(HttpClient client, String url) throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IllegalStateException(url + " answered " + r.statusCode());
    }
}
