package dev.hotline.core.format;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hotline.core.format.SampleProfiles.HOSTILE;
import static dev.hotline.core.format.SampleProfiles.assertSameProfile;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileJsonRoundTripTest {

    @Test
    void roundTrip_rebuildsTheSameProfile() throws Exception {
        Profile original = SampleProfiles.hostile();
        String json = ProfileJson.toJson(original);
        Profile read = ProfileJson.fromJson(json);
        assertSameProfile(read, original);
        assertThat(ProfileJson.toJson(read)).isEqualTo(json);
    }

    @Test
    void roundTrip_keepsTheTreeLinked() throws Exception {
        Profile read = ProfileJson.fromJson(ProfileJson.toJson(SampleProfiles.hostile()));
        for (CallNode n : read.nodes()) {
            for (CallNode c : n.children()) assertThat(c.parent()).isSameAs(n);
            if (n.parent() != null) assertThat(n.parent().children()).contains(n);
        }
        // walk -> walk -> walk: recursion is a chain of distinct nodes with the same frame
        CallNode node = read.root().children().get(0).children().get(0);
        assertThat(node.frame().methodName()).isEqualTo("walk");
        assertThat(node.children()).extracting(c -> c.frame().methodName()).contains("walk");
    }

    @Test
    void recursion_countsLineTotalOncePerSample() throws Exception {
        Profile read = ProfileJson.fromJson(ProfileJson.toJson(SampleProfiles.hostile()));
        LineStats walk = read.lines().stream().filter(l -> l.frame().methodName().equals("walk")).findFirst().orElseThrow();
        // samples with walk on the stack: 1 ms (three times on the stack) + 2 ms (twice) + 1 ms + 5 ms
        assertThat(walk.totalNs()).isEqualTo(9_000_000);
        assertThat(walk.hits()).isEqualTo(40);
    }

    @Test
    void hostileStrings_areEscapedForJsonAndHtml() {
        String json = ProfileJson.toJson(SampleProfiles.hostile());
        assertThat(json).doesNotContain("</script>", "<!--", "\u2028", "\u2029", "\u0000", "\u007f");
        assertThat(json).contains("<\\/script>", "\\u003c!--", "\\u2028", "\\u2029", "\\u0000", "\\u001f", "\\\"quoted\\\"",
                "\\\\back\\\\slash", "\\t", "\\n", "\\r", "\\ud800", "\\udc00");
        assertThat(json).contains("\uD83D\uDE00", "caf\u00e9"); // valid characters stay readable
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x20) assertThat(c).as("raw control character at %d", i).isEqualTo('\n');
            if (Character.isHighSurrogate(c)) {
                assertThat(Character.isLowSurrogate(json.charAt(++i))).as("surrogate pair at %d", i).isTrue();
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
            }
        }
    }

    @Test
    void writeToStream_isUtf8AndReadableFromAFile(@TempDir Path dir) throws Exception {
        Profile original = SampleProfiles.hostile();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProfileJson.write(original, bytes);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(ProfileJson.toJson(original));
        Path file = dir.resolve("p.json");
        Files.write(file, bytes.toByteArray());
        assertSameProfile(ProfileJson.read(file), original);
    }

    @Test
    void goldenProfile_roundTripsUnchanged() throws Exception {
        Profile original = SampleProfiles.golden();
        Profile read = ProfileJson.fromJson(ProfileJson.toJson(original));
        assertSameProfile(read, original);
        assertThat(read.root().children()).extracting(CallNode::id).containsExactly(1, 10);
    }

    @Test
    void childrenOrder_isHottestFirstAsTheBuilderGivesIt() throws Exception {
        Frame a = new Frame("A", "a", "A.java", 1), b = new Frame("B", "b", "B.java", 2);
        ProfileBuilder builder = new ProfileBuilder();
        int t = builder.thread("main");
        Profile p = builder
                .sample(t, 0, 1, 1, new Frame[] {a})      // node 1, cooler
                .sample(t, 1, 5, 1, new Frame[] {b})      // node 2, hotter
                .build("x", SampleProfiles.golden().request(), "java", 1, false);
        assertThat(p.root().children()).extracting(CallNode::id).containsExactly(2, 1);
        Profile read = ProfileJson.fromJson(ProfileJson.toJson(p));
        assertThat(read.root().children()).extracting(CallNode::id).containsExactly(2, 1);
    }

    @Test
    void hitsAndCalls_writtenOnlyWhenCounted() {
        String golden = ProfileJson.toJson(SampleProfiles.golden());
        assertThat(golden).doesNotContain("\"hits\"", "\"calls\"");
        assertThat(ProfileJson.toJson(SampleProfiles.hostile())).contains("\"hits\": 40");
    }

    @Test
    void unknownMembers_areIgnored() throws Exception {
        String json = ProfileJson.toJson(SampleProfiles.golden())
                .replace("\"id\":", "\"futureTopLevel\": {\"deep\": [1, 2.5e10, null, true]}, \"id\":")
                .replace("\"method\": \"GET\"", "\"method\": \"GET\", \"tenant\": \"abc\"")
                .replace("\"line\": 840}", "\"line\": 840, \"column\": 3}")
                .replace("[0, 1000000, 1000000, 1, 3]", "[0, 1000000, 1000000, 1, 3, \"extra\"]");
        assertSameProfile(ProfileJson.fromJson(json), SampleProfiles.golden());
    }

    @Test
    void traceAndSpanIds_roundTrip_andMalformedOnesAreDropped() throws Exception {
        Profile traced = SampleProfiles.traced(SampleProfiles.golden());
        String json = ProfileJson.toJson(traced);
        assertThat(json).contains("\"traceId\": \"" + SampleProfiles.TRACE_ID + "\", \"spanId\": \"" + SampleProfiles.SPAN_ID + "\"");
        assertSameProfile(ProfileJson.fromJson(json), traced);
        assertThat(ProfileJson.toJson(SampleProfiles.golden())).doesNotContain("traceId", "spanId");

        Profile upper = ProfileJson.fromJson(json.replace(SampleProfiles.TRACE_ID, SampleProfiles.TRACE_ID.toUpperCase()));
        assertThat(upper.request().traceId()).isEqualTo(SampleProfiles.TRACE_ID);
        Profile badSpan = ProfileJson.fromJson(json.replace(SampleProfiles.SPAN_ID, "0000000000000000"));
        assertThat(badSpan.request().traceId()).isEqualTo(SampleProfiles.TRACE_ID);
        assertThat(badSpan.request().spanId()).isNull();
        Profile badTrace = ProfileJson.fromJson(json.replace(SampleProfiles.TRACE_ID, "abc"));
        assertThat(badTrace.request().traceId()).isNull();
        assertThat(badTrace.request().spanId()).isNull();
    }

    @Test
    void emptyProfile_roundTrips() throws Exception {
        Profile empty = new ProfileBuilder()
                .build("e", SampleProfiles.golden().request(), "java", 1_000_000, false);
        String json = ProfileJson.toJson(empty);
        assertThat(json).contains("\"frames\": []", "\"samples\": []");
        assertSameProfile(ProfileJson.fromJson(json), empty);
    }
}
