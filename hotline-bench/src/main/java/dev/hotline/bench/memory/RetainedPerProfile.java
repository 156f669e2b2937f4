package dev.hotline.bench.memory;

import dev.hotline.bench.app.BenchApp;
import dev.hotline.core.Hotline;
import dev.hotline.core.KeptProfile;
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
 * Heap retained per stored profile, as Hotline holds kept requests in memory: {@code count} requests of about
 * {@code millis} ms each to the benchmark app (its full 60 to 90 frame stacks, H2 included), every one kept
 * ({@code keep-rate=all}, {@code keep-in-memory} large enough for all); the heap used after a full collection once
 * they are all kept, minus the heap used after the warm-up requests, over {@code count}. Shared structures that grow
 * with them (stacks seen for the first time, endpoint figures) are included.
 *
 * <pre>java -cp hotline-bench.jar dev.hotline.bench.memory.RetainedPerProfile [count] [millis]</pre>
 */
public final class RetainedPerProfile {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int millis = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmUp = 50;
        System.setProperty("hotline.keep-in-memory", String.valueOf(count + warmUp));
        System.setProperty("hotline.keep-rate", "all");
        System.setProperty("hotline.text-output", "off");
        try (BenchApp app = BenchApp.start(0, true)) {
            Hotline hotline = app.hotline();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port() + "/api/customers/";
            for (int i = 0; i < warmUp; i++) get(client, base + (1 + i) + "/orders?ms=" + millis); // JIT, stacks
            settle(hotline, warmUp);
            long before = usedAfterGc();
            for (int i = 0; i < count; i++) get(client, base + (1 + i % 500) + "/orders?ms=" + millis);
            settle(hotline, warmUp + count);
            long after = usedAfterGc();
            List<KeptProfile> kept = hotline.recentKept().subList(0, count);
            double samples = kept.stream().mapToLong(KeptProfile::sampleCount).average().orElse(0);
            double durationMs = kept.stream().mapToLong(KeptProfile::durationNs).average().orElse(0) / 1e6;
            List<Profile> built = new ArrayList<>();
            for (KeptProfile k : kept.subList(0, 20)) built.add(k.profile());
            double nodes = built.stream().mapToInt(p -> p.nodes().size()).average().orElse(0);
            double lines = built.stream().mapToInt(p -> p.lines().size()).average().orElse(0);
            double jsonBytes = built.stream().mapToInt(p -> ProfileJson.toJson(p).getBytes(StandardCharsets.UTF_8).length)
                    .average().orElse(0);
            System.out.printf(Locale.ROOT, "engine %s (%s): %d kept requests of %.1f ms, %.0f samples, %.0f call-tree"
                            + " nodes, %.0f lines each when built (JSON %.1f KiB): %.1f KiB of heap per stored profile%n",
                    hotline.engineName(), System.getProperty("java.version"), count, durationMs, samples, nodes, lines,
                    jsonBytes / 1024, (after - before) / 1024.0 / count);
            System.out.printf(Locale.ROOT, "ROW\t%s\t%.2f\t%.0f\t%.0f%n", hotline.engineName(), (after - before) / 1024.0 / count,
                    samples, nodes);
        }
    }

    private static void settle(Hotline hotline, int kept) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (hotline.stats().kept() < kept && System.nanoTime() < deadline) Thread.sleep(10);
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
