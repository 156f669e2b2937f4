package dev.hotline.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests grouped by method and route, with count and p50 / p95 / max duration. */
final class Endpoints {
    record Endpoint(String key, String method, String route, int count, long p50Ns, long p95Ns, long maxNs, Instant lastStart) {}

    private Endpoints() {}

    static Endpoint of(List<ProfileSummary> requests) {
        long[] d = new long[requests.size()];
        Instant last = Instant.MIN;
        for (int i = 0; i < d.length; i++) {
            d[i] = requests.get(i).durationNs();
            if (requests.get(i).start().isAfter(last)) last = requests.get(i).start();
        }
        Arrays.sort(d);
        ProfileSummary first = requests.get(0);
        return new Endpoint(first.endpointKey(), first.method(), first.endpoint(), d.length, rank(d, 0.50), rank(d, 0.95),
                d[d.length - 1], last);
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

    /** The requests of the endpoint whose (hashed) key is {@code key}. */
    static List<ProfileSummary> requestsOf(List<ProfileSummary> all, String key) {
        List<ProfileSummary> out = new ArrayList<>();
        for (ProfileSummary s : all) if (s.endpointKey().equals(key)) out.add(s);
        return out;
    }

    static UiResponse list(List<ProfileSummary> all, Params q) {
        String sort = q.oneOf("sort", "count", "count", "p50", "p95", "max", "route");
        String order = q.oneOf("order", sort.equals("route") ? "asc" : "desc", "asc", "desc");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", ProfileApi.DEFAULT_LIMIT, 1, ProfileApi.MAX_LIMIT);
        Map<String, List<ProfileSummary>> groups = new LinkedHashMap<>();
        for (ProfileSummary s : all) groups.computeIfAbsent(s.method() + ' ' + s.endpoint(), k -> new ArrayList<>()).add(s);
        List<Endpoint> endpoints = new ArrayList<>(groups.size());
        for (List<ProfileSummary> g : groups.values()) endpoints.add(of(g));
        Comparator<Endpoint> c = switch (sort) {
            case "p50" -> Comparator.comparingLong(Endpoint::p50Ns);
            case "p95" -> Comparator.comparingLong(Endpoint::p95Ns);
            case "max" -> Comparator.comparingLong(Endpoint::maxNs);
            case "route" -> Comparator.comparing(Endpoint::route).thenComparing(Endpoint::method);
            default -> Comparator.comparingInt(Endpoint::count);
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
                .name("p50Ms").millis(e.p50Ns() / 1e6).name("p95Ms").millis(e.p95Ns() / 1e6).name("maxMs").millis(e.maxNs() / 1e6)
                .field("lastStart", e.lastStart().toString()).endObject();
    }
}
