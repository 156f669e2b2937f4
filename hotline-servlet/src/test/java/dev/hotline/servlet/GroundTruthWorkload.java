package dev.hotline.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * A handler that spends known time on three known lines: CPU spin, sleep, and waiting for a monitor another
 * thread holds. It measures each stretch itself and answers with {@code line=nanos} pairs.
 */
final class GroundTruthWorkload extends HttpServlet {
    static final long STRETCH_MS = 200;
    private final Object lock = new Object();
    static volatile long sink;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (lock) {
                held.countDown();
                sleep(STRETCH_MS * 2);
            }
        }, "lock-holder");
        long t0 = System.nanoTime();
        int spinLine = line(); spin(STRETCH_MS);
        long t1 = System.nanoTime();
        int sleepLine = line(); sleep(STRETCH_MS);
        long t2 = System.nanoTime();
        holder.start();
        await(held);
        long t3 = System.nanoTime();
        int lockLine = line(); synchronized (lock) { sink++; }
        long t4 = System.nanoTime();
        resp.setContentType("text/plain");
        resp.getWriter().print(spinLine + "=" + (t1 - t0) + "\n" + sleepLine + "=" + (t2 - t1) + "\n"
                + lockLine + "=" + (t4 - t3) + "\n" + "total=" + (t4 - t0) + "\n");
    }

    /** The line this is called from. */
    static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    static void spin(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1000; i++) x += i * 31L ^ x;
        }
        sink = x;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
