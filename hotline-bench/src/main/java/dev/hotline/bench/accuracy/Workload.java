package dev.hotline.bench.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;

/**
 * A request with known time per line: {@link #handle} spends about {@code sliceMs} each on the CPU, asleep, blocked
 * on a monitor another thread holds, waiting on a socket, and in two hot counted loops; it measures each stretch
 * itself with {@link System#nanoTime()}. The lines are found at run time ({@link StackWalker}), so editing this file
 * cannot make the benchmark compare the wrong lines.
 */
final class Workload implements AutoCloseable {
    /** A line of this class, what it does, and the nanoseconds measured on it. */
    record Line(String label, String method, int line) {}

    private final long sliceNs;
    private final Object monitor = new Object();
    private final SynchronousQueue<CountDownLatch> lockRequests = new SynchronousQueue<>();
    private final Thread lockHolder;
    private final ServerSocket server;
    private final Thread socketPeer;
    private final Socket client;
    private final int[] data = new int[4096];
    private final Map<Line, Long> measured = new LinkedHashMap<>();
    private volatile long sink;
    private volatile boolean closed;

    Workload(long sliceMs) throws IOException {
        this.sliceNs = sliceMs * 1_000_000;
        for (int i = 0; i < data.length; i++) data[i] = i * 31 + 7;
        lockHolder = new Thread(this::holdLockOnRequest, "accuracy-lock-holder");
        lockHolder.setDaemon(true);
        lockHolder.start();
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        socketPeer = new Thread(this::answerLate, "accuracy-socket-peer");
        socketPeer.setDaemon(true);
        socketPeer.start();
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setTcpNoDelay(true);
    }

    /** One request. Returns the nanoseconds measured per line for it, and "request" for the whole. */
    Map<Line, Long> handle() throws Exception {
        measured.clear();
        long start = System.nanoTime();
        long t = System.nanoTime();
        spin(sliceNs);                                     // CPU
        t = mark("cpu", t);
        Thread.sleep(sliceNs / 1_000_000);                 // sleep
        t = mark("sleep", t);
        blockOnMonitor();                                  // monitor
        t = mark("monitor", t);
        waitOnSocket();                                    // socket
        t = mark("socket", t);
        hotLoops(sliceNs);                                 // hot loops
        mark("hot loops", t);
        measured.put(new Line("request", "handle", 0), System.nanoTime() - start);
        return new LinkedHashMap<>(measured);
    }

    /** A short request: {@code ns} of CPU on one line. */
    void shortRequest(long ns) {
        spin(ns);
    }

    private long mark(String label, long since) {
        long now = System.nanoTime();
        StackWalker.StackFrame caller = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        measured.merge(new Line(label, caller.getMethodName(), caller.getLineNumber() - 1), now - since, Long::sum);
        return System.nanoTime();
    }

    private void spin(long ns) {
        long end = System.nanoTime() + ns;
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 200; i++) x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink = x;
    }

    private void blockOnMonitor() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        lockRequests.put(held);
        held.await();
        synchronized (monitor) {
            sink++;
        }
    }

    private void holdLockOnRequest() {
        while (!closed) {
            try {
                CountDownLatch held = lockRequests.take();
                synchronized (monitor) {
                    held.countDown();
                    Thread.sleep(sliceNs / 1_000_000);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void waitOnSocket() throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(1);
        out.flush();
        if (client.getInputStream().read() < 0) throw new IOException("socket peer went away");
    }

    private void answerLate() {
        try (Socket s = server.accept()) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (in.read() >= 0) {
                Thread.sleep(sliceNs / 1_000_000);
                out.write(2);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // closed
        }
    }

    /**
     * Two counted loops over an int array, alternating in short passes. A sampler that can only stop a thread at a
     * safepoint sees it at the loops' polls and method exits, not where the time goes.
     */
    private void hotLoops(long ns) {
        long end = System.nanoTime() + ns;
        long a = 0, b = 0, s = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int r = 0; r < 40; r++) for (int i = 0; i < data.length; i++) s += data[i] * 3 + r;  // hot loop A
            long t1 = System.nanoTime();
            for (int r = 0; r < 20; r++) for (int i = 0; i < data.length; i++) s ^= (long) data[i] * data[(i + r) & 4095]; // hot loop B
            long t2 = System.nanoTime();
            a += t1 - t0;
            b += t2 - t1;
        }
        sink = s;
        StackWalker.StackFrame here = StackWalker.getInstance().walk(st -> st.findFirst()).orElseThrow();
        int loopB = here.getLineNumber() - 6; // the line of "hot loop B" above
        measured.put(new Line("hot loop A (self)", "hotLoops", loopB - 2), a);
        measured.put(new Line("hot loop B (self)", "hotLoops", loopB), b);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        lockHolder.interrupt();
        client.close();
        server.close();
    }
}
