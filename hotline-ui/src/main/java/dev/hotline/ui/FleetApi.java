package dev.hotline.ui;

import dev.hotline.core.fleet.FleetProfile;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.fleet.ProfileQuery;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet store's API under {@code api/fleet}: its facets, the fleet's request list, one of its profiles (with source
 * lines and downloads as for a local one), endpoint figures over a period, and comparisons of one endpoint
 * ({@link FleetCompare}). {@code 404} for everything but {@code api/fleet} itself when no store is configured,
 * {@code 503} when the store does not answer.
 */
final class FleetApi {
    static final int MAX_TEXT = 500;
    static final Duration DEFAULT_ENDPOINT_PERIOD = Duration.ofHours(1);
    private static final Pattern RELATIVE = Pattern.compile("([0-9]{1,6})([smhdw])");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    private final ProfileSource source;
    private final ProfileApi local;
    private final Clock clock;

    FleetApi(ProfileSource source, ProfileApi local, Clock clock) {
        this.source = source;
        this.local = local;
        this.clock = clock;
    }

    /** The store did not answer; the page says so with a 503. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code parts}: the API path split at {@code /}, starting with {@code fleet}. */
    UiResponse handle(String[] parts, Params q) {
        FleetReader reader = source.fleet();
        if (parts.length == 1) return facets(reader);
        if (reader == null) {
            throw new ProfileApi.NotFound("no fleet store: set store=jdbc:postgresql://host:5432/database to see the whole fleet here");
        }
        try {
            if (parts[1].equals("profiles")) {
                if (parts.length == 2) return list(reader, q);
                String id = ProfileApi.id(parts[2]);
                if (parts.length == 3) return ResultsPage.json(200, ProfileJson.toJson(load(reader, id)));
                if (parts.length == 4 && parts[3].equals("source")) return local.source(load(reader, id));
                if (parts.length == 4 && parts[3].equals("download")) return ProfileApi.download(load(reader, id), q);
            } else if (parts[1].equals("endpoints") && parts.length == 2) {
                return endpoints(reader, q);
            } else if (parts[1].equals("compare") && parts.length == 2) {
                return new FleetCompare(reader, this).answer(q);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return ResultsPage.json(404, Json.error("no such API endpoint"));
    }

    static Unavailable unavailable(SQLException e) {
        FailureLog.logOnce("the fleet store did not answer the results page", e);
        if ("57014".equals(e.getSQLState())) {
            return new Unavailable("the fleet store took too long to answer: narrow the period or add filters");
        }
        return new Unavailable("the fleet store did not answer: " + e.getMessage());
    }

    private static Profile load(FleetReader reader, String id) throws SQLException {
        Profile p = reader.profile(id);
        if (p == null) throw new ProfileApi.NotFound("no profile with id " + id + " in the fleet store");
        return p;
    }

    /** Whether the fleet is on, and what its filters offer. */
    private static UiResponse facets(FleetReader reader) {
        Json j = new Json().beginObject().field("on", reader != null);
        if (reader == null) return ResultsPage.json(200, j.endObject().toString());
        FleetReader.Facets f;
        try {
            f = reader.facets();
        } catch (SQLException e) {
            // The page still shows the fleet view, with the reason it is empty.
            return ResultsPage.json(200, j.field("available", false).field("error", unavailable(e).getMessage()).endObject().toString());
        }
        j.field("available", true).name("services").beginArray();
        for (String s : f.services()) j.value(s);
        j.endArray().name("instances").beginArray();
        for (FleetReader.Instance i : f.instances()) {
            j.beginObject().field("service", i.service()).field("instance", i.instance()).field("version", i.version())
                    .field("firstSeen", i.firstSeen().toString()).field("lastSeen", i.lastSeen().toString()).endObject();
        }
        j.endArray().name("versions").beginArray();
        for (String v : f.versions()) j.value(v);
        return ResultsPage.json(200, j.endArray().endObject().toString());
    }

    private UiResponse list(FleetReader reader, Params q) throws SQLException {
        ProfileQuery query = new ProfileQuery()
                .service(text(q, "service")).instance(text(q, "instance")).version(text(q, "version"))
                .method(text(q, "method")).endpoint(text(q, "route")).pathContains(text(q, "path"));
        String key = text(q, "endpoint");
        if (key != null) {
            String[] mr = endpoint(reader, key, text(q, "service"), null, null);
            query.method(mr[0]).endpoint(mr[1]);
        }
        Params.Status status = q.status();
        if (status.statusClass() >= 0) query.statusClass(status.statusClass());
        if (status.exact() >= 0) query.status(status.exact());
        double minMs = q.number("minMs", 0, 1e9);
        if (!Double.isNaN(minMs)) query.minDurationUs((long) (minMs * 1000));
        String trace = ProfileApi.traceFilter(text(q, "trace"));
        if (trace != null) query.traceId(trace);
        Instant[] period = period(q, "from", "to");
        query.period(period[0], period[1]);
        String sort = q.oneOf("sort", "start", "start", "duration", "path", "status", "service", "instance");
        String order = q.oneOf("order", "desc", "asc", "desc");
        query.sort(ProfileQuery.Sort.valueOf(sort.toUpperCase(Locale.ROOT)), order.equals("desc"));
        query.page(q.integer("offset", 0, 0, ProfileQuery.MAX_OFFSET), q.integer("limit", ProfileApi.DEFAULT_LIMIT, 1, ProfileQuery.MAX_LIMIT));

        FleetReader.Page page = reader.list(query);
        Json j = new Json().beginObject().field("total", page.total()).field("totalCapped", page.totalCapped())
                .field("offset", query.offset()).field("limit", query.limit());
        j.name("items").beginArray();
        for (FleetProfile p : page.items()) {
            j.beginObject().field("id", p.id()).field("service", p.service()).field("instance", p.instance())
                    .field("version", p.version()).field("method", p.method()).field("path", p.path()).field("query", p.query())
                    .field("status", p.status()).field("start", p.started().toString()).name("durationMs").millis(p.durationUs() / 1e3)
                    .field("samples", p.samples()).field("engine", p.engine()).field("exact", p.exact())
                    .field("route", p.endpoint()).field("endpoint", Routes.key(p.method(), p.endpoint()))
                    .field("traceId", p.traceId()).field("keptBecause", p.keptBecause()).field("error", p.error()).endObject();
        }
        return ResultsPage.json(200, j.endArray().endObject().toString());
    }

    private UiResponse endpoints(FleetReader reader, Params q) throws SQLException {
        Instant[] period = period(q, "from", "to");
        Instant from = period[0] == null && period[1] == null ? clock.instant().minus(DEFAULT_ENDPOINT_PERIOD) : period[0];
        String service = text(q, "service");
        Json j = new Json().beginObject().field("service", service).field("from", from == null ? null : from.toString())
                .field("to", period[1] == null ? null : period[1].toString()).name("items").beginArray();
        for (FleetReader.Endpoint e : reader.endpoints(service, text(q, "version"), from, period[1])) {
            j.beginObject().field("key", Routes.key(e.method(), e.endpoint())).field("method", e.method()).field("route", e.endpoint())
                    .field("requests", e.requests()).field("failed", e.failed()).name("meanMs").millis(e.meanUs() / 1e3)
                    .name("p50Ms").millis(e.p50Us() / 1e3).name("p95Ms").millis(e.p95Us() / 1e3).name("p99Ms").millis(e.p99Us() / 1e3)
                    .name("maxMs").millis(e.maxUs() / 1e3).field("instances", e.instances()).endObject();
        }
        return ResultsPage.json(200, j.endArray().endObject().toString());
    }

    /**
     * {@code METHOD route} of an endpoint key; a hashed key (a very long route) is looked up among the endpoints the
     * store knows over the period.
     */
    String[] endpoint(FleetReader reader, String key, String service, Instant from, Instant to) throws SQLException {
        if (!Routes.isHashedKey(key)) return ProfileApi.endpointKey(key);
        for (FleetReader.Endpoint e : reader.endpoints(service, null, from, to)) {
            if (Routes.key(e.method(), e.endpoint()).equals(key)) return new String[] {e.method(), e.endpoint()};
        }
        throw new ProfileApi.NotFound("no requests for endpoint " + key + " in the fleet store over that period");
    }

    /** A text parameter, {@code null} when absent or empty. */
    static String text(Params q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) return null;
        if (v.length() > MAX_TEXT) throw new Params.BadParameter("parameter '" + name + "' is longer than " + MAX_TEXT + " characters");
        return v;
    }

    /** Two instants of a period, each {@code null} when absent; the start must come before the end. */
    Instant[] period(Params q, String fromName, String toName) {
        Instant from = instant(q, fromName), to = instant(q, toName);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new Params.BadParameter("parameter '" + fromName + "' must be before '" + toName + "'");
        }
        return new Instant[] {from, to};
    }

    /**
     * An ISO-8601 instant, {@code now}, or a duration ago: {@code 30s}, {@code 15m}, {@code 24h}, {@code 7d}, {@code 2w};
     * from 1970 to 9999.
     */
    Instant instant(Params q, String name) {
        Instant t = parseInstant(q, name);
        if (t != null && (t.isBefore(Instant.EPOCH) || t.isAfter(LAST))) {
            throw new Params.BadParameter("parameter '" + name + "' is out of range: from 1970 to 9999");
        }
        return t;
    }

    private Instant parseInstant(Params q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) return null;
        if (v.equals("now")) return clock.instant();
        Matcher m = RELATIVE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return clock.instant().minus(d);
        }
        try {
            if (v.length() <= 40) return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // the message below
        }
        throw new Params.BadParameter("parameter '" + name + "' must be an ISO-8601 instant (2026-11-21T10:00:00Z), now, "
                + "or a duration ago (15m, 24h, 7d)");
    }
}
