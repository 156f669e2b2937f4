package dev.hotline.ui;

import dev.hotline.core.Hotline;
import dev.hotline.core.endpoint.EndpointFigures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests grouped by method and route, with count and duration percentiles. With a running profiler the figures
 * cover every request it sampled, kept or not ({@code sampled}: true); endpoints known only from stored profiles
 * (an earlier run's directory, or {@code hotline serve}) are figured from those profiles.
 */
final class Endpoints {
    /**
     * @param count   requests: every sampled one when {@code sampled}, else the stored ones
     * @param kept    stored profiles of the endpoint
     * @param sampled whether the figures cover every sampled request (a running profiler's) or stored ones only
     */
    record Endpoint(String key, String method, String route, long count, long kept, long failed, long p50Ns, long p95Ns,
                    long p99Ns, long maxNs, Instant lastStart, boolean sampled) {}

    private Endpoints() {}

    static Endpoint of(List<ProfileSummary> requests) {
        long[] d = new long[requests.size()];
        Instant last = Instant.MIN;
        long failed = 0;
        for (int i = 0; i < d.length; i++) {
            ProfileSummary s = requests.get(i);
            d[i] = s.durationNs();
            if (s.start().isAfter(last)) last = s.start();
            if (s.status() >= 500) failed++;
        }
        Arrays.sort(d);
        ProfileSummary first = requests.get(0);
        return new Endpoint(first.endpointKey(), first.method(), first.endpoint(), d.length, d.length, failed,
                rank(d, 0.50), rank(d, 0.95), rank(d, 0.99), d[d.length - 1], last, false);
    }

    static Endpoint of(EndpointFigures.Summary s, long kept) {
        return new Endpoint(Routes.key(s.method(), s.route()), s.method(), s.route(), s.count(), kept, s.failed(),
                s.p50Ns(), s.p95Ns(), s.p99Ns(), s.maxNs(), s.lastStart(), true);
    }

    /** Nearest-rank percentile of sorted values. */
    static long rank(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    static List<ProfileSummary> requestsOf(List<ProfileSummary> all, String method, String route) {
        List<ProfileSummary> out = new ArrayList<>();
        for (ProfileSummary s : all) if (s.method().equals(method) && s.endpoint().equals(route)) out.add(s);
        return out; // newest first, as the source lists them
    }

    /** Every endpoint: the running profiler's figures first, then those known from stored profiles only. */
    static List<Endpoint> all(ProfileSource source) {
        Map<String, List<ProfileSummary>> stored = new LinkedHashMap<>();
        for (ProfileSummary s : source.summaries()) stored.computeIfAbsent(s.method() + ' ' + s.endpoint(), k -> new ArrayList<>()).add(s);
        List<Endpoint> out = new ArrayList<>();
        Hotline live = source.live();
        if (live != null) {
            for (EndpointFigures.Summary s : live.endpoints().list()) {
                List<ProfileSummary> kept = stored.remove(s.method() + ' ' + s.route());
                out.add(of(s, kept == null ? 0 : kept.size()));
            }
        }
        for (List<ProfileSummary> g : stored.values()) out.add(of(g));
        return out;
    }

    /** One endpoint, or {@code null} when neither the running profiler nor stored profiles know it. */
    static Endpoint one(ProfileSource source, String method, String route) {
        List<ProfileSummary> stored = requestsOf(source.summaries(), method, route);
        Hotline live = source.live();
        EndpointFigures.Summary s = live == null ? null : live.endpoints().summary(method, route);
        if (s != null) return of(s, stored.size());
        return stored.isEmpty() ? null : of(stored);
    }

    /** The endpoint whose key is {@code key} (a hashed key of a long route included), or {@code null}. */
    static Endpoint byKey(ProfileSource source, String key) {
        for (Endpoint e : all(source)) if (e.key().equals(key)) return e;
        return null;
    }

    static UiResponse list(ProfileSource source, Params q) {
        String sort = q.oneOf("sort", "count", "count", "p50", "p95", "p99", "max", "route", "failed", "kept");
        String order = q.oneOf("order", sort.equals("route") ? "asc" : "desc", "asc", "desc");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", ProfileApi.DEFAULT_LIMIT, 1, ProfileApi.MAX_LIMIT);
        List<Endpoint> endpoints = all(source);
        Comparator<Endpoint> c = switch (sort) {
            case "p50" -> Comparator.comparingLong(Endpoint::p50Ns);
            case "p95" -> Comparator.comparingLong(Endpoint::p95Ns);
            case "p99" -> Comparator.comparingLong(Endpoint::p99Ns);
            case "max" -> Comparator.comparingLong(Endpoint::maxNs);
            case "failed" -> Comparator.comparingLong(Endpoint::failed);
            case "kept" -> Comparator.comparingLong(Endpoint::kept);
            case "route" -> Comparator.comparing(Endpoint::route).thenComparing(Endpoint::method);
            default -> Comparator.comparingLong(Endpoint::count);
        };
        if (order.equals("desc")) c = c.reversed();
        endpoints.sort(c.thenComparing(Endpoint::key));
        Json j = new Json().beginObject().field("total", endpoints.size()).field("offset", offset).field("limit", limit);
        j.name("items").beginArray();
        for (int i = offset; i < endpoints.size() && i < (long) offset + limit; i++) item(j, endpoints.get(i));
        j.endArray().endObject();
        return ResultsPage.json(200, j.toString());
    }

    static void item(Json j, Endpoint e) {
        j.beginObject().field("key", e.key()).field("method", e.method()).field("route", e.route()).field("count", e.count())
                .field("kept", e.kept()).field("failed", e.failed())
                .name("p50Ms").millis(e.p50Ns() / 1e6).name("p95Ms").millis(e.p95Ns() / 1e6).name("p99Ms").millis(e.p99Ns() / 1e6)
                .name("maxMs").millis(e.maxNs() / 1e6).field("lastStart", e.lastStart().toString())
                .field("sampled", e.sampled()).endObject();
    }
}
