package dev.hotline.core.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Work with a known shape for the async-profiler engine tests. Each activity is called from its own line of
 * {@link #cpuSleepBlocked}, whose numbers the caller reads back, so a test can tell how much time each line
 * really took.
 */
final class AsyncProfilerWorkload {
    static volatile long sink;

    private final long ms;
    private final Object lock = new Object();
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    int lineCpu, lineSleep, lineBlocked;

    /**
     * Prepares {@link #cpuSleepBlocked} with phases of {@code ms}: the thread that will hold the monitor is
     * started now, so starting it is not part of the measured work.
     */
    AsyncProfilerWorkload(long ms) {
        this.ms = ms;
        Thread holder = new Thread(this::holdMonitor, "monitor-holder");
        holder.setDaemon(true);
        holder.start();
    }

    /** ~{@code ms} on CPU, ~{@code ms} asleep, ~{@code ms} blocked entering a monitor another thread holds. */
    void cpuSleepBlocked() throws InterruptedException {
        lineCpu = here(); spin(ms);
        lineSleep = here(); Thread.sleep(ms);
        lineBlocked = here(); blockedOnMonitor();
    }

    static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }

    /** Busy for {@code ms} of wall time, however fast the machine. */
    static void spin(long ms) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        long x = sink;
        while (System.nanoTime() < end) {
            x = x * 31 + 7;
        }
        sink = x;
    }

    private void blockedOnMonitor() throws InterruptedException {
        go.countDown();
        held.await();
        synchronized (lock) {
            sink++;
        }
    }

    private void holdMonitor() {
        try {
            go.await();
            synchronized (lock) {
                held.countDown();
                Thread.sleep(ms);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Distinct methods, so each thread's work is recognisable in a profile.
    static void work0(long ms) throws InterruptedException { mixed(ms); }
    static void work1(long ms) throws InterruptedException { mixed(ms); }
    static void work2(long ms) throws InterruptedException { mixed(ms); }
    static void work3(long ms) throws InterruptedException { mixed(ms); }
    static void work4(long ms) throws InterruptedException { mixed(ms); }
    static void work5(long ms) throws InterruptedException { mixed(ms); }
    static void work6(long ms) throws InterruptedException { mixed(ms); }
    static void work7(long ms) throws InterruptedException { mixed(ms); }

    static void work(int i, long ms) throws InterruptedException {
        switch (i) {
            case 0 -> work0(ms);
            case 1 -> work1(ms);
            case 2 -> work2(ms);
            case 3 -> work3(ms);
            case 4 -> work4(ms);
            case 5 -> work5(ms);
            case 6 -> work6(ms);
            case 7 -> work7(ms);
            default -> throw new IllegalArgumentException("no work" + i);
        }
    }

    private static void mixed(long ms) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms); System.nanoTime() < end; ) {
            spin(2);
            Thread.sleep(2);
        }
    }

    /** Request A's part of the hand-over test: ends asleep, so the thread is idle when it leaves A. */
    static void requestA(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    /** Request B's part: starts asleep at once, so the profiler sees no CPU between A and B. */
    static void requestB(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }
}
