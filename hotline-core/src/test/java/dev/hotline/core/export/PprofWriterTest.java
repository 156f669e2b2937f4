package dev.hotline.core.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.UnknownFieldSet;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pprof writer: golden file (compared gunzipped), the encoder against protobuf-java's, and every written
 * profile decoded as a {@code DynamicMessage} of the official profile.proto ({@link PprofProto}) and compared
 * with the Hotline profile it came from. Regenerate the golden file with {@code -Dexport.golden.update=true}
 * (see {@link FormatChecks}).
 */
class PprofWriterTest {
    private final PprofWriter writer = new PprofWriter();

    @Test
    void registered() {
        assertThat(ProfileFormats.byName("pprof")).isInstanceOf(PprofWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("GET.cpu.pb.gz"))).isInstanceOf(PprofWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("GET.cpu.pprof"))).isInstanceOf(PprofWriter.class);
    }

    @Test
    void golden() throws Exception {
        byte[] gz = FormatChecks.write(writer, SampleProfiles.golden());
        assertThat(FormatChecks.write(writer, SampleProfiles.golden())).as("same bytes every time").isEqualTo(gz);
        FormatChecks.assertGolden("golden.pb", PprofProto.gunzip(gz), false);
    }

    /** The hand-written encoder gives the bytes protobuf-java's encoder gives. */
    @Test
    void encoderAgreesWithProtobufJava() throws Exception {
        long[] values = {1, 127, 128, 150, 16_383, 16_384, Integer.MAX_VALUE, 1L << 35, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        ProtobufOutput ours = new ProtobufOutput();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream theirs = CodedOutputStream.newInstance(bytes);
        for (long v : values) {
            ours.int64(3, v);
            theirs.writeInt64(3, v);
        }
        ours.int64(4, 0).bool(5, false).bool(6, true); // proto3 leaves defaults out
        theirs.writeBool(6, true);
        for (String s : List.of("", "caf\u00e9 \uD83D\uDE00", "x".repeat(300))) {
            ours.string(7, s);
            theirs.writeString(7, s);
        }
        ours.packed(8, values, values.length);
        int length = 0;
        for (long v : values) length += CodedOutputStream.computeInt64SizeNoTag(v);
        theirs.writeTag(8, 2);
        theirs.writeUInt32NoTag(length);
        for (long v : values) theirs.writeInt64NoTag(v);
        ours.packed(9, values, 0);
        ours.message(10, new ProtobufOutput().int64(1, 42));
        theirs.writeByteArray(10, new byte[] {8, 42});
        theirs.flush();
        assertThat(ours.toByteArray()).isEqualTo(bytes.toByteArray());
    }

    /** Protobuf strings must be UTF-8: unpaired surrogates cannot pass, everything else does, unchanged. */
    @Test
    void hostileStringsAreValidUtf8() throws Exception {
        Profile p = SampleProfiles.hostile();
        UnknownFieldSet fields = UnknownFieldSet.parseFrom(PprofProto.gunzip(FormatChecks.write(writer, p)));
        List<ByteString> table = fields.getField(6).getLengthDelimitedList();
        assertThat(table.get(0).isEmpty()).isTrue();
        assertThat(table).allSatisfy(s -> assertThat(s.isValidUtf8()).as(s.toString()).isTrue());
        List<String> strings = table.stream().map(ByteString::toStringUtf8).toList();
        assertThat(strings).contains(utf8(p.threads().get(0)), utf8(p.request().path()), utf8(p.request().method()),
                utf8("com.acme." + SampleProfiles.HOSTILE + ".<init>"), utf8(SampleProfiles.HOSTILE));
        assertThat(utf8(SampleProfiles.HOSTILE)).contains("lone-high ? lone-low ?", "\uD83D\uDE00", "\n", "</script>");
    }

    @Test
    void officialProtoDecodesEveryProfile() throws Exception {
        Descriptor type = PprofProto.profileType();
        Profile empty = new ProfileBuilder().build("empty", new RequestInfo("GET", "/", null, 0, Instant.EPOCH, 0, null), "java", 1, false);
        for (Profile p : List.of(SampleProfiles.golden(), SampleProfiles.hostile(), empty, SampleProfiles.traced(SampleProfiles.golden()),
                SampleProfiles.big("/big", 3_000, Instant.parse("2026-03-04T05:06:07.089Z")))) {
            DynamicMessage m = DynamicMessage.parseFrom(type, PprofProto.gunzip(FormatChecks.write(writer, p)));
            assertThat(m.getUnknownFields().asMap()).as("fields profile.proto does not know").isEmpty();
            checkAgainst(p, m);
        }
    }

    @Test
    void goldenValuesAsPprofSeesThem() throws Exception {
        Descriptor type = PprofProto.profileType();
        DynamicMessage m = DynamicMessage.parseFrom(type, PprofProto.gunzip(FormatChecks.write(writer, SampleProfiles.golden())));
        List<String> strings = strings(m);
        assertThat(msgs(m, "function")).hasSize(9);
        assertThat(msgs(m, "location")).hasSize(11);
        assertThat(num(m, "time_nanos")).isEqualTo(1_795_256_130_123_000_000L);
        assertThat(num(m, "duration_nanos")).isEqualTo(17_912_345);
        assertThat(num(m, "period")).isEqualTo(1_000_000);
        assertThat(list(m, "comment")).extracting(i -> strings.get(((Long) i).intValue())).containsExactly(
                "hotline profile m3j7k2x1-00042: GET /orders/42?expand=items -> 200",
                "engine async-profiler, interval 1000000 ns, 18 samples, 19500000 ns sampled",
                "note: only 18 samples: shares are rough, repeat the request or lower the interval");
        DynamicMessage poll = msgs(m, "sample").get(1);
        assertThat(list(poll, "value")).containsExactly(12_000_000L, 12L);
        assertThat(list(poll, "location_id")).hasSize(5);
    }

    @Test
    void traceIds_asLabelsOfEverySampleAndAsComments() throws Exception {
        Profile p = SampleProfiles.traced(SampleProfiles.golden());
        DynamicMessage m = DynamicMessage.parseFrom(PprofProto.profileType(), PprofProto.gunzip(FormatChecks.write(writer, p)));
        List<String> strings = strings(m);
        assertThat(list(m, "comment")).extracting(i -> strings.get(((Long) i).intValue()))
                .contains("trace_id=" + SampleProfiles.TRACE_ID, "span_id=" + SampleProfiles.SPAN_ID);
        assertThat(msgs(m, "sample")).isNotEmpty().allSatisfy(sample -> {
            Map<String, String> labels = new HashMap<>();
            for (DynamicMessage l : msgs(sample, "label")) labels.put(strings.get((int) num(l, "key")), strings.get((int) num(l, "str")));
            assertThat(labels).containsEntry("trace_id", SampleProfiles.TRACE_ID).containsEntry("span_id", SampleProfiles.SPAN_ID);
        });
        DynamicMessage untraced = DynamicMessage.parseFrom(PprofProto.profileType(), PprofProto.gunzip(FormatChecks.write(writer, SampleProfiles.golden())));
        assertThat(strings(untraced)).noneMatch(s -> s.contains("trace_id") || s.contains("span_id"));
    }

    /** Everything a pprof reader sees, compared with the Hotline profile. */
    private static void checkAgainst(Profile p, DynamicMessage m) {
        List<String> s = strings(m);
        assertThat(s.get(0)).isEmpty();
        assertThat(msgs(m, "sample_type")).extracting(t -> s.get((int) num(t, "type")) + "/" + s.get((int) num(t, "unit")))
                .containsExactly("wall/nanoseconds", "samples/count");
        assertThat(s.get((int) num(m, "default_sample_type"))).isEqualTo("wall");
        DynamicMessage period = (DynamicMessage) m.getField(m.getDescriptorForType().findFieldByName("period_type"));
        assertThat(s.get((int) num(period, "type")) + "/" + s.get((int) num(period, "unit"))).isEqualTo("wall/nanoseconds");
        assertThat(num(m, "period")).isEqualTo(p.sampling().intervalNs());
        assertThat(num(m, "time_nanos")).isEqualTo(PprofWriter.epochNanos(p.request().start()));
        assertThat(num(m, "duration_nanos")).isEqualTo(p.request().durationNs());
        assertThat(list(m, "comment")).extracting(i -> s.get(((Long) i).intValue())).first().asString()
                .startsWith("hotline profile " + p.id() + ": ");

        List<DynamicMessage> mappings = msgs(m, "mapping");
        assertThat(mappings).hasSize(1);
        assertThat(num(mappings.get(0), "id")).isEqualTo(1);
        assertThat(mappings.get(0).getField(mappings.get(0).getDescriptorForType().findFieldByName("has_functions"))).isEqualTo(true);

        Map<Long, String> functions = new HashMap<>();
        for (DynamicMessage f : msgs(m, "function")) {
            assertThat(num(f, "system_name")).isEqualTo(num(f, "name"));
            assertThat(functions.put(num(f, "id"), s.get((int) num(f, "name")) + "|" + s.get((int) num(f, "filename")))).isNull();
        }
        Map<Long, String> locations = new HashMap<>();
        for (DynamicMessage l : msgs(m, "location")) {
            assertThat(num(l, "mapping_id")).isEqualTo(1);
            List<DynamicMessage> lines = msgs(l, "line");
            assertThat(lines).hasSize(1);
            String frame = functions.get(num(lines.get(0), "function_id")) + "|" + num(lines.get(0), "line");
            assertThat(locations.put(num(l, "id"), frame)).isNull();
        }
        Set<String> distinct = new HashSet<>();
        for (CallNode n : p.nodes()) if (n.frame() != null) distinct.add(describe(n.frame()));
        assertThat(new HashSet<>(locations.values())).as("one location per distinct frame").isEqualTo(distinct).hasSameSizeAs(locations.values());

        List<DynamicMessage> samples = msgs(m, "sample");
        assertThat(samples).hasSameSizeAs(p.samples());
        long ns = 0, count = 0;
        for (int i = 0; i < samples.size(); i++) {
            DynamicMessage sample = samples.get(i);
            ProfileSample expected = p.samples().get(i);
            List<String> stack = new ArrayList<>();
            for (Object id : list(sample, "location_id")) stack.add(locations.get((Long) id));
            List<String> leafFirst = new ArrayList<>();
            for (CallNode n = p.nodes().get(expected.node()); n.frame() != null; n = n.parent()) leafFirst.add(describe(n.frame()));
            assertThat(stack).as("sample %d of %s", i, p.id()).isEqualTo(leafFirst);
            assertThat(list(sample, "value")).containsExactly(expected.weightNs(), (long) expected.count());
            ns += expected.weightNs();
            count += expected.count();
            Map<String, Object> labels = new HashMap<>();
            for (DynamicMessage l : msgs(sample, "label")) {
                labels.put(s.get((int) num(l, "key")), num(l, "str") != 0 ? s.get((int) num(l, "str")) : (Object) num(l, "num"));
            }
            Map<String, Object> expectedLabels = new HashMap<>(Map.of("method", utf8(p.request().method()), "path", utf8(p.request().path()),
                    "status", (long) p.request().status(), "thread", utf8(p.threads().get(expected.thread()))));
            if (p.request().traceId() != null) expectedLabels.put("trace_id", p.request().traceId());
            if (p.request().spanId() != null) expectedLabels.put("span_id", p.request().spanId());
            assertThat(labels).isEqualTo(expectedLabels);
        }
        long valueNs = 0, valueCount = 0;
        for (DynamicMessage sample : samples) {
            valueNs += (Long) list(sample, "value").get(0);
            valueCount += (Long) list(sample, "value").get(1);
        }
        assertThat(valueNs).isEqualTo(ns).isEqualTo(p.sampling().sampledNs());
        assertThat(valueCount).isEqualTo(count).isEqualTo(p.sampling().sampleCount());
    }

    private static String describe(Frame f) {
        return utf8(f.qualifiedMethod()) + "|" + (f.fileName() == null ? "" : utf8(f.fileName())) + "|" + Math.max(0, f.line());
    }

    /** The string as it survives UTF-8: unpaired surrogates become {@code ?}. */
    private static String utf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static List<String> strings(DynamicMessage m) {
        return list(m, "string_table").stream().map(String.class::cast).toList();
    }

    private static long num(DynamicMessage m, String field) {
        return ((Number) m.getField(m.getDescriptorForType().findFieldByName(field))).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(DynamicMessage m, String field) {
        return (List<Object>) m.getField(m.getDescriptorForType().findFieldByName(field));
    }

    private static List<DynamicMessage> msgs(DynamicMessage m, String field) {
        return list(m, field).stream().map(DynamicMessage.class::cast).toList();
    }
}
