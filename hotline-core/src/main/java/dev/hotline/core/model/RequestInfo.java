package dev.hotline.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What Hotline knows about the request a profile belongs to.
 *
 * @param method     HTTP method, {@code GET}
 * @param path       request path without the query, {@code /orders/42}
 * @param query      query string with secret-looking values redacted, or {@code null}
 * @param status     response status, {@code 0} when the request failed before one was set
 * @param start      when the request started (wall clock)
 * @param durationNs from the start of the request to the end of its response, async parts included
 * @param error      the exception the request failed with, or {@code null}: since 0.2 its root cause, as class name and
 *                   message ({@code com.acme.OutOfStock: sku 42 is sold out}), the message redacted like the query;
 *                   before, the class name alone
 * @param route      the framework's route template the request matched ({@code /orders/{id}}), or {@code null}
 *                   when it carried none (since 0.2)
 * @param traceId    the distributed trace the request belongs to: 32 lowercase hex digits (W3C trace context), or
 *                   {@code null} when none was seen (since 0.3)
 * @param spanId     the request's span in that trace: 16 lowercase hex digits, or {@code null} (since 0.3)
 * @since 0.1
 */
public record RequestInfo(String method, String path, String query, int status, Instant start, long durationNs, String error,
                          String route, String traceId, String spanId) {

    public RequestInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(start, "start");
    }

    /** A request outside any known trace. */
    public RequestInfo(String method, String path, String query, int status, Instant start, long durationNs, String error,
                       String route) {
        this(method, path, query, status, start, durationNs, error, route, null, null);
    }

    /**
     * This request as part of trace {@code traceId}, span {@code spanId}.
     *
     * @since 0.3
     */
    public RequestInfo withTrace(String traceId, String spanId) {
        return new RequestInfo(method, path, query, status, start, durationNs, error, route, traceId, spanId);
    }

    /** A request without a route template. */
    public RequestInfo(String method, String path, String query, int status, Instant start, long durationNs, String error) {
        this(method, path, query, status, start, durationNs, error, null);
    }

    public double durationMillis() {
        return durationNs / 1e6;
    }
}
