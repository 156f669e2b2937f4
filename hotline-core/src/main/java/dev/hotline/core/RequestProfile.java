package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.ThreadBinding;

/**
 * One request being profiled, returned by {@link Hotline#begin}. The thread that called {@code begin} works
 * for the request until {@link #detach()}; the profile is finished by {@link #end(int, Throwable)}, which may
 * come later and from another thread (async requests). Both are safe to call more than once.
 *
 * @since 0.1
 */
public final class RequestProfile {
    private final RequestRecording recording;
    private final ThreadBinding binding;
    private final Thread thread;
    private volatile boolean detached;

    RequestProfile(RequestRecording recording) {
        this.recording = recording;
        this.thread = Thread.currentThread();
        this.binding = ThreadBinding.bind(recording);
    }

    /** Unique id of the profile this request will produce. */
    public String id() {
        return recording.id();
    }

    /** The calling thread stops working for the request. Must be called on the thread that began it. */
    public void detach() {
        if (detached || Thread.currentThread() != thread) return;
        detached = true;
        ThreadBinding.unbind(binding);
    }

    /** The response is complete. */
    public void end(int status, Throwable error) {
        recording.end(status, error);
    }
}
