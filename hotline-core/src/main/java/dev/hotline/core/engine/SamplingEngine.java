package dev.hotline.core.engine;

/**
 * Samples the threads that work for in-flight requests. Engines are told when a thread starts and stops
 * working for a request, and when a request has ended; they deliver samples into its {@link RequestRecording}
 * and call {@link RequestRecording#complete()} once every sample of the request is in.
 *
 * <p>Implementations must be thread-safe. {@link #enter} and {@link #exit} run on the request's threads and
 * must be cheap and never block.
 */
public interface SamplingEngine extends AutoCloseable {

    /** {@code async-profiler} or {@code java}: written into every profile. */
    String name();

    /** The configured sampling interval in nanoseconds. */
    long intervalNs();

    /** Whether this engine can sample {@code thread} (async-profiler cannot sample virtual threads). */
    default boolean canSample(Thread thread) {
        return true;
    }

    /** {@code thread} (the current thread) starts working for {@code recording}. */
    void enter(Thread thread, RequestRecording recording);

    /** {@code thread} (the current thread) stops working for {@code recording}. */
    void exit(Thread thread, RequestRecording recording);

    /**
     * The request has ended and none of its threads is inside it any more. The engine completes the
     * recording, now or later from its own thread, once its samples are all delivered.
     */
    void finish(RequestRecording recording);

    /**
     * Why this engine can no longer deliver samples, or {@code null} while it works. Hotline then moves new
     * requests to another engine.
     *
     * @since 0.2
     */
    default String failure() {
        return null;
    }

    /** What reading samples back has cost this engine's own thread so far. @since 0.2 */
    default EngineCosts costs() {
        return EngineCosts.NONE;
    }

    /** Stops sampling; recordings still waiting are completed with what they have. */
    @Override
    void close();
}
