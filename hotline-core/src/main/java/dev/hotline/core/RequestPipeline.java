package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.internal.FailureLog;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands finished recordings to Hotline's own thread, {@code hotline-pipeline}, which decides what is kept and
 * builds what is. Offering never blocks and never wakes the thread while it is busy: it polls every
 * {@value #POLL_MS} ms while work comes in, and is woken only when it went idle. A full queue drops the recording
 * and counts it; dropping is logged when an episode starts and when it ends, one line each.
 */
final class RequestPipeline implements AutoCloseable {
    static final long POLL_MS = 2;
    /** No drop for this long ends a dropping episode. */
    static final long EPISODE_QUIET_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long IDLE_AFTER_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ConcurrentLinkedQueue<RequestRecording> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;
    private final Consumer<RequestRecording> process;
    private final Thread thread;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean idle;
    private volatile boolean closed;
    // Pipeline thread only:
    private long episodeDropped = -1; // dropped count when the current episode started; -1 outside one
    private long lastDropSeenNs;
    private long lastDropCount;

    RequestPipeline(int capacity, Consumer<RequestRecording> process) {
        this.capacity = capacity;
        this.process = process;
        this.thread = new Thread(this::run, "hotline-pipeline");
        thread.setDaemon(true);
    }

    /** The thread starts with the first request: a profiler switched off never starts it. */
    private void ensureStarted() {
        if (!started.get() && started.compareAndSet(false, true)) thread.start();
    }

    /** Queues a recording; false (and counted) when the queue is full or the pipeline closed. */
    boolean offer(RequestRecording r) {
        if (closed || size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return false;
        }
        queue.add(r);
        ensureStarted();
        if (idle) LockSupport.unpark(thread);
        return true;
    }

    long dropped() {
        return dropped.get();
    }

    /** Recordings waiting in the queue. */
    int queued() {
        return size.get();
    }

    private void run() {
        long lastWorkNs = System.nanoTime();
        while (true) {
            RequestRecording r = queue.poll();
            if (r != null) {
                size.decrementAndGet();
                try {
                    process.accept(r);
                } catch (RuntimeException | LinkageError e) {
                    FailureLog.logOnce("the profile pipeline failed on a request", e);
                }
                lastWorkNs = System.nanoTime();
                continue;
            }
            watchDrops();
            if (closed) return;
            if (System.nanoTime() - lastWorkNs > IDLE_AFTER_NS) {
                idle = true;
                if (queue.isEmpty() && !closed) LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
                idle = false;
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
        }
    }

    private void watchDrops() {
        long now = System.nanoTime();
        long d = dropped.get();
        if (d != lastDropCount) {
            if (episodeDropped < 0) {
                episodeDropped = lastDropCount;
                FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: dropping profiles: the pipeline queue of "
                        + capacity + " is full, so requests go on unprofiled (see the dropped counter; queue-size raises the limit)");
            }
            lastDropCount = d;
            lastDropSeenNs = now;
        } else if (episodeDropped >= 0 && now - lastDropSeenNs > EPISODE_QUIET_NS) {
            FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: stopped dropping profiles: "
                    + (d - episodeDropped) + " dropped in that episode");
            episodeDropped = -1;
        }
    }

    /** Processes what is queued (waiting up to 5 s), then stops the thread. */
    @Override
    public void close() {
        closed = true;
        if (!started.get()) return;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
