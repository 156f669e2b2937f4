package dev.hotline.bench.fleet;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.fleet.FleetConnections;
import dev.hotline.core.fleet.FleetIdentity;
import dev.hotline.core.fleet.FleetWriter;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * Profiles written per second to the fleet store by one JVM: real profiles (80 ms requests 80 frames deep, waiting
 * in four different leaf methods, sampled every 1 ms by the Java engine) are made first, then offered to a {@link FleetWriter} as fast as it takes them, each
 * under a new id; the time is from the first offer to the last row committed.
 *
 * <pre>java -cp hotline-bench.jar dev.hotline.bench.fleet.FleetWriteBench URL INSTANCE COUNT</pre>
 *
 * Prints one line: {@code instance count seconds profiles/s meanGzipBytes}.
 */
public final class FleetWriteBench {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String instance = args[1];
        int count = Integer.parseInt(args[2]);
        List<Profile> templates = templates(40);
        long bytes = 0;
        for (Profile p : templates) bytes += gzipSize(p);

        FleetWriter w = new FleetWriter(new FleetIdentity("bench", instance, "1"), () -> FleetConnections.open(url, null, null),
                FleetConnections.masked(url), 7, 0, count + 10, count + 10, System::currentTimeMillis);
        w.start();
        w.offer(copy(templates.get(0), instance + "-warm"));
        while (w.stats().profilesWritten() < 1) Thread.sleep(5);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (!w.offer(copy(templates.get(i % templates.size()), instance + "-" + i))) Thread.sleep(1);
        }
        while (w.stats().profilesWritten() < count + 1) Thread.sleep(2);
        double s = (System.nanoTime() - t0) / 1e9;
        w.close();
        System.out.printf("%s %d %.2f %.0f %d%n", instance, count, s, count / s, bytes / templates.size());
    }

    static List<Profile> templates(int n) throws InterruptedException {
        HotlineConfig config = HotlineConfig.builder().explicitSource("bench").set("engine", "java").set("text-output", "off")
                .set("keep-rate", "all").systemProperties(new Properties()).environment(Map.of()).build();
        List<Profile> out = new ArrayList<>();
        try (Hotline h = Hotline.start(config)) {
            h.addListener(p -> {
                synchronized (out) {
                    out.add(p);
                }
            });
            for (int i = 0; i < n; i++) {
                RequestProfile r = h.begin("GET", "/orders/" + i, "page=" + i);
                deep(80, i);
                r.detach();
                r.end(200, null);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                synchronized (out) {
                    if (out.size() >= n) break;
                }
                Thread.sleep(10);
            }
        }
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    /** A stack {@code depth} frames deep that waits 20 ms in each of four leaf methods (no CPU: the JVMs overlap). */
    static long deep(int depth, int seed) throws InterruptedException {
        if (depth > 0) return deep(depth - 1, seed) + 1;
        return readOrders(seed) + priceLines(seed) + writeAudit(seed) + renderPage(seed);
    }

    static long readOrders(int seed) throws InterruptedException { Thread.sleep(20); return seed; }
    static long priceLines(int seed) throws InterruptedException { Thread.sleep(20); return seed + 1; }
    static long writeAudit(int seed) throws InterruptedException { Thread.sleep(20); return seed + 2; }
    static long renderPage(int seed) throws InterruptedException { Thread.sleep(20); return seed + 3; }

    static Profile copy(Profile p, String id) {
        return new Profile(id, p.request(), p.sampling(), p.threads(), p.nodes(), p.samples(), p.lines(), p.methods(), p.notes(),
                p.edges(), p.appPackages(), p.keptBecause());
    }

    static long gzipSize(Profile p) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(b), StandardCharsets.UTF_8)) {
            ProfileJson.write(p, w);
        }
        return b.size();
    }
}
