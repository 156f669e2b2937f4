package dev.hotline.bench.accuracy;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Accuracy of line shares against time measured by the workload itself ({@link Workload}), for each Hotline
 * engine and for async-profiler's own output on the same thread. Run by {@code bench/accuracy.sh}:
 *
 * <pre>
 * java -cp hotline-bench.jar dev.hotline.bench.accuracy.AccuracyBench hotline ENGINE REQUESTS
 * java -agentpath:libasyncProfiler.so=start,event=wall,interval=1ms,jfr,file=F.jfr -cp hotline-bench.jar \
 *     dev.hotline.bench.accuracy.AccuracyBench run REQUESTS TRUTH_FILE
 * java -cp hotline-bench.jar dev.hotline.bench.accuracy.AccuracyBench jfr F.jfr TRUTH_FILE
 * java -cp hotline-bench.jar dev.hotline.bench.accuracy.AccuracyBench short ENGINE REQUESTS MILLIS
 * </pre>
 *
 * Each line's share is its time with the line on the stack (callees included; for the two hot loops, time with
 * the line on top) over the request's sampled time; the error is the difference from the measured share, in
 * percentage points.
 */
public final class AccuracyBench {
    private static final long SLICE_MS = 30;
    private static final String WORKER = "accuracy-worker";

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "hotline" -> hotline(args[1], Integer.parseInt(args[2]));
            case "run" -> runPlain(Integer.parseInt(args[1]), Path.of(args[2]));
            case "jfr" -> fromJfr(Path.of(args[1]), Path.of(args[2]));
            case "short" -> shortRequests(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]));
            default -> {
                System.err.println("usage: AccuracyBench hotline ENGINE N | run N TRUTH | jfr FILE TRUTH | short ENGINE N MS");
                System.exit(2);
            }
        }
    }

    /** N requests profiled by Hotline in this JVM; prints per-line errors, per request and over all. */
    private static void hotline(String engine, int requests) throws Exception {
        BlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();
        HotlineConfig config = HotlineConfig.builder().set("engine", engine).set("text-output", "off").build();
        try (Hotline hotline = Hotline.start(config); Workload workload = new Workload(SLICE_MS)) {
            hotline.addListener(profiles::add);
            Map<Workload.Line, List<Double>> errors = new LinkedHashMap<>();
            Map<Workload.Line, double[]> sums = new LinkedHashMap<>(); // measured ns, profiled ns
            double[] totals = new double[2];                             // request ns, sampled ns
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < requests + 2; i++) {
                        RequestProfile rp = hotline.begin("GET", "/accuracy", null, true);
                        Map<Workload.Line, Long> truth = workload.handle();
                        rp.end(200, null);
                        Profile p = profiles.poll(10, TimeUnit.SECONDS);
                        if (p == null) throw new IllegalStateException("no profile within 10 s");
                        if (i < 2) continue; // JIT warm-up
                        long request = truth.get(new Workload.Line("request", "handle", 0));
                        totals[0] += request;
                        totals[1] += p.sampling().sampledNs();
                        for (Map.Entry<Workload.Line, Long> e : truth.entrySet()) {
                            if (e.getKey().label().equals("request")) continue;
                            long profiled = profiled(p, e.getKey());
                            double err = 100 * (p.share(profiled) - (double) e.getValue() / request);
                            errors.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(err);
                            double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
                            s[0] += e.getValue();
                            s[1] += profiled;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, WORKER);
            worker.start();
            worker.join();
            System.out.println("engine " + hotline.engineName() + ", " + requests + " requests of about "
                    + 5 * SLICE_MS + " ms (" + SLICE_MS + " ms per stretch)");
            System.out.println("| line | measured share | profiled share (all requests) | error, all | error per request: median |max| |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<Workload.Line, double[]> e : sums.entrySet()) {
                double truth = 100 * e.getValue()[0] / totals[0];
                double seen = 100 * e.getValue()[1] / totals[1];
                List<Double> abs = errors.get(e.getKey()).stream().map(Math::abs).sorted().toList();
                row("hotline-" + hotline.engineName(), e.getKey(), truth, seen);
                System.out.printf(Locale.ROOT, "| %s (%s:%d) | %.1f %% | %.1f %% | %+.1f pp | %.1f pp | %.1f pp |%n",
                        e.getKey().label(), e.getKey().method(), e.getKey().line(), truth, seen, seen - truth,
                        abs.get(abs.size() / 2), abs.get(abs.size() - 1));
            }
        }
    }

    /** A machine-readable result line for bench/accuracy.sh, which takes medians over rounds. */
    private static void row(String config, Workload.Line line, double truthPercent, double seenPercent) {
        System.out.printf(Locale.ROOT, "ROW\t%s\t%s (%s:%d)\t%.2f\t%.2f%n", config, line.label(), line.method(), line.line(),
                truthPercent, seenPercent);
    }

    private static long profiled(Profile p, Workload.Line line) {
        boolean self = line.label().endsWith("(self)");
        long ns = 0;
        for (LineStats l : p.lines()) {
            if (l.frame().className().equals(Workload.class.getName()) && l.frame().methodName().equals(line.method())
                    && l.frame().line() == line.line()) {
                ns += self ? l.selfNs() : l.totalNs();
            }
        }
        return ns;
    }

    /** N requests with no profiler in-process (async-profiler runs as an agent); writes the measured times. */
    private static void runPlain(int requests, Path truthFile) throws Exception {
        Map<Workload.Line, Long> sums = new LinkedHashMap<>();
        try (Workload workload = new Workload(SLICE_MS)) {
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < requests; i++) workload.handle().forEach((k, v) -> sums.merge(k, v, Long::sum));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, WORKER);
            worker.start();
            worker.join();
        }
        List<String> out = new ArrayList<>();
        sums.forEach((k, v) -> out.add(k.label() + "\t" + k.method() + "\t" + k.line() + "\t" + v));
        Files.write(truthFile, out);
    }

    /** Line shares from async-profiler's JFR output, for the worker thread's samples inside {@code handle}. */
    private static void fromJfr(Path jfr, Path truthFile) throws IOException {
        Map<Workload.Line, Long> truth = new LinkedHashMap<>();
        for (String row : Files.readAllLines(truthFile)) {
            String[] f = row.split("\t");
            truth.put(new Workload.Line(f[0], f[1], Integer.parseInt(f[2])), Long.parseLong(f[3]));
        }
        long request = truth.remove(new Workload.Line("request", "handle", 0));
        Map<Workload.Line, Long> seen = new LinkedHashMap<>();
        long inRequest = 0;
        long outside = 0;
        Map<String, Long> hotLoopLines = new LinkedHashMap<>();
        Set<String> types = new HashSet<>();
        try (RecordingFile file = new RecordingFile(jfr)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                types.add(e.getEventType().getName());
                if (!e.hasField("sampledThread") || e.getStackTrace() == null) continue;
                RecordedThread t = e.getThread("sampledThread");
                if (t == null || !WORKER.equals(t.getJavaName())) continue;
                long weight = e.hasField("samples") ? e.getLong("samples") : 1;
                RecordedStackTrace st = e.getStackTrace();
                if (!onStack(st, "handle", -1)) {
                    outside += weight;
                    continue;
                }
                inRequest += weight;
                RecordedFrame topFrame = st.getFrames().get(0);
                if (topFrame.getMethod() != null && topFrame.getMethod().getName().equals("hotLoops")) {
                    hotLoopLines.merge("hotLoops:" + topFrame.getLineNumber() + " (" + topFrame.getType() + ")", weight, Long::sum);
                }
                for (Workload.Line line : truth.keySet()) {
                    boolean self = line.label().endsWith("(self)");
                    boolean hit = self ? top(st, line) : onStack(st, line.method(), line.line());
                    if (hit) seen.merge(line, weight, Long::sum);
                }
            }
        }
        System.out.println("async-profiler (agent, wall, 1 ms), " + inRequest + " samples inside requests, " + outside
                + " more of the same thread without handle() on the stack; event types " + types);
        System.out.println("samples with hotLoops on top, by line: " + hotLoopLines);
        System.out.println("| line | measured share | profiled share | error |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<Workload.Line, Long> e : truth.entrySet()) {
            double t = 100.0 * e.getValue() / request;
            double s = inRequest == 0 ? 0 : 100.0 * seen.getOrDefault(e.getKey(), 0L) / inRequest;
            row("async-profiler-agent", e.getKey(), t, s);
            System.out.printf(Locale.ROOT, "| %s (%s:%d) | %.1f %% | %.1f %% | %+.1f pp |%n", e.getKey().label(),
                    e.getKey().method(), e.getKey().line(), t, s, s - t);
        }
    }

    private static boolean onStack(RecordedStackTrace st, String method, int line) {
        for (RecordedFrame f : st.getFrames()) {
            if (f.getMethod() != null && f.getMethod().getType().getName().equals(Workload.class.getName())
                    && f.getMethod().getName().equals(method) && (line < 0 || f.getLineNumber() == line)) {
                return true;
            }
        }
        return false;
    }

    private static boolean top(RecordedStackTrace st, Workload.Line line) {
        if (st.getFrames().isEmpty()) return false;
        RecordedFrame f = st.getFrames().get(0);
        return f.getMethod() != null && f.getMethod().getType().getName().equals(Workload.class.getName())
                && f.getMethod().getName().equals(line.method()) && f.getLineNumber() == line.line();
    }

    /** N short requests of {@code millis} of CPU: how many samples each gets, and what the profile says. */
    private static void shortRequests(String engine, int requests, long millis) throws Exception {
        BlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();
        HotlineConfig config = HotlineConfig.builder().set("engine", engine).set("text-output", "off").build();
        try (Hotline hotline = Hotline.start(config); Workload workload = new Workload(SLICE_MS)) {
            hotline.addListener(profiles::add);
            List<Long> samples = new ArrayList<>();
            List<Double> spinShare = new ArrayList<>();
            Map<String, Integer> notes = new LinkedHashMap<>();
            int lowConfidence = 0;
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < requests + 20; i++) {
                        RequestProfile rp = hotline.begin("GET", "/short", null, true);
                        workload.shortRequest(millis * 1_000_000);
                        rp.end(200, null);
                        Profile p = profiles.poll(10, TimeUnit.SECONDS);
                        if (p == null) throw new IllegalStateException("no profile within 10 s");
                        if (i < 20) continue;
                        samples.add(p.sampling().sampleCount());
                        long spin = p.lines().stream().filter(l -> l.frame().className().equals(Workload.class.getName())
                                && l.frame().methodName().equals("spin")).mapToLong(LineStats::selfNs).sum();
                        spinShare.add(100 * p.share(spin));
                        for (String n : p.notes()) notes.merge(n.replaceAll("[0-9]+", "N"), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, WORKER);
            worker.start();
            worker.join();
            for (Profile p : hotline.recentProfiles()) if (p.sampling().lowConfidence()) lowConfidence++;
            List<Long> sorted = samples.stream().sorted().toList();
            List<Double> shares = spinShare.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "engine %s, %d requests of %d ms CPU: samples per profile median %d (min %d, max %d);"
                            + " share of the spinning method median %.0f %% (min %.0f %%); low-confidence in the last %d kept: %d%n",
                    hotline.engineName(), requests, millis, sorted.get(sorted.size() / 2), sorted.get(0),
                    sorted.get(sorted.size() - 1), shares.get(shares.size() / 2), shares.get(0),
                    hotline.recentProfiles().size(), lowConfidence);
            notes.forEach((n, c) -> System.out.println("  note in " + c + " profiles: " + n));
        }
    }
}
