package dev.hotline.core.format;

import dev.hotline.core.model.CallEdge;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link Profile} as a version 1 document; the shape is described in {@code docs/profile-format.md}. */
final class ProfileEncoder {
    static final String FORMAT = "hotline-profile";

    private ProfileEncoder() {}

    static void write(Profile p, JsonWriter w) throws IOException {
        RequestInfo r = p.request();
        SamplingInfo s = p.sampling();
        w.beginObject(true);
        w.name("format").value(FORMAT);
        w.name("version").value(Profile.FORMAT_VERSION);
        w.name("id").value(p.id());

        w.name("request").beginObject(false);
        w.name("method").value(r.method());
        w.name("path").value(r.path());
        w.name("query").value(r.query());
        w.name("status").value(r.status());
        w.name("start").value(r.start().toString());
        w.name("startEpochMs").value(r.start().toEpochMilli());
        w.name("durationNs").value(r.durationNs());
        w.name("error").value(r.error());
        if (r.route() != null) w.name("route").value(r.route());
        if (r.traceId() != null) w.name("traceId").value(r.traceId());
        if (r.spanId() != null) w.name("spanId").value(r.spanId());
        w.endObject();

        w.name("engine").value(s.engine());
        w.name("intervalNs").value(s.intervalNs());
        w.name("sampleCount").value(s.sampleCount());
        w.name("sampling").beginObject(false);
        w.name("effectiveIntervalNs").value(s.effectiveIntervalNs());
        w.name("sampledNs").value(s.sampledNs());
        w.name("budgetLimited").value(s.budgetLimited());
        w.endObject();

        if (p.keptBecause() != null) w.name("keptBecause").value(p.keptBecause());
        if (!p.appPackages().isEmpty()) {
            w.name("appPackages").beginArray(false);
            for (String a : p.appPackages()) w.value(a);
            w.endArray();
        }
        w.name("notes").beginArray(!p.notes().isEmpty());
        for (String n : p.notes()) w.value(n);
        w.endArray();
        w.name("threads").beginArray(false);
        for (String t : p.threads()) w.value(t);
        w.endArray();

        // Frames are interned in node order, so a frame shared by many nodes is written once.
        Map<Frame, Integer> index = new HashMap<>();
        List<Frame> frames = new ArrayList<>();
        for (CallNode n : p.nodes()) {
            if (n.frame() != null && index.putIfAbsent(n.frame(), frames.size()) == null) frames.add(n.frame());
        }
        w.name("frames").beginArray(true);
        for (Frame f : frames) {
            w.beginObject(false);
            frameFields(w, f);
            w.name("line").value(f.line());
            w.endObject();
        }
        w.endArray();

        w.name("nodes").beginArray(true);
        for (CallNode n : p.nodes()) {
            w.beginArray(false)
                    .value(n.frame() == null ? -1 : index.get(n.frame()))
                    .value(n.parent() == null ? -1 : n.parent().id())
                    .value(n.totalNs()).value(n.selfNs()).value(n.samples())
                    .endArray();
        }
        w.endArray();

        w.name("samples").beginArray(true);
        for (ProfileSample x : p.samples()) {
            w.beginArray(false).value(x.thread()).value(x.offsetNs()).value(x.weightNs()).value(x.count()).value(x.node()).endArray();
        }
        w.endArray();

        w.name("lines").beginArray(true);
        for (LineStats l : p.lines()) {
            w.beginObject(false);
            frameFields(w, l.frame());
            w.name("line").value(l.frame().line());
            times(w, l.totalNs(), l.selfNs(), l.samples());
            if (l.hits() != LineStats.NOT_COUNTED) w.name("hits").value(l.hits());
            if (l.traced()) {
                w.name("timeNs").value(l.timeNs());
                w.name("maxNs").value(l.maxNs());
            }
            w.endObject();
        }
        w.endArray();

        w.name("methods").beginArray(true);
        for (MethodStats m : p.methods()) {
            w.beginObject(false);
            frameFields(w, m.method());
            times(w, m.totalNs(), m.selfNs(), m.samples());
            if (m.calls() != -1) w.name("calls").value(m.calls());
            if (m.traced()) {
                w.name("tottimeNs").value(m.tottimeNs());
                w.name("cumtimeNs").value(m.cumtimeNs());
            }
            w.endObject();
        }
        w.endArray();

        if (!p.edges().isEmpty()) {
            // Edges refer to the methods table by index; an edge whose method is not in it cannot be written.
            Map<Frame, Integer> methodIndex = new HashMap<>();
            for (int i = 0; i < p.methods().size(); i++) methodIndex.putIfAbsent(p.methods().get(i).method(), i);
            w.name("edges").beginArray(true);
            for (CallEdge e : p.edges()) {
                Integer callee = methodIndex.get(e.callee());
                Integer caller = e.caller() == null ? Integer.valueOf(-1) : methodIndex.get(e.caller());
                if (callee == null || caller == null) continue;
                w.beginArray(false).value(caller).value(callee).value(e.calls()).value(e.totalNs()).endArray();
            }
            w.endArray();
        }

        w.endObject();
        w.finish();
    }

    private static void frameFields(JsonWriter w, Frame f) throws IOException {
        w.name("class").value(f.className());
        w.name("method").value(f.methodName());
        w.name("file").value(f.fileName());
    }

    private static void times(JsonWriter w, long totalNs, long selfNs, long samples) throws IOException {
        w.name("totalNs").value(totalNs);
        w.name("selfNs").value(selfNs);
        w.name("samples").value(samples);
    }
}
