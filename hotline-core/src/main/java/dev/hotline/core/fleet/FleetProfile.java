package dev.hotline.core.fleet;

import java.time.Instant;

/**
 * One kept profile in the fleet store, as listed: its row's columns without the profile document.
 *
 * @param id          the profile's id
 * @param started     when the request started
 * @param endpoint    the route the request is grouped under ({@code dev.hotline.core.endpoint.Routes#endpointOf})
 * @param route       the framework's route template, or {@code null}
 * @param durationUs  the request's duration in microseconds
 * @param exact       whether its lines carry hit counts (exact tracing)
 * @param keptBecause why the profile was kept, or {@code null}
 * @param error       the exception the request failed with, or {@code null}
 * @param traceId     its W3C trace id, or {@code null}
 * @since 0.3
 */
public record FleetProfile(String id, Instant started, String service, String instance, String version, String method,
                           String path, String query, String endpoint, String route, int status, long durationUs,
                           int samples, String engine, boolean exact, String keptBecause, String error, String traceId,
                           String spanId) {
}
