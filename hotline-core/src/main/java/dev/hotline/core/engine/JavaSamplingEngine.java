package dev.hotline.core.engine;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Frame;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine: a daemon thread reads the stacks of the threads bound to requests through
 * {@link ThreadMXBean#getThreadInfo(long[], int)} (one safepoint for all of them), or
 * {@link Thread#getStackTrace()} for virtual threads.
 *
 * <p>It never spends more than its CPU budget (a fraction of one core, measured on its own thread's CPU
 * clock): after each round it waits long enough for the round's cost to stay within the budget, and marks
 * the requests it sampled less often than asked as budget-limited. Stacks are read at safepoints, so the
 * top line inside a hot loop may be off; the callers' lines are exact.
 */
public final class JavaSamplingEngine implements SamplingEngine {
    public static final String NAME = "java";
    static final int MAX_DEPTH = 1024;

    private record Target(RequestRecording recording, RequestRecording.Segment segment) {}

    private final long intervalNs;
    private final double budget;
    private final Map<Thread, Target> active = new ConcurrentHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimeSupported;
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long maxRoundCostNs;

    /**
     * @param intervalNs sampling interval
     * @param cpuBudget  fraction of one core the sampler may use, in (0, 1]
     */
    public JavaSamplingEngine(long intervalNs, double cpuBudget) {
        if (intervalNs <= 0) throw new IllegalArgumentException("interval must be positive");
        if (!(cpuBudget > 0 && cpuBudget <= 1)) throw new IllegalArgumentException("cpu budget must be in (0, 1]");
        this.intervalNs = intervalNs;
        this.budget = cpuBudget;
        this.cpuTimeSupported = threads.isCurrentThreadCpuTimeSupported();
        this.sampler = new Thread(this::run, "hotline-sampler");
        sampler.setDaemon(true);
        sampler.setPriority(Thread.MAX_PRIORITY);
        sampler.start();
    }

    @Override public String name() { return NAME; }
    @Override public long intervalNs() { return intervalNs; }

    @Override
    public void enter(Thread thread, RequestRecording recording) {
        RequestRecording.Segment seg = ThreadBinding.currentSegment();
        if (seg == null) return;
        boolean wasIdle = active.isEmpty();
        active.put(thread, new Target(recording, seg));
        if (wasIdle) LockSupport.unpark(sampler);
    }

    @Override
    public void exit(Thread thread, RequestRecording recording) {
        active.remove(thread);
    }

    @Override
    public void finish(RequestRecording recording) {
        recording.complete();
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(sampler);
    }

    /** The most CPU time one sampling cycle has cost so far, for tests and diagnostics. */
    public long maxRoundCostNs() {
        return maxRoundCostNs;
    }

    private void run() {
        List<Thread> platform = new ArrayList<>();
        List<Target> platformTargets = new ArrayList<>();
        // The budget covers the whole cycle, waking and parking included, not just reading stacks: CPU is
        // measured from one cycle's start to the next.
        long cpu0 = cpuNow();
        while (running) {
            if (active.isEmpty()) {
                LockSupport.parkNanos(this, 50_000_000L);
                cpu0 = cpuNow();
                continue;
            }
            long wall0 = System.nanoTime();
            platform.clear();
            platformTargets.clear();
            List<Target> sampled = new ArrayList<>(active.size());
            try {
                for (Map.Entry<Thread, Target> e : active.entrySet()) {
                    Thread t = e.getKey();
                    Target target = e.getValue();
                    if (VirtualThreads.isVirtual(t)) {
                        StackTraceElement[] st = t.getStackTrace();
                        deliver(target, Clock.epochNanos(), st);
                        sampled.add(target);
                    } else {
                        platform.add(t);
                        platformTargets.add(target);
                    }
                }
                if (!platform.isEmpty()) {
                    long[] ids = new long[platform.size()];
                    for (int i = 0; i < ids.length; i++) ids[i] = platform.get(i).getId();
                    ThreadInfo[] infos = threads.getThreadInfo(ids, MAX_DEPTH);
                    long now = Clock.epochNanos();
                    for (int i = 0; i < infos.length; i++) {
                        if (infos[i] != null) {
                            deliver(platformTargets.get(i), now, infos[i].getStackTrace());
                            sampled.add(platformTargets.get(i));
                        }
                    }
                }
            } catch (Throwable t) {
                // A sampling round failing must not end sampling; the next round tries again.
                FailureLog.logOnce("java sampler round failed", t);
            }
            long cpu1 = cpuNow();
            long cost = cpuTimeSupported ? cpu1 - cpu0 : System.nanoTime() - wall0;
            cpu0 = cpu1;
            if (cost > maxRoundCostNs) maxRoundCostNs = cost;
            long period = intervalNs;
            long budgetPeriod = (long) (cost / budget);
            if (budgetPeriod > period) {
                period = budgetPeriod;
                for (Target t : sampled) t.recording().budgetLimited();
            }
            long wait = wall0 + period - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(this, wait);
        }
        active.clear();
    }

    private static void deliver(Target target, long timeNs, StackTraceElement[] stack) {
        if (stack.length == 0) return;
        Frame[] frames = new Frame[stack.length];
        for (int i = 0; i < stack.length; i++) frames[i] = Frame.of(stack[i]);
        target.recording().addSample(target.segment(), timeNs, StackTable.SHARED.intern(frames));
    }

    private long cpuNow() {
        return cpuTimeSupported ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

}
