package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times reading the same async-profiler recording with {@link JfrSampleParser} and with the JDK's reader
 * (converting its samples as the engine did, {@link JdkJfrReference}), in nanoseconds and bytes allocated per
 * sample. Not a test
 * and not a benchmark: a rough figure, from a run on whatever else the machine is doing; the reading
 * thread's CPU time is counted, not wall time, so a busy machine distorts it less. Run with
 * {@code java -cp <test classes>:<classes>:<async-profiler jar> dev.hotline.core.engine.JfrParseTiming}.
 */
public final class JfrParseTiming {
    private JfrParseTiming() {}

    /** Keeps stacks across calls, as the engine does across dumps; counts samples. */
    static final class Counting implements JfrSampleParser.Visitor {
        final Map<Long, Frame[]> stacks = new HashMap<>();
        /** Ids known, without boxing, so the figures are the parser's. */
        final LongLongMap known = new LongLongMap();
        long samples, check;

        @Override public boolean wantStack(long id) { return known.get(id) == LongLongMap.MISSING; }
        @Override public void stack(long id, Frame[] topFirst) {
            known.put(id, 1);
            stacks.put(id, topFirst);
        }
        @Override public void sample(long thread, long epochNs, long spanNs, int count, long stackId) {
            samples++;
            check += thread + epochNs + count;
        }
    }

    interface Run {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jfr-timing");
        // Long chunks of either event shape, then short ones as the engine's frequent dumps make them: async-profiler
        // repeats every stack in each chunk, which the parser walks past even when the caller knows them all.
        String[] options = {"nobatch", "", "nobatch"};
        int[] dumps = {6, 6, 60};
        long[] msPerChunk = {500, 500, 50};
        for (int i = 0; i < options.length; i++) {
            Path file = JfrRecordingWorkload.record(dir.resolve("rec" + i + ".jfr"), options[i], dumps[i], msPerChunk[i], 3);
            List<Long> chunks = JfrRecordingWorkload.chunkSizes(file);
            System.out.printf("%n%s, %d ms chunks: %d bytes in %d chunks%n", options[i].isEmpty() ? "default batching" : options[i],
                    msPerChunk[i], Files.size(file), chunks.size());

            time("RecordingFile, samples as Hotline took them", () -> JdkJfrReference.samples(file).size());
            time("JfrSampleParser, every stack decoded", () -> {
                Counting c = new Counting();
                new JfrSampleParser().parseCompleteChunks(file, 0, c);
                return c.samples;
            });
            JfrSampleParser parser = new JfrSampleParser();
            Counting known = new Counting();
            time("JfrSampleParser, stacks known", () -> {
                known.samples = 0;
                parser.parseCompleteChunks(file, 0, known);
                return known.samples;
            });
        }
    }

    @SuppressWarnings("restriction")
    private static void time(String what, Run run) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long samples = 0;
        for (int i = 0; i < 40; i++) samples = run.run();
        int rounds = 40;
        double[] ns = new double[rounds];
        long allocated = 0;
        for (int i = 0; i < rounds; i++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = threads.getCurrentThreadCpuTime();
            samples = run.run();
            ns[i] = (threads.getCurrentThreadCpuTime() - t0) / (double) samples;
            allocated += threads.getCurrentThreadAllocatedBytes() - a0;
        }
        Arrays.sort(ns);
        System.out.printf("  %-40s %7d samples  median %8.0f CPU ns/sample (min %6.0f)  %7.0f bytes allocated/sample%n",
                what, samples, ns[rounds / 2], ns[0], allocated / (double) rounds / samples);
    }
}
