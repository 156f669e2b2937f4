package dev.hotline.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stock levels behind one lock. A stock audit runs on a background thread and holds that lock while it counts
 * the shelves, so a reservation arriving meanwhile waits for it: lock contention.
 */
final class Inventory implements AutoCloseable {
    private final Object shelves = new Object();
    private final Map<String, Integer> stock = new HashMap<>();
    private final ExecutorService auditor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stock-audit");
        t.setDaemon(true);
        return t;
    });

    /** Starts an audit on the background thread and returns once the audit holds the shelves' lock. */
    void startAudit(int holdMs) throws InterruptedException {
        CountDownLatch lockTaken = new CountDownLatch(1);
        auditor.execute(() -> {
            synchronized (shelves) {
                lockTaken.countDown();
                countShelves(holdMs);
            }
        });
        lockTaken.await();
    }

    private static void countShelves(int ms) {
        try {
            Thread.sleep(ms); // the audit holds the lock while it counts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes one item of {@code sku} off the shelf; returns how many are left. */
    int reserve(String sku) {
        synchronized (shelves) { // blocks here while the stock audit holds the lock
            int left = stock.getOrDefault(sku, 1_000_000) - 1; // before JIT compilation, the JVM reports that wait here
            stock.put(sku, left);
            return left;
        }
    }

    @Override
    public void close() {
        auditor.shutdownNow();
        try {
            auditor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
