package dev.hotline.core.export;

import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.format.StrictJson;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.ProfileSample;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The speedscope writer: golden file, the timelines rebuilt from the events, hostile strings, and every written
 * file checked by speedscope's own schema under Node ({@link SpeedscopeSchema}). Regenerate the golden file with
 * {@code -Dexport.golden.update=true} (see {@link FormatChecks}).
 */
class SpeedscopeWriterTest {
    private final SpeedscopeWriter writer = new SpeedscopeWriter();

    @TempDir
    Path tmp;

    @Test
    void registered() {
        assertThat(ProfileFormats.byName("speedscope")).isInstanceOf(SpeedscopeWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("out/GET.orders.speedscope.json"))).isInstanceOf(SpeedscopeWriter.class);
    }

    @Test
    void golden() throws Exception {
        FormatChecks.assertGolden("golden.speedscope.json", FormatChecks.write(writer, SampleProfiles.golden()), true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fileNamesFramesAndProfiles() throws Exception {
        Profile p = SampleProfiles.golden();
        Map<String, Object> doc = parse(p);
        assertThat(doc.get("$schema")).isEqualTo("https://www.speedscope.app/file-format-schema.json");
        assertThat(doc.get("name")).isEqualTo("GET /orders/42");
        assertThat(doc.get("exporter")).isEqualTo("hotline");
        assertThat(doc.get("activeProfileIndex")).isEqualTo(0L);
        List<Map<String, Object>> frames = frames(doc);
        assertThat(frames).hasSize(11);
        assertThat(frames.get(0)).containsExactly(Map.entry("name", "java.lang.Thread.run:840"),
                Map.entry("file", "Thread.java"), Map.entry("line", 840L));
        // no line: no ":line" and no "line"; no file: no "file"
        assertThat(frames).anySatisfy(f -> assertThat(f).containsExactly(Map.entry("name", "sun.nio.ch.Net.poll"), Map.entry("file", "Net.java")));
        assertThat(frames).anySatisfy(f -> assertThat(f).containsOnlyKeys("name")
                .containsEntry("name", "com.acme.shop.OrderService$$Lambda.apply"));

        List<Map<String, Object>> profiles = (List<Map<String, Object>>) doc.get("profiles");
        assertThat(profiles).extracting(m -> m.get("type")).containsExactly("evented", "evented", "sampled");
        assertThat(profiles).extracting(m -> m.get("name")).containsExactly("GET /orders/42 \u2014 http-nio-8080-exec-1",
                "GET /orders/42 \u2014 ForkJoinPool.commonPool-worker-1", "GET /orders/42 \u2014 all threads");
        assertThat(profiles).allSatisfy(m -> assertThat(m.get("unit")).isEqualTo("nanoseconds"));
        assertThat(profiles.get(0).get("endValue")).isEqualTo(17_600_000L);
        assertThat(profiles.get(1).get("endValue")).isEqualTo(15_700_000L);

        Map<String, Object> sampled = profiles.get(2);
        assertThat((List<Long>) sampled.get("weights")).containsExactlyElementsOf(
                p.samples().stream().map(ProfileSample::weightNs).toList());
        assertThat(((List<Long>) sampled.get("weights")).stream().mapToLong(Long::longValue).sum()).isEqualTo(p.sampling().sampledNs());
        assertThat(sampled.get("endValue")).isEqualTo(p.sampling().sampledNs());
        List<List<Long>> samples = (List<List<Long>>) sampled.get("samples");
        for (int i = 0; i < p.samples().size(); i++) {
            assertThat(names(frames, samples.get(i))).as("sample %d", i).isEqualTo(stackNames(p, p.samples().get(i).node()));
        }
    }

    /** Replaying each thread's events gives, for every stack, the time its samples stand for. */
    @Test
    void traceId_inTheFileName() throws Exception {
        assertThat(parse(SampleProfiles.traced(SampleProfiles.golden())).get("name"))
                .isEqualTo("GET /orders/42 trace_id=" + SampleProfiles.TRACE_ID);
    }

    @Test
    void eventsReplayToTheSampleWeights() throws Exception {
        for (Profile p : List.of(SampleProfiles.golden(), SampleProfiles.hostile(), SampleProfiles.big("/big", 500, Instant.EPOCH))) {
            Map<String, Object> doc = parse(p);
            List<Map<String, Object>> frames = frames(doc);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> profiles = (List<Map<String, Object>>) doc.get("profiles");
            for (int t = 0; t < p.threads().size(); t++) {
                Map<List<String>, Long> expected = new HashMap<>();
                for (ProfileSample s : p.samples()) {
                    List<String> stack = stackNames(p, s.node());
                    if (s.thread() == t && s.weightNs() > 0 && !stack.isEmpty()) expected.merge(stack, s.weightNs(), Long::sum);
                }
                assertThat(replay(profiles.get(t), frames)).as("thread %d of %s", t, p.id()).isEqualTo(expected);
            }
        }
    }

    @Test
    void gapsBetweenSegmentsCloseEveryFrame() throws Exception {
        Frame a = new Frame("A", "a", "A.java", 1);
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("pool-1");
        b.sample(t, 1_000, 1_000, 1, new Frame[] {a});
        b.sample(t, 50_000, 1_000, 1, new Frame[] {a}); // the thread came back to the request later
        Profile p = b.build("gap", new RequestInfo("GET", "/", null, 200, Instant.EPOCH, 60_000, null), "java", 1_000, false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((List<Map<String, Object>>) parse(p).get("profiles")).get(0).get("events");
        assertThat(events).extracting(e -> e.get("type") + "@" + e.get("at")).containsExactly("O@0", "C@1000", "O@49000", "C@50000");
    }

    @Test
    void hostileStringsStayValidJson() throws Exception {
        Profile p = SampleProfiles.hostile();
        String json = FormatChecks.text(writer, p);
        assertThat(json).doesNotContain("</script", "<!--", "\u2028", "\u2029");
        Map<String, Object> doc = parse(p);
        List<String> names = frames(doc).stream().map(f -> (String) f.get("name")).toList();
        for (CallNode n : p.nodes()) {
            if (n.frame() != null) assertThat(names).contains(name(n.frame()));
        }
        assertThat(frames(doc)).anySatisfy(f -> assertThat(f.get("file")).isEqualTo(SampleProfiles.HOSTILE));
        assertThat(doc.get("name")).isEqualTo(p.request().method() + " " + p.request().path());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> profiles = (List<Map<String, Object>>) doc.get("profiles");
        assertThat(profiles.get(0).get("name")).isEqualTo(p.request().method() + " " + p.request().path() + " \u2014 " + p.threads().get(0));
    }

    @Test
    void emptyProfile() throws Exception {
        Profile p = new ProfileBuilder().build("empty", new RequestInfo("GET", "/", null, 200, Instant.EPOCH, 0, null), "java", 1_000, false);
        Map<String, Object> doc = parse(p);
        assertThat(frames(doc)).isEmpty();
        assertThat((List<?>) doc.get("profiles")).hasSize(1);
    }

    /** Every file above, checked by speedscope's schema; a broken file must fail, or the check proves nothing. */
    @Test
    void speedscopeSchemaAcceptsEveryFile() throws Exception {
        SpeedscopeSchema.requireValidator();
        List<Path> files = new ArrayList<>();
        Profile empty = new ProfileBuilder().build("empty", new RequestInfo("GET", "/", null, 0, Instant.EPOCH, 0, null), "java", 1, false);
        for (Profile p : List.of(SampleProfiles.golden(), SampleProfiles.hostile(), empty,
                SampleProfiles.big("/big", 3_000, Instant.EPOCH))) {
            Path f = tmp.resolve(p.id() + ".speedscope.json");
            Files.write(f, FormatChecks.write(writer, p));
            files.add(f);
        }
        FormatChecks.Result r = SpeedscopeSchema.validate(files);
        assertThat(r.exitCode()).as(SpeedscopeSchema.describe(r)).isZero();
        assertThat(r.output().lines().filter(l -> l.startsWith("ok "))).hasSize(files.size());

        String golden = Files.readString(files.get(0), StandardCharsets.UTF_8);
        Path badSchema = tmp.resolve("bad-schema.json");
        Files.writeString(badSchema, golden.replace("\"unit\": \"nanoseconds\"", "\"unit\": \"ticks\""));
        Path unbalanced = tmp.resolve("unbalanced.json");
        Files.writeString(unbalanced, golden.replaceFirst("\\{\"type\": \"C\", \"frame\": \\d+, \"at\": \\d+},", ""));
        for (Path bad : List.of(badSchema, unbalanced)) {
            FormatChecks.Result rejected = SpeedscopeSchema.validate(List.of(bad));
            assertThat(rejected.exitCode()).as(SpeedscopeSchema.describe(rejected)).isEqualTo(1);
            assertThat(rejected.output()).startsWith("FAIL ");
        }
    }

    // --- helpers ---

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(Profile p) throws Exception {
        return (Map<String, Object>) StrictJson.parse(FormatChecks.text(writer, p));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> frames(Map<String, Object> doc) {
        return (List<Map<String, Object>>) ((Map<String, Object>) doc.get("shared")).get("frames");
    }

    private static String name(Frame f) {
        return f.qualifiedMethod() + (f.line() > 0 ? ":" + f.line() : "");
    }

    private static List<String> stackNames(Profile p, int node) {
        List<String> names = new ArrayList<>();
        for (CallNode n = p.nodes().get(node); n.frame() != null; n = n.parent()) names.add(0, name(n.frame()));
        return names;
    }

    private static List<String> names(List<Map<String, Object>> frames, List<Long> indices) {
        return indices.stream().map(i -> (String) frames.get(i.intValue()).get("name")).toList();
    }

    /** Time spent with each stack on top, from open and close events. */
    private static Map<List<String>, Long> replay(Map<String, Object> profile, List<Map<String, Object>> frames) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) profile.get("events");
        Map<List<String>, Long> time = new HashMap<>();
        List<Long> open = new ArrayList<>();
        long last = 0;
        for (Map<String, Object> e : events) {
            long at = (Long) e.get("at");
            if (at > last && !open.isEmpty()) time.merge(names(frames, List.copyOf(open)), at - last, Long::sum);
            last = at;
            if ("O".equals(e.get("type"))) {
                open.add((Long) e.get("frame"));
            } else {
                assertThat(open.remove(open.size() - 1)).isEqualTo(e.get("frame"));
            }
        }
        assertThat(open).isEmpty();
        return time;
    }
}
