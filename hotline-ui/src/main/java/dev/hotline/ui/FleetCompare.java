package dev.hotline.ui;

import dev.hotline.core.analysis.ProfileDiff;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.model.Frame;
import dev.hotline.core.report.ReportOptions;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * {@code api/fleet/compare}: one endpoint in two slices of the fleet (two periods, before and after a deploy, or two
 * versions, or both), each slice's newest kept profiles merged, compared line by line and method by method as
 * {@code hotline diff} does, ordered by the change of the mean time per request.
 */
final class FleetCompare {
    static final int DEFAULT_TOP = 100;
    static final int MAX_TOP = 1000;

    private final FleetReader reader;
    private final FleetApi api;

    FleetCompare(FleetReader reader, FleetApi api) {
        this.reader = reader;
        this.api = api;
    }

    UiResponse answer(Params q) throws SQLException {
        String service = FleetApi.text(q, "service");
        String key = FleetApi.text(q, "endpoint");
        if (key == null) throw new Params.BadParameter("parameter 'endpoint' is required: the key of the endpoint to compare");
        Instant[] pa = api.period(q, "aFrom", "aTo"), pb = api.period(q, "bFrom", "bTo");
        FleetReader.Slice a = new FleetReader.Slice(FleetApi.text(q, "aVersion"), pa[0], pa[1]);
        FleetReader.Slice b = new FleetReader.Slice(FleetApi.text(q, "bVersion"), pb[0], pb[1]);
        if (a.equals(b)) {
            throw new Params.BadParameter("the two sides are the same: give each a period (aFrom, aTo, bFrom, bTo) or a version "
                    + "(aVersion, bVersion)");
        }
        boolean all = q.oneOf("all", "false", "true", "false").equals("true");
        int top = q.integer("top", DEFAULT_TOP, 1, MAX_TOP);
        String[] endpoint = api.endpoint(reader, key, service, earliest(a.from(), b.from()), latest(a.to(), b.to()));

        ReportOptions options = all ? ReportOptions.builder().library(f -> false).minShare(0).build() : ReportOptions.defaults();
        FleetReader.Comparison c = reader.compare(service, endpoint[0], endpoint[1], a, b, options);
        Json j = new Json().beginObject().field("service", service).name("endpoint").beginObject().field("key", key)
                .field("method", endpoint[0]).field("route", endpoint[1]).endObject()
                .field("all", all).field("maxMerged", FleetReader.MAX_MERGED);
        side(j, "a", a, c.profilesA(), c.diff() == null ? 0 : c.diff().a().sampling().sampledNs());
        side(j, "b", b, c.profilesB(), c.diff() == null ? 0 : c.diff().b().sampling().sampledNs());
        ReportOptions app = c.diff() == null ? null : ReportOptions.defaults().forProfile(c.diff().a().appPackages().isEmpty() ? c.diff().b() : c.diff().a());
        entries(j, "lines", c.lines(), c, app, top, true);
        entries(j, "methods", c.methods(), c, app, top, false);
        return ResultsPage.json(200, j.endObject().toString());
    }

    private static void side(Json j, String name, FleetReader.Slice s, int profiles, long sampledNs) {
        j.name(name).beginObject().field("profiles", profiles).field("version", s.version())
                .field("from", s.from() == null ? null : s.from().toString()).field("to", s.to() == null ? null : s.to().toString())
                .name("sampledMs").millis(sampledNs / 1e6)
                .name("meanSampledMs").millis(profiles == 0 ? 0 : sampledNs / 1e6 / profiles).endObject();
    }

    private static void entries(Json j, String name, List<ProfileDiff.Entry> entries, FleetReader.Comparison c, ReportOptions app,
                                int top, boolean lines) {
        j.field(name + "Total", entries.size()).name(name).beginArray();
        for (ProfileDiff.Entry e : entries.subList(0, Math.min(top, entries.size()))) {
            Frame f = e.frame();
            j.beginObject().field("class", f.className()).field("method", f.methodName()).field("file", f.fileName());
            if (lines) j.field("line", f.line());
            j.field("app", app != null && !app.isLibrary(f)).field("inA", e.inA()).field("inB", e.inB())
                    .name("totalMsA").millis(e.totalNsA() / 1e6).name("selfMsA").millis(e.selfNsA() / 1e6).name("pctA").millis(e.shareA() * 100)
                    .name("totalMsB").millis(e.totalNsB() / 1e6).name("selfMsB").millis(e.selfNsB() / 1e6).name("pctB").millis(e.shareB() * 100)
                    .name("meanMsA").millis(mean(e.totalNsA(), c.profilesA())).name("meanMsB").millis(mean(e.totalNsB(), c.profilesB()))
                    .name("deltaMs").millis(c.meanDeltaNs(e) / 1e6).name("selfDeltaMs").millis(c.meanSelfDeltaNs(e) / 1e6);
            double ratio = meanRatio(e, c);
            if (Double.isFinite(ratio)) j.name("ratio").millis(ratio); else j.name("ratio").value((String) null);
            j.field("change", e.isNew() ? "new" : e.isVanished() ? "vanished" : c.meanDeltaNs(e) > 0 ? "slower"
                    : c.meanDeltaNs(e) < 0 ? "faster" : "same").endObject();
        }
        j.endArray();
    }

    private static double mean(long totalNs, int n) {
        return n == 0 ? 0 : totalNs / 1e6 / n;
    }

    /** B's mean over A's: 2 when a request spends twice as long on the line; infinite for a new line. */
    private static double meanRatio(ProfileDiff.Entry e, FleetReader.Comparison c) {
        double ma = mean(e.totalNsA(), c.profilesA()), mb = mean(e.totalNsB(), c.profilesB());
        if (ma == 0) return mb == 0 ? 1 : Double.POSITIVE_INFINITY;
        return mb / ma;
    }

    private static Instant earliest(Instant x, Instant y) {
        return x == null || y == null ? null : x.isBefore(y) ? x : y;
    }

    private static Instant latest(Instant x, Instant y) {
        return x == null || y == null ? null : x.isAfter(y) ? x : y;
    }
}
