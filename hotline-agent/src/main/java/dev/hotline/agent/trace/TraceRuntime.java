package dev.hotline.agent.trace;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.trace.RequestTracer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What woven code calls. A woven method runs {@code t = enter(id)} once on entry, {@code line(t, id)} at each line
 * and {@code exit(t, id)} on every way out. While no thread of the JVM works for a traced request, {@code enter}
 * is one field read and returns {@code null}, and {@code line} and {@code exit} return at their null check; a
 * thread that works for no request pays one thread-local read more. Public only because woven code calls it;
 * not API.
 */
public final class TraceRuntime {
    static final TraceRegistry REGISTRY = new TraceRegistry();
    private static final ThreadLocal<ThreadTrace> CURRENT = new ThreadLocal<>();
    /** Threads now working for a request; zero lets {@link #enter} skip the thread-local. */
    private static final AtomicInteger ATTACHED = new AtomicInteger();

    /** Hears threads join and leave requests, and hands each thread's figures to its request. */
    static final RequestTracer TRACER = new RequestTracer() {
        @Override
        public void attached(RequestRecording request) {
            ThreadTrace t = CURRENT.get();
            if (t == null) {
                t = new ThreadTrace();
                CURRENT.set(t);
            }
            if (!t.active) ATTACHED.incrementAndGet();
            else if (t.request != request) hand(t);
            t.active = true;
            t.request = request;
        }

        @Override
        public void detached(RequestRecording request) {
            ThreadTrace t = CURRENT.get();
            if (t == null || !t.active || t.request != request) return;
            hand(t);
            t.active = false;
            t.request = null;
            ATTACHED.decrementAndGet();
        }

        private void hand(ThreadTrace t) {
            TraceSnapshot s = t.flush(REGISTRY);
            if (s != null) t.request.contribute(s);
        }
    };

    private TraceRuntime() {}

    /** Method entry: the thread's trace when it works for a traced request, else {@code null}. */
    public static ThreadTrace enter(int method) {
        if (ATTACHED.get() == 0) return null;
        ThreadTrace t = CURRENT.get();
        if (t == null || !t.active || !t.enter(method)) return null;
        return t;
    }

    /** A timed line (one that calls, allocates or may block) starts in the current frame. */
    public static void line(ThreadTrace t, int line) {
        if (t != null) t.line(line);
    }

    /** A straight-line line starts in the current frame: its hit is counted, the clock is not read for it. */
    public static void straight(ThreadTrace t, int line) {
        if (t != null) t.straight(line);
    }

    /** The method returns or throws. */
    public static void exit(ThreadTrace t, int method) {
        if (t != null) t.exit(method);
    }
}
