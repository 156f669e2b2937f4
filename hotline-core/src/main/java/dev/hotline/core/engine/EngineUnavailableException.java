package dev.hotline.core.engine;

/**
 * A sampling engine cannot run in this JVM: its native library is missing or cannot load, the platform is not
 * supported, or another profiler already holds what it needs. The message says which, so callers can log it
 * once and fall back to {@link JavaSamplingEngine}.
 *
 * @since 0.1
 */
public final class EngineUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
