package dev.hotline.core.trace;

import dev.hotline.core.model.ProfileBuilder;

/**
 * Exact figures a tracer counted for a request on one thread, added to the request's profile when it is built,
 * before any listener, file or report sees it. Contributions of several threads, or of several stretches of
 * one thread, add up.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface TraceContribution {

    /**
     * Adds the figures with {@link ProfileBuilder#exactLine}, {@link ProfileBuilder#exactMethod} and
     * {@link ProfileBuilder#exactCall}. Runs once, on Hotline's pipeline thread.
     */
    void addTo(ProfileBuilder profile);
}
