package dev.hotline.core.engine;

import one.profiler.AsyncProfiler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Records a real async-profiler JFR file of threads with known stacks: one spinning on the CPU, one asleep,
 * one at the bottom of a deep recursion (alternating), in wall-clock mode with the thread filter, as the
 * engine runs it; several dumps make several chunks.
 */
final class JfrRecordingWorkload {
    static final int DEPTH = 120;
    static volatile boolean running;

    private JfrRecordingWorkload() {}

    /** async-profiler, or the test skipped where it cannot load or is busy. */
    static AsyncProfiler profilerOrSkip() throws Exception {
        assumeTrue(AsyncProfilerLoader.platform() != null, "async-profiler has no library for this platform");
        AsyncProfiler p;
        try {
            p = AsyncProfilerLoader.load(null);
        } catch (EngineUnavailableException e) {
            assumeTrue(false, e.getMessage());
            throw e;
        }
        assumeTrue(!p.execute("status").contains("is running"), "async-profiler is busy");
        return p;
    }

    /**
     * Records into {@code file}: {@code dumps} chunks of about {@code msPerChunk} each, with {@code options}
     * added to the start command ({@code nobatch}, or empty for async-profiler's idle batches).
     */
    static Path record(Path file, String options, int dumps, long msPerChunk, int threadsOfEach) throws Exception {
        AsyncProfiler p = profilerOrSkip();
        p.execute("start,wall=1000000,filter,jfr,jfropts=31" + (options.isEmpty() ? "" : "," + options) + ",file=" + file);
        running = true;
        List<Thread> threads = new ArrayList<>();
        CountDownLatch added = new CountDownLatch(3 * threadsOfEach);
        try {
            for (int i = 0; i < threadsOfEach; i++) {
                threads.add(thread("spinner-" + i, added, p, () -> { while (running) AsyncProfilerWorkload.spin(5); }));
                threads.add(thread("sleeper-" + i, added, p, () -> { while (running) Thread.sleep(5); }));
                threads.add(thread("deep-" + i, added, p, () -> recurse(DEPTH)));
            }
            added.await();
            for (int d = 0; d < dumps; d++) {
                Thread.sleep(msPerChunk);
                if (d < dumps - 1) p.execute("dump,jfr");
            }
        } finally {
            running = false;
            for (Thread t : threads) t.join();
            p.execute("stop");
        }
        return file;
    }

    interface Body {
        void run() throws Exception;
    }

    private static Thread thread(String name, CountDownLatch added, AsyncProfiler p, Body body) {
        Thread t = new Thread(() -> {
            p.addThread(Thread.currentThread());
            added.countDown();
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        t.start();
        return t;
    }

    static void recurse(int depth) throws InterruptedException {
        if (depth > 0) {
            recurse(depth - 1);
            return;
        }
        while (running) {
            AsyncProfilerWorkload.spin(3);
            Thread.sleep(3);
        }
    }

    /** The sizes of the chunks of a finished JFR file, read from their headers. */
    static List<Long> chunkSizes(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        List<Long> sizes = new ArrayList<>();
        for (int pos = 0; pos < b.limit(); ) {
            long size = b.getLong(pos + 8);
            sizes.add(size);
            pos += (int) size;
        }
        return sizes;
    }
}
