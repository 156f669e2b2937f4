package dev.hotline.core.export;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a profile as a gzip-compressed {@code perftools.profiles.Profile} message, the format of
 * <a href="https://github.com/google/pprof/blob/main/proto/profile.proto">pprof's profile.proto</a>, read by
 * {@code go tool pprof}, Pyroscope, Grafana and IDE profilers.
 *
 * <ul>
 *   <li>Two sample types, {@code wall/nanoseconds} (the default) and {@code samples/count}; each Hotline sample
 *       is one pprof sample with values {@code [weightNs, count]}, so the values add up to the profile's sampled
 *       time and sample count.</li>
 *   <li>One location per distinct frame (class, method, file, line), each with one line; one function per
 *       distinct method (name {@code com.acme.Shop.buy}, file name). Unknown lines are 0, pprof's "unknown".
 *       A single mapping {@code [jvm]} marks every location as already symbolized.</li>
 *   <li>Labels on every sample: {@code method}, {@code path} and {@code thread} as strings, {@code status} as
 *       a number, so one file can be filtered by thread ({@code pprof -tagfocus thread=...}); and, when the
 *       request's distributed trace is known (since 0.3), {@code trace_id} and {@code span_id} as strings, the
 *       labels Pyroscope and Grafana use to join profiles to traces.</li>
 *   <li>{@code time_nanos} is the request's start, {@code duration_nanos} its duration, {@code period} the
 *       sampling interval; comments carry the profile id, the engine, {@code trace_id=...} and {@code span_id=...} when known,
 *       and the profile's notes.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class PprofWriter implements ProfileWriter {

    // Field numbers of profile.proto.
    private static final int PROFILE_SAMPLE_TYPE = 1, PROFILE_SAMPLE = 2, PROFILE_MAPPING = 3, PROFILE_LOCATION = 4,
            PROFILE_FUNCTION = 5, PROFILE_STRING_TABLE = 6, PROFILE_TIME_NANOS = 9, PROFILE_DURATION_NANOS = 10,
            PROFILE_PERIOD_TYPE = 11, PROFILE_PERIOD = 12, PROFILE_COMMENT = 13, PROFILE_DEFAULT_SAMPLE_TYPE = 14;
    private static final int VALUE_TYPE_TYPE = 1, VALUE_TYPE_UNIT = 2;
    private static final int SAMPLE_LOCATION_ID = 1, SAMPLE_VALUE = 2, SAMPLE_LABEL = 3;
    private static final int LABEL_KEY = 1, LABEL_STR = 2, LABEL_NUM = 3;
    private static final int MAPPING_ID = 1, MAPPING_FILENAME = 5, MAPPING_HAS_FUNCTIONS = 7,
            MAPPING_HAS_FILENAMES = 8, MAPPING_HAS_LINE_NUMBERS = 9;
    private static final int LOCATION_ID = 1, LOCATION_MAPPING_ID = 2, LOCATION_LINE = 4;
    private static final int LINE_FUNCTION_ID = 1, LINE_LINE = 2;
    private static final int FUNCTION_ID = 1, FUNCTION_NAME = 2, FUNCTION_SYSTEM_NAME = 3, FUNCTION_FILENAME = 4;

    private static final long MAPPING = 1;

    /** @since 0.1 */
    public PprofWriter() {}

    @Override
    public String name() {
        return "pprof";
    }

    @Override
    public List<String> extensions() {
        return List.of("pb.gz", "pprof");
    }

    @Override
    public String description() {
        return "pprof protobuf, gzip-compressed (go tool pprof, Pyroscope, Grafana)";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        byte[] message = encode(profile);
        // Closing the gzip stream frees its deflater; the shield keeps the caller's stream open.
        try (GZIPOutputStream gz = new GZIPOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, 16 * 1024)) {
            gz.write(message);
        }
    }

    /** The uncompressed {@code Profile} message. */
    static byte[] encode(Profile p) {
        return new Encoder(p).encode();
    }

    /** One encoding: the string table, functions and locations it has interned so far. */
    private static final class Encoder {
        private final Profile p;
        private final Map<String, Integer> strings = new LinkedHashMap<>();
        private final Map<Frame, Integer> functions = new LinkedHashMap<>(); // key: the method, line -1
        private final Map<Frame, Integer> locations = new LinkedHashMap<>();
        private final Map<Integer, long[]> stacks = new HashMap<>(); // node id -> location ids, leaf first

        Encoder(Profile p) {
            this.p = p;
            intern(""); // index 0 must be the empty string
        }

        byte[] encode() {
            RequestInfo r = p.request();
            SamplingInfo s = p.sampling();
            ProtobufOutput out = new ProtobufOutput();
            out.message(PROFILE_SAMPLE_TYPE, valueType("wall", "nanoseconds"));
            out.message(PROFILE_SAMPLE_TYPE, valueType("samples", "count"));

            long method = intern("method"), path = intern("path"), status = intern("status"), thread = intern("thread");
            long methodValue = intern(r.method()), pathValue = intern(r.path());
            long traceId = r.traceId() == null ? 0 : intern("trace_id"), traceValue = r.traceId() == null ? 0 : intern(r.traceId());
            long spanId = r.spanId() == null ? 0 : intern("span_id"), spanValue = r.spanId() == null ? 0 : intern(r.spanId());
            long[] values = new long[2];
            for (ProfileSample sample : p.samples()) {
                ProtobufOutput m = new ProtobufOutput();
                long[] stack = stack(sample.node());
                m.packed(SAMPLE_LOCATION_ID, stack, stack.length);
                values[0] = sample.weightNs();
                values[1] = sample.count();
                m.packed(SAMPLE_VALUE, values, 2);
                m.message(SAMPLE_LABEL, label(method, methodValue, 0));
                m.message(SAMPLE_LABEL, label(path, pathValue, 0));
                m.message(SAMPLE_LABEL, label(status, 0, r.status()));
                m.message(SAMPLE_LABEL, label(thread, intern(threadName(sample.thread())), 0));
                if (traceId != 0) m.message(SAMPLE_LABEL, label(traceId, traceValue, 0));
                if (spanId != 0) m.message(SAMPLE_LABEL, label(spanId, spanValue, 0));
                out.message(PROFILE_SAMPLE, m);
            }

            out.message(PROFILE_MAPPING, new ProtobufOutput().int64(MAPPING_ID, MAPPING)
                    .int64(MAPPING_FILENAME, intern("[jvm]"))
                    .bool(MAPPING_HAS_FUNCTIONS, true).bool(MAPPING_HAS_FILENAMES, true).bool(MAPPING_HAS_LINE_NUMBERS, true));
            for (Map.Entry<Frame, Integer> e : locations.entrySet()) {
                Frame f = e.getKey();
                ProtobufOutput line = new ProtobufOutput()
                        .int64(LINE_FUNCTION_ID, functions.get(f.methodOnly()))
                        .int64(LINE_LINE, Math.max(0, f.line()));
                out.message(PROFILE_LOCATION, new ProtobufOutput().int64(LOCATION_ID, e.getValue())
                        .int64(LOCATION_MAPPING_ID, MAPPING).message(LOCATION_LINE, line));
            }
            for (Map.Entry<Frame, Integer> e : functions.entrySet()) {
                Frame f = e.getKey();
                long name = intern(f.qualifiedMethod());
                out.message(PROFILE_FUNCTION, new ProtobufOutput().int64(FUNCTION_ID, e.getValue())
                        .int64(FUNCTION_NAME, name).int64(FUNCTION_SYSTEM_NAME, name)
                        .int64(FUNCTION_FILENAME, f.fileName() == null ? 0 : intern(f.fileName())));
            }

            List<String> comments = comments();
            long[] commentIds = new long[comments.size()];
            for (int i = 0; i < commentIds.length; i++) commentIds[i] = intern(comments.get(i));
            ProtobufOutput periodType = valueType("wall", "nanoseconds");
            long defaultType = intern("wall");

            for (String string : strings.keySet()) out.string(PROFILE_STRING_TABLE, string);
            out.int64(PROFILE_TIME_NANOS, epochNanos(r.start()));
            out.int64(PROFILE_DURATION_NANOS, r.durationNs());
            out.message(PROFILE_PERIOD_TYPE, periodType);
            out.int64(PROFILE_PERIOD, s.intervalNs());
            out.packed(PROFILE_COMMENT, commentIds, commentIds.length);
            out.int64(PROFILE_DEFAULT_SAMPLE_TYPE, defaultType);
            return out.toByteArray();
        }

        private List<String> comments() {
            RequestInfo r = p.request();
            SamplingInfo s = p.sampling();
            List<String> c = new ArrayList<>();
            c.add("hotline profile " + p.id() + ": " + r.method() + " " + r.path()
                    + (r.query() == null ? "" : "?" + r.query()) + " -> " + (r.status() == 0 ? "-" : r.status())
                    + (r.error() == null ? "" : " (" + r.error() + ")"));
            c.add("engine " + s.engine() + ", interval " + s.intervalNs() + " ns, " + s.sampleCount() + " samples, "
                    + s.sampledNs() + " ns sampled" + (s.budgetLimited() ? ", budget-limited" : ""));
            if (r.traceId() != null) c.add("trace_id=" + r.traceId());
            if (r.spanId() != null) c.add("span_id=" + r.spanId());
            for (String note : p.notes()) c.add("note: " + note);
            return c;
        }

        private String threadName(int index) {
            return index >= 0 && index < p.threads().size() ? p.threads().get(index) : "thread-" + index;
        }

        /** Location ids of a node's stack, leaf first, as pprof orders them. */
        private long[] stack(int nodeId) {
            long[] cached = stacks.get(nodeId);
            if (cached != null) return cached;
            List<Long> ids = new ArrayList<>();
            for (CallNode n = p.nodes().get(nodeId); n != null && n.frame() != null; n = n.parent()) {
                ids.add((long) location(n.frame()));
            }
            long[] stack = new long[ids.size()];
            for (int i = 0; i < stack.length; i++) stack[i] = ids.get(i);
            stacks.put(nodeId, stack);
            return stack;
        }

        private int location(Frame f) {
            Integer id = locations.get(f);
            if (id != null) return id;
            functions.computeIfAbsent(f.methodOnly(), k -> functions.size() + 1);
            id = locations.size() + 1; // ids are 1-based: 0 means "none"
            locations.put(f, id);
            return id;
        }

        private int intern(String s) {
            Integer i = strings.get(s);
            if (i != null) return i;
            strings.put(s, strings.size());
            return strings.size() - 1;
        }

        private ProtobufOutput valueType(String type, String unit) {
            return new ProtobufOutput().int64(VALUE_TYPE_TYPE, intern(type)).int64(VALUE_TYPE_UNIT, intern(unit));
        }

        private static ProtobufOutput label(long key, long str, long num) {
            return new ProtobufOutput().int64(LABEL_KEY, key).int64(LABEL_STR, str).int64(LABEL_NUM, num);
        }
    }

    /** The instant in nanoseconds since 1970, held to the int64 range. */
    static long epochNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
