package dev.hotline.core.format;

import dev.hotline.core.model.CallEdge;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.CallTreeRestorer;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;
import dev.hotline.core.tracecontext.TraceIds;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed document into a {@link Profile}, checking every value it uses. Errors name the offending
 * value by its JSON path ({@code $.nodes[3][1]}). Members it does not know are ignored, so a file written by a
 * later minor release still reads.
 */
final class ProfileDecoder {
    private ProfileDecoder() {}

    static Profile decode(Object document) throws ProfileFormatException {
        Map<String, Object> doc = object(document, "$");
        if (!doc.containsKey("format")) throw new ProfileFormatException("not a Hotline profile: no \"format\" member at $");
        Object format = doc.get("format");
        if (!ProfileEncoder.FORMAT.equals(format)) {
            throw new ProfileFormatException("not a Hotline profile: $.format is " + show(format) + ", expected \""
                    + ProfileEncoder.FORMAT + "\"");
        }
        long version = longValue(required(doc, "version", "$"), "$.version");
        if (version > Profile.FORMAT_VERSION) {
            throw new ProfileFormatException("profile format version " + version + " is newer than this reader supports ("
                    + Profile.FORMAT_VERSION + "): upgrade Hotline to read it");
        }
        if (version < 1) throw new ProfileFormatException("invalid profile format version " + version + " at $.version");

        String id = string(required(doc, "id", "$"), "$.id");
        RequestInfo request = request(object(required(doc, "request", "$"), "$.request"));
        List<String> notes = strings(doc, "notes");
        List<String> threads = strings(doc, "threads");
        List<Frame> frames = frames(doc);
        List<CallNode> nodes = nodes(array(required(doc, "nodes", "$"), "$.nodes"), frames);
        List<ProfileSample> samples = samples(doc, threads.size(), nodes.size());
        SamplingInfo sampling = sampling(doc, samples);
        List<LineStats> lines = lines(array(required(doc, "lines", "$"), "$.lines"));
        List<MethodStats> methods = methods(doc);
        String keptBecause = stringOrNull(doc.get("keptBecause"), "$.keptBecause");
        List<String> appPackages = strings(doc, "appPackages");
        return new Profile(id, request, sampling, threads, nodes, samples, lines, methods, notes, edges(doc, methods),
                appPackages, keptBecause);
    }

    private static RequestInfo request(Map<String, Object> r) throws ProfileFormatException {
        String p = "$.request";
        String method = string(required(r, "method", p), p + ".method");
        String path = string(required(r, "path", p), p + ".path");
        String query = stringOrNull(r.get("query"), p + ".query");
        long status = longValue(required(r, "status", p), p + ".status");
        if (status < 0 || status > 999) throw new ProfileFormatException("status " + status + " out of range 0..999 at " + p + ".status");
        String text = string(required(r, "start", p), p + ".start");
        Instant start;
        try {
            start = Instant.parse(text);
        } catch (DateTimeException e) {
            throw new ProfileFormatException("not an ISO-8601 UTC time (2026-11-21T10:15:30.123Z): " + show(text) + " at " + p + ".start");
        }
        try {
            start.toEpochMilli(); // writers give it in milliseconds too (startEpochMs): it must fit a long
        } catch (ArithmeticException e) {
            throw new ProfileFormatException("start " + show(text) + " is out of range (more than 292 million years from 1970) at "
                    + p + ".start");
        }
        long durationNs = nonNegative(required(r, "durationNs", p), p + ".durationNs");
        String error = stringOrNull(r.get("error"), p + ".error");
        String route = stringOrNull(r.get("route"), p + ".route");
        // Ids that could never find their trace are no ids: dropped, not a reason to refuse the profile.
        TraceIds trace = TraceIds.of(stringOrNull(r.get("traceId"), p + ".traceId"), null);
        TraceIds span = trace == null ? null : TraceIds.of(trace.traceId(), stringOrNull(r.get("spanId"), p + ".spanId"));
        return new RequestInfo(method, path, query, (int) status, start, durationNs, error, route,
                trace == null ? null : trace.traceId(), span == null ? null : span.spanId());
    }

