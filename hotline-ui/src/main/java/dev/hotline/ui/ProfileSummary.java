package dev.hotline.ui;

import dev.hotline.core.KeptProfile;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;

import java.time.Instant;

/**
 * What the request list needs of one stored profile, without its tree and lines.
 *
 * @param id         the id the API uses for it
 * @param route      the framework's route template, or {@code null}
 * @param endpoint   the route the request is grouped under: {@code route}, or the path with ids collapsed; every 404
 *                   that matched no route shares one
 * @param exact      whether its lines carry hit counts (exact tracing rather than sampling)
 * @param traceId    the distributed trace the request belongs to (32 lowercase hex digits), or {@code null} (since 0.3)
 * @since 0.2
 */
public record ProfileSummary(String id, String method, String path, String query, int status, Instant start,
                             long durationNs, long samples, String engine, boolean exact, String route, String endpoint,
                             String traceId) {

    /** A summary without a trace id. */
    public ProfileSummary(String id, String method, String path, String query, int status, Instant start,
                          long durationNs, long samples, String engine, boolean exact, String route, String endpoint) {
        this(id, method, path, query, status, start, durationNs, samples, engine, exact, route, endpoint, null);
    }

    /** The summary of a profile, listed under {@code id}. */
    public static ProfileSummary of(String id, Profile p) {
        RequestInfo r = p.request();
        boolean exact = false;
        for (LineStats l : p.lines()) {
            if (l.hits() != LineStats.NOT_COUNTED) {
                exact = true;
                break;
            }
        }
        String endpoint = Routes.endpointOf(r.path(), r.route(), r.status());
        return new ProfileSummary(id, r.method(), r.path(), r.query(), r.status(), r.start(), r.durationNs(),
                p.sampling().sampleCount(), p.sampling().engine(), exact, r.route(), endpoint, r.traceId());
    }

    /** The summary of a request a running profiler keeps in memory, without building its profile. */
    public static ProfileSummary of(KeptProfile k) {
        String endpoint = k.route() != null ? k.route() : Routes.fromPath(k.path());
        return new ProfileSummary(k.id(), k.method(), k.path(), k.query(), k.status(), k.start(), k.durationNs(),
                k.sampleCount(), k.engine(), k.exact(), k.route(), endpoint, k.traceId());
    }

    /** The endpoint key: base64url, unpadded, of {@code METHOD endpoint}. */
    public String endpointKey() {
        return Routes.key(method, endpoint);
    }

    public double durationMillis() {
        return durationNs / 1e6;
    }
}
