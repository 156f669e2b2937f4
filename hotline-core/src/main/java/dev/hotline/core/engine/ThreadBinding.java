package dev.hotline.core.engine;

import dev.hotline.core.trace.Tracing;

/**
 * Which request the current thread works for. Bindings nest: a task of another request run inline on a
 * request thread binds the thread to that request until it returns, then the outer binding is restored.
 * The engine, and the installed {@link dev.hotline.core.trace.RequestTracer}, hear of a thread only when it
 * enters or leaves a request.
 */
public final class ThreadBinding {
    private static final ThreadLocal<ThreadBinding> CURRENT = new ThreadLocal<>();

    /** Returned when there is nothing to bind; unbinding it does nothing. */
    private static final ThreadBinding NONE = new ThreadBinding(null, null, null);

    private final RequestRecording recording;
    private final RequestRecording.Segment segment;
    private final ThreadBinding previous;
    private int depth = 1;

    private ThreadBinding(RequestRecording recording, RequestRecording.Segment segment, ThreadBinding previous) {
        this.recording = recording;
        this.segment = segment;
        this.previous = previous;
    }

    /** The recording the current thread works for, or {@code null}. */
    public static RequestRecording current() {
        ThreadBinding b = CURRENT.get();
        return b == null ? null : b.recording;
    }

    /** The segment the current thread is in, or {@code null}: engines call this from {@code enter}. */
    public static RequestRecording.Segment currentSegment() {
        ThreadBinding b = CURRENT.get();
        return b == null ? null : b.segment;
    }

    /**
     * Binds the current thread to {@code recording} until the matching {@link #unbind}. Returns the token
     * to pass to {@code unbind}.
     */
    public static ThreadBinding bind(RequestRecording recording) {
        if (recording == null) return NONE;
        ThreadBinding cur = CURRENT.get();
        if (cur != null && cur.recording == recording) {
            cur.depth++;
            return cur;
        }
        Thread t = Thread.currentThread();
        RequestRecording.Segment seg = recording.openSegment(t);
        if (seg == null) return NONE; // the request already ended
        if (cur != null) {
            // Leave the outer request for the time the inner one runs.
            Tracing.detached(cur.recording);
            cur.recording.engine().exit(t, cur.recording);
        }
        ThreadBinding b = new ThreadBinding(recording, seg, cur);
        CURRENT.set(b);
        recording.engine().enter(t, recording);
        Tracing.attached(recording);
        return b;
    }

    /** Undoes one {@link #bind}. Must run on the thread that bound. */
    public static void unbind(ThreadBinding b) {
        if (b == NONE || --b.depth > 0) return;
        Thread t = Thread.currentThread();
        if (CURRENT.get() != b) {
            // Unbalanced use; restore what we can rather than leave the thread bound.
            CURRENT.remove();
        } else {
            CURRENT.set(b.previous);
        }
        Tracing.detached(b.recording);
        b.recording.engine().exit(t, b.recording);
        b.recording.closeSegment(b.segment);
        if (b.previous != null) {
            b.previous.recording.engine().enter(t, b.previous.recording);
            Tracing.attached(b.previous.recording);
        }
    }

    public RequestRecording.Segment segment() {
        return segment;
    }
}
