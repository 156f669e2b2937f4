package dev.hotline.ui;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineStats;
import dev.hotline.core.PipelineCosts;
import dev.hotline.core.engine.EngineCosts;
import dev.hotline.core.analysis.ProfileMerge;
import dev.hotline.core.export.ProfileFormats;
import dev.hotline.core.export.ProfileWriter;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.core.store.ProfileFileNames;
import dev.hotline.core.tracecontext.TraceIds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The JSON API under {@code api/}: the request list, one profile, its source lines and downloads, endpoints. */
final class ProfileApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    /** The newest requests of an endpoint that are merged into its profile. */
    static final int MAX_MERGED = 200;

    private final ProfileSource source;
    private final SourceSnippets snippets;
    private final FleetApi fleet;

    ProfileApi(ProfileSource source, SourceLocator locator) {
        this.source = source;
        this.snippets = new SourceSnippets(locator);
        this.fleet = new FleetApi(source, this, java.time.Clock.systemUTC());
    }

    /** {@code rest} is the path after {@code api/}, still percent-encoded. */
    UiResponse handle(String rest, Params q) {
        String[] parts = rest.split("/", -1);
        if (parts[0].equals("profiles")) {
            if (parts.length == 1) return list(q);
            String id = id(parts[1]);
            if (parts.length == 2) return profile(id);
            if (parts.length == 3 && parts[2].equals("source")) return source(load(id));
            if (parts.length == 3 && parts[2].equals("download")) return download(load(id), q);
        } else if (parts[0].equals("endpoints")) {
            if (parts.length == 1) return Endpoints.list(source, q);
            Endpoints.Endpoint e;
            if (Routes.isHashedKey(parts[1])) {
                e = Endpoints.byKey(source, parts[1]);
                if (e == null) throw new NotFound("no requests for endpoint " + parts[1]);
            } else {
                String[] key = endpointKey(parts[1]);
                e = Endpoints.one(source, key[0], key[1]);
                if (e == null) throw new NotFound("no requests for endpoint " + key[0] + " " + key[1]);
            }
            if (parts.length == 2) return endpoint(e);
            if (parts.length == 3 && parts[2].equals("source")) return source(endpointProfile(e));
        } else if (parts[0].equals("status") && parts.length == 1) {
            return status();
        } else if (parts[0].equals("fleet")) {
            return fleet.handle(parts, q);
        }
        return ResultsPage.json(404, Json.error("no such API endpoint"));
    }

    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    static String id(String raw) {
        if (raw.isEmpty()) throw new Params.BadParameter("missing profile id");
        if (raw.length() > 200 || !ProfileStore.ID.matcher(raw).matches()) {
            throw new Params.BadParameter("malformed profile id: ids hold only letters, digits, '.', '_' and '-' (at most 200)");
        }
        return raw;
    }

    static String[] endpointKey(String raw) {
        String[] key = Routes.decodeKey(raw);
        if (key == null) throw new Params.BadParameter("malformed endpoint key: expected base64url of 'METHOD route'");
        return key;
    }

    private Profile load(String id) {
        Profile p = source.profile(id);
        if (p == null) throw new NotFound("no profile with id " + id);
        return p;
    }

    private UiResponse list(Params q) {
        String pathText = q.get("path");
        Params.Status status = q.status();
        int statusExact = status.exact();
        int statusClass = status.statusClass();
        double minMs = q.number("minMs", 0, 1e9);
        String sort = q.oneOf("sort", "start", "start", "duration", "path", "method", "status", "samples", "engine");
        String order = q.oneOf("order", "desc", "asc", "desc");
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        int limit = q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String needle = pathText == null || pathText.isEmpty() ? null : pathText.toLowerCase(Locale.ROOT);
        String trace = traceFilter(q.get("trace"));

        List<ProfileSummary> all = source.summaries();
        List<ProfileSummary> hits = new ArrayList<>(all.size());
        long minNs = Double.isNaN(minMs) ? Long.MIN_VALUE : (long) (minMs * 1e6);
        for (ProfileSummary s : all) {
            if (needle != null && !s.path().toLowerCase(Locale.ROOT).contains(needle)) continue;
            if (statusExact >= 0 && s.status() != statusExact) continue;
            if (statusClass >= 0 && s.status() / 100 != statusClass) continue;
            if (s.durationNs() < minNs) continue;
            if (trace != null && !trace.equals(s.traceId())) continue;
            hits.add(s);
        }
        Comparator<ProfileSummary> c = switch (sort) {
            case "duration" -> Comparator.comparingLong(ProfileSummary::durationNs);
            case "path" -> Comparator.comparing(ProfileSummary::path);
            case "method" -> Comparator.comparing(ProfileSummary::method);
            case "status" -> Comparator.comparingInt(ProfileSummary::status);
            case "samples" -> Comparator.comparingLong(ProfileSummary::samples);
            case "engine" -> Comparator.comparing(ProfileSummary::engine);
            default -> Comparator.comparing(ProfileSummary::start);
        };
        if (order.equals("desc")) c = c.reversed();
        // Ties keep the newest first, whatever the order.
        hits.sort(c.thenComparing(Comparator.comparing(ProfileSummary::start).reversed()).thenComparing(ProfileSummary::id));

        Json j = new Json().beginObject().field("total", hits.size()).field("offset", offset).field("limit", limit);
        j.name("items").beginArray();
        for (int i = offset; i < hits.size() && i < (long) offset + limit; i++) item(j, hits.get(i));
        j.endArray().endObject();
        return ResultsPage.json(200, j.toString());
    }

    static void item(Json j, ProfileSummary s) {
        j.beginObject().field("id", s.id()).field("method", s.method()).field("path", s.path()).field("query", s.query())
                .field("status", s.status()).field("start", s.start().toString()).name("durationMs").millis(s.durationMillis())
                .field("samples", s.samples()).field("engine", s.engine()).field("exact", s.exact())
                .field("route", s.endpoint()).field("endpoint", s.endpointKey()).field("traceId", s.traceId()).endObject();
    }

    /** {@code trace}: a W3C trace id, 32 hex digits (either case), or {@code null} for no filter. */
    static String traceFilter(String raw) {
        if (raw == null || raw.isEmpty()) return null;
        TraceIds ids = TraceIds.of(raw, null);
        if (ids == null) throw new Params.BadParameter("parameter 'trace' must be a trace id: 32 hex digits, not all zero");
        return ids.traceId();
    }

    private UiResponse profile(String id) {
        return ResultsPage.json(200, ProfileJson.toJson(load(id)));
    }

    UiResponse source(Profile p) {
        return ResultsPage.json(200, snippets.of(p));
    }

    /** The profile exported in the {@code format} the query names, as a download. */
    static UiResponse download(Profile p, Params q) {
        String format = q.get("format");
        if (format == null || format.isEmpty()) format = "hotline";
        ProfileWriter w = ProfileFormats.byName(format);
        if (w == null || format.length() > 40) {
            throw new Params.BadParameter("parameter 'format' must be one of " + String.join(", ", ProfileFormats.names()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            w.write(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = ProfileFileNames.of(p);
        name = name.substring(0, name.length() - ".json".length()) + "." + w.extensions().get(0);
        return new UiResponse(200, "application/octet-stream", out.toByteArray())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store");
    }

    private UiResponse endpoint(Endpoints.Endpoint e) {
        Profile profile = endpointProfile(e);
        Json j = new Json().beginObject().name("endpoint");
        Endpoints.item(j, e);
        if (!e.sampled()) j.field("merged", Math.min(e.count(), MAX_MERGED));
        j.name("profile").raw(ProfileJson.toJson(profile)).endObject();
        return ResultsPage.json(200, j.toString());
    }

    /**
     * The endpoint's profile: from the running profiler's figures over every sampled request when it has them,
     * else the newest stored profiles merged.
     */
    private Profile endpointProfile(Endpoints.Endpoint e) {
        Hotline live = source.live();
        if (e.sampled() && live != null) {
            Profile p = live.endpoints().profile(e.method(), e.route(), live.engineName(), live.config().intervalNs());
            if (p != null) return p.withAppPackages(live.applicationCode().packages());
        }
        return merge(Endpoints.requestsOf(source.summaries(), e.method(), e.route()));
    }

    private Profile merge(List<ProfileSummary> requests) {
        ProfileMerge m = new ProfileMerge();
        for (int i = 0; i < requests.size() && m.size() < MAX_MERGED; i++) {
            Profile p = source.profile(requests.get(i).id());
            if (p != null) m.add(p);
        }
        if (m.size() == 0) throw new NotFound("the endpoint's profiles are no longer stored");
        return m.build();
    }

    /** The running profiler's engine, keep rate and counters; {@code live: false} for a directory alone. */
    private UiResponse status() {
        Hotline h = source.live();
        Json j = new Json().beginObject().field("live", h != null);
        if (h != null) {
            HotlineStats s = h.stats();
            j.field("engine", h.engineName()).field("engineFallback", h.engineFallbackReason())
                    .field("keepRate", h.config().keepRateText()).name("intervalMs").millis(h.config().intervalNs() / 1e6)
                    .field("sampled", s.sampled()).field("kept", s.kept()).field("notKept", s.notKept())
                    .field("dropped", s.dropped()).field("pending", s.pending()).field("failures", s.failures())
                    .field("filesWritten", s.filesWritten()).field("fileFailures", s.fileFailures())
                    .field("filesDropped", s.filesDropped()).field("endpointOverflow", s.endpointOverflow())
                    .field("directoryOutages", s.directoryOutages()).field("directoryRecoveries", s.directoryRecoveries())
                    .field("directoryRecreated", s.directoryRecreated());
            PipelineCosts c = h.costs();
            EngineCosts e = c.engine();
            // Per sampled request, in microseconds of Hotline's own threads.
            double n = Math.max(1, c.processed());
            j.name("costUs").beginObject()
                    .name("endpointFiguresAndKeep").millis(c.aggregateNs() / n / 1e3)
                    .name("building").millis(c.buildNs() / n / 1e3)
                    .name("outputs").millis(c.outputNs() / n / 1e3)
                    .name("engineDump").millis(e.dumpNs() / n / 1e3)
                    .name("engineParse").millis(e.parseNs() / n / 1e3)
                    .name("engineRoute").millis(e.routeNs() / n / 1e3)
                    .endObject();
            j.name("engineReads").value(e.reads()).name("samplesRead").value(e.samples())
                    .name("buildUsPerKept").millis(c.buildNs() / Math.max(1.0, c.built()) / 1e3);
            dev.hotline.core.fleet.FleetStats f = h.fleetStats();
            if (f != null) {
                dev.hotline.core.fleet.FleetIdentity id = h.fleetIdentity();
                j.name("fleet").beginObject().field("service", id.service()).field("instance", id.instance())
                        .field("version", id.version()).field("reachable", f.reachable())
                        .field("profilesWritten", f.profilesWritten()).field("minutesWritten", f.minutesWritten())
                        .field("backlog", f.backlog()).field("dropped", f.dropped()).field("rejected", f.rejected())
                        .field("outages", f.outages()).field("recoveries", f.recoveries())
                        .field("failedAttempts", f.failedAttempts()).field("partitionsDropped", f.partitionsDropped())
                        .field("minutesDropped", f.minutesDropped())
                        .endObject();
            }
        }
        return ResultsPage.json(200, j.endObject().toString());
    }
}