    private static SamplingInfo sampling(Map<String, Object> doc, List<ProfileSample> samples) throws ProfileFormatException {
        String engine = string(required(doc, "engine", "$"), "$.engine");
        long intervalNs = nonNegative(required(doc, "intervalNs", "$"), "$.intervalNs");
        long sampleCount = nonNegative(required(doc, "sampleCount", "$"), "$.sampleCount");
        Map<String, Object> s = doc.get("sampling") == null ? Map.of() : object(doc.get("sampling"), "$.sampling");
        long sampledNs;
        if (s.containsKey("sampledNs")) {
            sampledNs = nonNegative(s.get("sampledNs"), "$.sampling.sampledNs");
        } else {
            sampledNs = 0;
            for (ProfileSample x : samples) sampledNs += x.weightNs();
        }
        long effective = s.containsKey("effectiveIntervalNs")
                ? nonNegative(s.get("effectiveIntervalNs"), "$.sampling.effectiveIntervalNs")
                : sampleCount == 0 ? 0 : sampledNs / sampleCount;
        boolean budgetLimited = s.containsKey("budgetLimited") && bool(s.get("budgetLimited"), "$.sampling.budgetLimited");
        return new SamplingInfo(engine, intervalNs, effective, sampleCount, sampledNs, budgetLimited);
    }

