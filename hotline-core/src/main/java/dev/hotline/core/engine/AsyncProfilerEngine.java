package dev.hotline.core.engine;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Frame;
import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The native engine: async-profiler in wall-clock mode, sampling only the threads inside requests (its
 * thread filter), running or blocked, without safepoint bias, with line numbers.
 *
 * <p>async-profiler writes its samples to a JFR file. A reader thread, {@code hotline-async-profiler}, has it
 * finish the current chunk ({@code dump}) on a fixed cadence while requests wait for their samples (every
 * {@value #FLUSH_PERIOD_MS} ms at most, and no more often than keeps it busy a fifth of the time), parses the
 * new chunks with a reader made for async-profiler's output, and hands each sample to the request whose thread
 * segment holds it (by Java thread id and time). A request is complete once a dump issued after it ended has
 * been read. A request never causes a dump of its own: async-profiler drops the samples taken while a dump holds
 * its buffers, so dumps are kept few. Long requests are read every {@value #ACTIVE_FLUSH_MS} ms; the file
 * starts afresh when it passes {@value #ROTATE_MB} MiB.
 *
 * <p>Idle threads are sampled the cheap way, in batches (see {@link SampleRouter} for how a batch is kept
 * within the request whose stack it carries). Stacks are decoded once per recording and shared.
 *
 * <p>async-profiler is one per process: only one engine can run at a time, and not beside another copy of
 * async-profiler. Virtual threads are not sampled (the thread filter works on OS threads); their requests
 * say so in a note. When samples cannot be read, {@link #failure()} says why, and Hotline moves new requests
 * to the pure-Java engine.
 *
 * @since 0.1
 */
public final class AsyncProfilerEngine implements SamplingEngine {
    public static final String NAME = "async-profiler";

    /** async-profiler's floor for the wall-clock interval. */
    static final long MIN_INTERVAL_NS = 100_000;
    static final long ACTIVE_FLUSH_MS = 1000;
    static final long FLUSH_PERIOD_MS = 50;
    static final long ROTATE_MB = 64;
    /** Fewest nanoseconds between two dumps: requests ending close together share one. */
    static final long MIN_FLUSH_GAP_NS = TimeUnit.MILLISECONDS.toNanos(FLUSH_PERIOD_MS);
    /** Most nanoseconds between two dumps while requests wait: bounds the time until a profile is readable. */
    static final long MAX_FLUSH_GAP_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Reads that failed in a row before the engine gives up. */
    static final int MAX_FAILED_READS = 3;
    /** Idle time the flusher leaves after each flush, in units of its smoothed cost: at most a fifth of a core. */
    static final double FLUSH_GAP_PER_COST = 4;
    /** A recording waiting longer than this is completed with what it has, even if the flusher is stuck. */
    static final long MAX_WAIT_NS = TimeUnit.SECONDS.toNanos(2);

    private static final String CLOSED = "the async-profiler engine was closed before the request's samples were read";
    /** For {@link #completeWaiting}: no time limit. */
    private static final long ALL = Long.MIN_VALUE;

    private static final AtomicBoolean IN_USE = new AtomicBoolean();

    private record Waiting(RequestRecording recording, long sinceNanos) {}

    private final AsyncProfiler profiler;
    private final long intervalNs;
    private final long rotateBytes;
    private final Path dir;
    /** The recording async-profiler writes, and how far it has been read: the start of the first chunk not yet complete. */
    private Path source;
    private long offset;
    private final SampleRouter router;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final Thread flusher;
    private volatile boolean closed;
    /** Why the profiler stopped working, or {@code null}. */
    private volatile String broken;
    private int fileNumber;

    private volatile FlushStats stats = FlushStats.NONE;

    private record Read(long bytes, SampleRouter.Result routed) {
        static final Read NOTHING = new Read(0, SampleRouter.Result.NONE);
    }

    private final JfrSampleParser parser = new JfrSampleParser();
    private final TraceCache traces = new TraceCache();
    private final SampleBatch batch = new SampleBatch();
    private final StackTable stackTable = StackTable.SHARED;
    /** Set before the reader parks for long, so that the first request to wait wakes it. */
    private volatile boolean idle;
    private int failedReads;
    private volatile long parseNs, routeNs, samplesRead; // written by the reader thread only
    private final JfrSampleParser.Visitor visitor = new JfrSampleParser.Visitor() {
        @Override
        public boolean wantStack(long id) {
            return traces.get(id) == null;
        }

        @Override
        public void stack(long id, Frame[] topFirst) {
            traces.put(id, stackTable.intern(topFirst));
        }

        @Override
        public void sample(long threadId, long epochNs, long spanNs, int count, long id) {
            Frame[] stack = traces.get(id);
            batch.add(threadId, epochNs, spanNs, count, stack == null ? StackTable.EMPTY : stack);
        }
    };

    /**
     * Starts async-profiler in this JVM.
     *
     * @param intervalNs wall-clock sampling interval, at least 100 µs
     * @throws EngineUnavailableException with the reason when async-profiler cannot run here
     */
    public static AsyncProfilerEngine tryCreate(long intervalNs) throws EngineUnavailableException {
        return tryCreate(intervalNs, null);
    }

    /** As {@link #tryCreate(long)}, loading the library from {@code libPath} ({@code null}: the bundled one). */
    public static AsyncProfilerEngine tryCreate(long intervalNs, String libPath) throws EngineUnavailableException {
        return tryCreate(intervalNs, libPath, ROTATE_MB << 20);
    }

    static AsyncProfilerEngine tryCreate(long intervalNs, String libPath, long rotateBytes) throws EngineUnavailableException {
        if (intervalNs < MIN_INTERVAL_NS) {
            throw new IllegalArgumentException("interval " + intervalNs + " ns is below async-profiler's minimum of 100 us");
        }
        if (!IN_USE.compareAndSet(false, true)) {
            throw new EngineUnavailableException("async-profiler is already in use by another Hotline engine in this JVM");
        }
        Path dir = null;
        try {
            AsyncProfiler profiler = AsyncProfilerLoader.load(libPath);
            String status = profiler.execute("status");
            if (status.contains("is running")) {
                throw new EngineUnavailableException("async-profiler is already running in this JVM (" + status.trim() + ")");
            }
            dir = Files.createTempDirectory("hotline-async-profiler-");
            dir.toFile().deleteOnExit();   // registered first, so deleted after the files in it
            String path = dir.toString();
            // Commas separate async-profiler's options and '%' starts a file-name pattern.
            if (path.indexOf(',') >= 0 || path.indexOf('%') >= 0) {
                throw new EngineUnavailableException("the temporary directory " + path + " contains ',' or '%', "
                        + "which async-profiler cannot take in a file name; set java.io.tmpdir elsewhere");
            }
            return new AsyncProfilerEngine(profiler, intervalNs, rotateBytes, dir);
        } catch (EngineUnavailableException e) {
            IN_USE.set(false);
            deleteQuietly(dir);
            throw e;
        } catch (IOException | RuntimeException e) {
            IN_USE.set(false);
            deleteQuietly(dir);
            throw new EngineUnavailableException("async-profiler could not start: " + e, e);
        }
    }

    private AsyncProfilerEngine(AsyncProfiler profiler, long intervalNs, long rotateBytes, Path dir) throws IOException {
        this.profiler = profiler;
        this.intervalNs = intervalNs;
        this.rotateBytes = rotateBytes;
        this.dir = dir;
        this.router = new SampleRouter(new SampleRouter.ThreadFilter() {
            @Override public void add(Thread thread) { profiler.addThread(thread); }
            @Override public void remove(Thread thread) { profiler.removeThread(thread); }
        });
        startRecording();
        this.flusher = new Thread(this::runFlusher, "hotline-async-profiler");
        flusher.setDaemon(true);
        flusher.start();
    }

    @Override public String name() { return NAME; }
    @Override public long intervalNs() { return intervalNs; }

    /** Its thread filter works on OS threads: a virtual thread's samples would land on whatever carries it. */
    @Override
    public boolean canSample(Thread thread) {
        return !VirtualThreads.isVirtual(thread);
    }

    @Override
    public void enter(Thread thread, RequestRecording recording) {
        if (closed) return;
        if (VirtualThreads.isVirtual(thread)) {
            recording.note("virtual thread " + thread + " is not sampled by async-profiler; use the java engine to see it");
            return;
        }
        router.enter(thread, recording);
    }

    @Override
    public void exit(Thread thread, RequestRecording recording) {
        // Once closed, the filter may belong to the next engine.
        if (closed) return;
        router.exit(thread);
    }

    @Override
    public void finish(RequestRecording recording) {
        if (closed) {
            recording.note(CLOSED);
            router.forget(recording);
            recording.complete();
            return;
        }
        waiting.add(new Waiting(recording, System.nanoTime()));
        // Under load the reader is already on its cadence; waking it per request would cost a switch each.
        if (idle) LockSupport.unpark(flusher);
        if (closed) {
            // close() raced with us and may have drained the queue already.
            completeWaiting(ALL, CLOSED);
            return;
        }
        // A flusher stuck in native code must not hold requests back for ever.
        long overdue = System.nanoTime() - MAX_WAIT_NS;
        Waiting oldest = waiting.peek();
        if (oldest != null && oldest.sinceNanos - overdue < 0) {
            completeWaiting(overdue, "the async-profiler engine did not read samples in time");
        }
    }

    /**
     * Stops the profiler after reading what it holds, completes the recordings still waiting, and deletes
     * the temporary files.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        LockSupport.unpark(flusher);
        try {
            flusher.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Normally the flusher has completed them all; if it is stuck, no recording waits for it.
        completeWaiting(ALL, "the async-profiler engine was closed while reading samples");
    }

    FlushStats flushStats() { return stats; }

    /** async-profiler drops samples while a dump holds its buffers: the recent dump windows, to say so. */
    private final DumpWindows dumps = new DumpWindows();

    Path recordingFile() { return source; }

    /** Why samples can no longer be read, or {@code null} while the engine works. */
    @Override
    public String failure() {
        return broken;
    }

    private void runFlusher() {
        long lastFlushEnd = System.nanoTime() - MAX_FLUSH_GAP_NS;
        long gap = MIN_FLUSH_GAP_NS;
        double cost = 0;
        while (!closed) {
            long now = System.nanoTime();
            long wait;
            if (!waiting.isEmpty()) {
                wait = lastFlushEnd + gap - now;
            } else if (router.insideCount() > 0) {
                wait = lastFlushEnd + TimeUnit.MILLISECONDS.toNanos(ACTIVE_FLUSH_MS) - now;
            } else {
                wait = TimeUnit.SECONDS.toNanos(1);
            }
            if (wait > 0) {
                if (waiting.isEmpty()) {
                    idle = true;
                    // A request that ended after the check above saw idle == false and did not wake us: look again.
                    if (waiting.isEmpty()) LockSupport.parkNanos(this, wait);
                    idle = false;
                } else {
                    LockSupport.parkNanos(this, wait);
                }
                continue;
            }
            flushOnce();
            lastFlushEnd = System.nanoTime();
            // Keep the reader busy at most about a fifth of the time: under load, more requests share each flush.
            // The cost is smoothed so that one slow flush (the first ones run cold) does not stall.
            cost = 0.8 * cost + 0.2 * (lastFlushEnd - now);
            gap = Math.min(MAX_FLUSH_GAP_NS, Math.max(MIN_FLUSH_GAP_NS, (long) (FLUSH_GAP_PER_COST * cost)));
        }
        shutdown();
    }

    /** Dumps, reads and routes; then completes the recordings that ended before the dump. */
    private void flushOnce() {
        long dumpStart = System.nanoTime();
        String failure = broken;
        if (failure == null) {
            try {
                long dumpFrom = Clock.epochNanos();
                profiler.execute("dump,jfr");
                dumps.add(dumpFrom, Clock.epochNanos());
                long t1 = System.nanoTime();
                Read read = read();
                stats = stats.plus(t1 - dumpStart, System.nanoTime() - t1, read.bytes, read.routed);
                failedReads = 0;
                if (offset >= rotateBytes) restart(true);
            } catch (Throwable t) {
                FailureLog.logOnce("async-profiler engine: reading samples failed", t);
                failure = "samples could not be read from async-profiler (" + t + ")";
                router.noteAll("the profile may lack samples: " + failure);
                if (++failedReads >= MAX_FAILED_READS) {
                    broken = failure;
                } else {
                    // Whatever went wrong with the file, a fresh one is the best chance for the next requests.
                    try {
                        restart(false);
                    } catch (Throwable again) {
                        FailureLog.logOnce("async-profiler engine: restarting failed", again);
                    }
                }
            }
        }
        completeWaiting(dumpStart, failure == null ? null : "the profile may lack samples: " + failure);
    }

    /** Reads and routes the chunks completed since the last read. */
    private Read read() throws IOException {
        batch.clear();
        try {
            long from = offset;
            long t0 = System.nanoTime();
            offset = parser.parseCompleteChunks(source, offset, visitor);
            long t1 = System.nanoTime();
            parseNs += t1 - t0;
            if (offset == from) return Read.NOTHING;
            samplesRead += batch.size();
            SampleRouter.Result routed = router.route(batch);
            routeNs += System.nanoTime() - t1;
            return new Read(offset - from, routed);
        } finally {
            batch.clear();
        }
    }

    @Override
    public EngineCosts costs() {
        FlushStats s = stats;
        return new EngineCosts(s.flushes(), s.dumpNs(), parseNs, routeNs, s.bytes(), samplesRead);
    }

    /**
     * Continues in a fresh file so the old one can go: when it has grown big, or could not be read. Stopping
     * finishes the last chunk, which is read first when {@code readLast}; starting again empties the thread
     * filter, so the threads inside requests are put back. Samples are missed for the moment in between.
     */
    private void restart(boolean readLast) throws IOException {
        Path old = source;
        try {
            profiler.execute("stop");
            if (readLast) {
                long t0 = System.nanoTime();
                Read read = read();
                stats = stats.plus(0, System.nanoTime() - t0, read.bytes, read.routed);
            }
        } finally {
            try {
                traces.clear(); // stack trace ids are per recording
                startRecording();
                router.refill();
            } catch (IOException | RuntimeException e) {
                broken = "async-profiler could not restart: " + e;
                throw e;
            }
            Files.deleteIfExists(old);
        }
    }

    private void startRecording() throws IOException {
        Path file = dir.resolve("recording-" + (++fileNumber) + ".jfr");
        file.toFile().deleteOnExit();
        // Idle threads are batched (async-profiler's default): one signal, then a count, at a few ns per idle
        // tick instead of about 15 us. SampleRouter keeps each batch within the request its stack belongs to.
        // wall=<ns> rather than event=wall,interval=<ns>: with the latter, dump does not write out the idle
        // batches in progress (wallClock.cpp is then not an "extra" engine).
        // cstack=no: no native frames (profiles keep Java frames only); walking them cost the request threads about as
        // much again per sample (bench app under load: 795 against 503 us of request-thread CPU per request).
        // jfropts=31: no system properties, native libraries, CPU load or heap summary in the chunks.
        profiler.execute("start,wall=" + intervalNs + ",filter,cstack=no,jfr,jfropts=31,file=" + file);
        source = file;
        offset = 0;
    }

    private void shutdown() {
        try {
            if (broken == null) {
                profiler.execute("stop");
                read();
            }
        } catch (Throwable t) {
            FailureLog.logOnce("async-profiler engine: stopping failed", t);
        }
        completeWaiting(ALL, null);
        deleteQuietly(dir);
        IN_USE.set(false);
    }

    /**
     * Completes the waiting recordings queued before {@code beforeNanos} ({@link #ALL}: every one), with
     * {@code note} when given. Any thread may call it; each recording leaves the queue, and so is completed,
     * once. Queue order is nearly time order; one queued a moment late waits for the next call.
     */
    private void completeWaiting(long beforeNanos, String note) {
        for (Waiting w; (w = waiting.peek()) != null && (beforeNanos == ALL || w.sinceNanos - beforeNanos < 0); ) {
            if (!waiting.remove(w)) continue;
            if (note != null) w.recording.note(note);
            complete(w.recording);
        }
    }

    private void complete(RequestRecording recording) {
        router.forget(recording);
        long lost = dumps.overlapNs(recording);
        if (lost > 0 && lost * 10 > recording.durationNs()) {
            recording.note(String.format("%.1f ms of this request fell while the native recorder was being flushed,"
                    + " when it drops samples: its shares are less certain", lost / 1e6));
        }
        try {
            recording.complete();
        } catch (RuntimeException e) {
            // The consumer's failure must not stop the flusher.
            FailureLog.logOnce("async-profiler engine: completing a recording failed", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            FailureLog.logOnce("async-profiler engine: deleting " + dir + " failed", e);
        }
    }

}