    private static List<Frame> frames(Map<String, Object> doc) throws ProfileFormatException {
        List<Object> a = optionalArray(doc, "frames");
        List<Frame> frames = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String p = "$.frames[" + i + "]";
            Map<String, Object> f = object(a.get(i), p);
            frames.add(frame(f, p, lineNumber(required(f, "line", p), p + ".line")));
        }
        return frames;
    }

    private static Frame frame(Map<String, Object> f, String p, int line) throws ProfileFormatException {
        return new Frame(string(required(f, "class", p), p + ".class"), string(required(f, "method", p), p + ".method"),
                stringOrNull(f.get("file"), p + ".file"), line);
    }

    private static List<CallNode> nodes(List<Object> a, List<Frame> frames) throws ProfileFormatException {
        if (a.isEmpty()) throw new ProfileFormatException("$.nodes is empty: the root node must come first");
        long[] root = nodeRow(a.get(0), "$.nodes[0]");
        if (root[0] != -1 || root[1] != -1) {
            throw new ProfileFormatException("the first node must be the root [-1, -1, ...] at $.nodes[0]");
        }
        CallTreeRestorer tree = new CallTreeRestorer(root[2], root[3], root[4]);
        for (int i = 1; i < a.size(); i++) {
            String p = "$.nodes[" + i + "]";
            long[] row = nodeRow(a.get(i), p);
            if (row[0] < 0 || row[0] >= frames.size()) {
                throw outOfRange("frame index", row[0], frames.size(), "$.frames", p + "[0]");
            }
            if (row[1] < 0 || row[1] >= i) {
                throw new ProfileFormatException("parent " + row[1] + " is not an earlier node (0.." + (i - 1) + ") at " + p + "[1]");
            }
            tree.add((int) row[1], frames.get((int) row[0]), row[2], row[3], row[4]);
        }
        return tree.build();
    }

    /** [frame, parent, totalNs, selfNs, samples]. */
    private static long[] nodeRow(Object v, String p) throws ProfileFormatException {
        List<Object> row = tuple(v, p, 5, "[frame, parent, totalNs, selfNs, samples]");
        return new long[] {
            intValue(row.get(0), p + "[0]"), intValue(row.get(1), p + "[1]"),
            nonNegative(row.get(2), p + "[2]"), nonNegative(row.get(3), p + "[3]"), nonNegative(row.get(4), p + "[4]")};
    }

    private static List<ProfileSample> samples(Map<String, Object> doc, int threads, int nodes) throws ProfileFormatException {
        List<Object> a = optionalArray(doc, "samples");
        List<ProfileSample> samples = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String p = "$.samples[" + i + "]";
            List<Object> row = tuple(a.get(i), p, 5, "[thread, offsetNs, weightNs, count, node]");
            long thread = intValue(row.get(0), p + "[0]");
            if (thread < 0 || thread >= threads) {
                throw outOfRange("thread index", thread, threads, "$.threads", p + "[0]");
            }
            long offsetNs = nonNegative(row.get(1), p + "[1]");
            long weightNs = nonNegative(row.get(2), p + "[2]");
            long count = intValue(row.get(3), p + "[3]");
            if (count < 0) throw new ProfileFormatException("negative count " + count + " at " + p + "[3]");
            long node = intValue(row.get(4), p + "[4]");
            if (node < 0 || node >= nodes) {
                throw outOfRange("node", node, nodes, "$.nodes", p + "[4]");
            }
            samples.add(new ProfileSample((int) thread, offsetNs, weightNs, (int) count, (int) node));
        }
        return samples;
    }

    private static List<LineStats> lines(List<Object> a) throws ProfileFormatException {
        List<LineStats> lines = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String p = "$.lines[" + i + "]";
            Map<String, Object> l = object(a.get(i), p);
            Frame f = frame(l, p, lineNumber(required(l, "line", p), p + ".line"));
            long hits = l.containsKey("hits") ? countOrMinusOne(l.get("hits"), p + ".hits") : LineStats.NOT_COUNTED;
            long timeNs = optionalCount(l, "timeNs", p);
            long maxNs = optionalCount(l, "maxNs", p);
            lines.add(new LineStats(f, nonNegative(required(l, "totalNs", p), p + ".totalNs"),
                    nonNegative(required(l, "selfNs", p), p + ".selfNs"), nonNegative(required(l, "samples", p), p + ".samples"), hits,
                    timeNs, timeNs == LineStats.NOT_COUNTED ? LineStats.NOT_COUNTED : Math.max(0, maxNs)));
        }
        return lines;
    }

    private static List<MethodStats> methods(Map<String, Object> doc) throws ProfileFormatException {
        List<Object> a = optionalArray(doc, "methods");
        List<MethodStats> methods = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String p = "$.methods[" + i + "]";
            Map<String, Object> m = object(a.get(i), p);
            Frame f = frame(m, p, -1);
            long calls = m.containsKey("calls") ? countOrMinusOne(m.get("calls"), p + ".calls") : -1;
            long cumtimeNs = optionalCount(m, "cumtimeNs", p);
            long tottimeNs = optionalCount(m, "tottimeNs", p);
            methods.add(new MethodStats(f, nonNegative(required(m, "totalNs", p), p + ".totalNs"),
                    nonNegative(required(m, "selfNs", p), p + ".selfNs"), nonNegative(required(m, "samples", p), p + ".samples"), calls,
                    cumtimeNs == LineStats.NOT_COUNTED ? LineStats.NOT_COUNTED : Math.max(0, tottimeNs), cumtimeNs));
        }
        return methods;
    }

    private static List<CallEdge> edges(Map<String, Object> doc, List<MethodStats> methods) throws ProfileFormatException {
        List<Object> a = optionalArray(doc, "edges");
        List<CallEdge> edges = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            String p = "$.edges[" + i + "]";
            List<Object> row = tuple(a.get(i), p, 4, "[caller, callee, calls, totalNs]");
            long caller = intValue(row.get(0), p + "[0]");
            if (caller < -1 || caller >= methods.size()) throw outOfRange("method", caller, methods.size(), "$.methods", p + "[0]");
            long callee = intValue(row.get(1), p + "[1]");
            if (callee < 0 || callee >= methods.size()) throw outOfRange("method", callee, methods.size(), "$.methods", p + "[1]");
            edges.add(new CallEdge(caller < 0 ? null : methods.get((int) caller).method(), methods.get((int) callee).method(),
                    nonNegative(row.get(2), p + "[2]"), nonNegative(row.get(3), p + "[3]")));
        }
        return edges;
    }

    /** An absent member reads as -1 (not counted); a present one must be a count. */
    private static long optionalCount(Map<String, Object> m, String key, String path) throws ProfileFormatException {
        return m.containsKey(key) ? countOrMinusOne(m.get(key), path + "." + key) : LineStats.NOT_COUNTED;
    }

    private static List<String> strings(Map<String, Object> doc, String key) throws ProfileFormatException {
        List<Object> a = optionalArray(doc, key);
        List<String> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) out.add(string(a.get(i), "$." + key + "[" + i + "]"));
        return out;
    }

    // ---- typed access, every failure naming its JSON path ----

    private static Object required(Map<String, Object> m, String key, String path) throws ProfileFormatException {
        if (!m.containsKey(key)) throw new ProfileFormatException("missing required member \"" + key + "\" in " + path);
        return m.get(key);
    }

    /** An absent or null array member reads as empty. */
    private static List<Object> optionalArray(Map<String, Object> doc, String key) throws ProfileFormatException {
        Object v = doc.get(key);
        return v == null ? List.of() : array(v, "$." + key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String path) throws ProfileFormatException {
        if (v instanceof Map) return (Map<String, Object>) v;
        throw typeError("an object", v, path);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Object v, String path) throws ProfileFormatException {
        if (v instanceof List) return (List<Object>) v;
        throw typeError("an array", v, path);
    }

    private static List<Object> tuple(Object v, String path, int size, String shape) throws ProfileFormatException {
        List<Object> row = array(v, path);
        if (row.size() < size) {
            throw new ProfileFormatException("expected " + shape + " but the array has " + row.size() + " elements at " + path);
        }
        return row; // extra elements are ignored: room for later minor additions
    }

    private static String string(Object v, String path) throws ProfileFormatException {
        if (v instanceof String) return (String) v;
        throw typeError("a string", v, path);
    }

    private static String stringOrNull(Object v, String path) throws ProfileFormatException {
        return v == null ? null : string(v, path);
    }

    private static boolean bool(Object v, String path) throws ProfileFormatException {
        if (v instanceof Boolean) return (Boolean) v;
        throw typeError("true or false", v, path);
    }

    private static long longValue(Object v, String path) throws ProfileFormatException {
        if (v instanceof Long) return (Long) v;
        if (v instanceof JsonReader.BigNumber) {
            JsonReader.BigNumber n = (JsonReader.BigNumber) v;
            if (n.isInteger()) throw new ProfileFormatException("integer " + abbreviate(n.text()) + " out of 64-bit range at " + path);
            throw new ProfileFormatException("expected an integer but found " + abbreviate(n.text()) + " at " + path);
        }
        throw typeError("an integer", v, path);
    }

    private static long intValue(Object v, String path) throws ProfileFormatException {
        long x = longValue(v, path);
        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) throw new ProfileFormatException("integer " + x + " out of 32-bit range at " + path);
        return x;
    }

    private static long nonNegative(Object v, String path) throws ProfileFormatException {
        long x = longValue(v, path);
        if (x < 0) throw new ProfileFormatException("negative value " + x + " at " + path);
        return x;
    }

    private static int lineNumber(Object v, String path) throws ProfileFormatException {
        long x = intValue(v, path);
        if (x < -1) throw new ProfileFormatException("line " + x + " is neither a line number nor -1 (unknown) at " + path);
        return (int) x;
    }

    private static long countOrMinusOne(Object v, String path) throws ProfileFormatException {
        long x = longValue(v, path);
        if (x < -1) throw new ProfileFormatException("negative count " + x + " at " + path);
        return x;
    }

    private static ProfileFormatException outOfRange(String what, long value, int size, String array, String path) {
        String range = size == 0 ? array + " is empty" : "expected 0.." + (size - 1);
        return new ProfileFormatException(what + " " + value + " out of range (" + range + ") at " + path);
    }

    private static ProfileFormatException typeError(String expected, Object v, String path) {
        return new ProfileFormatException("expected " + expected + " but found " + kind(v) + " at " + path);
    }

    private static String kind(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "a string " + show(v);
        if (v instanceof Boolean) return v.toString();
        if (v instanceof JsonReader.BigNumber) return "the number " + abbreviate(((JsonReader.BigNumber) v).text());
        return "the number " + v;
    }

    private static String show(Object v) {
        if (v == null) return "null";
        return v instanceof String ? "\"" + JsonReader.printable((String) v) + "\"" : kind(v);
    }

    private static String abbreviate(String number) {
        return number.length() <= 40 ? number : number.substring(0, 20) + "..." + " (" + number.length() + " digits)";
    }
}
