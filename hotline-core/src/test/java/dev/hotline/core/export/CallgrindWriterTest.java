package dev.hotline.core.export;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hotline.core.export.CheckoutFixture.MS;
import static dev.hotline.core.export.CheckoutFixture.f;
import static org.assertj.core.api.Assertions.assertThat;

/** The callgrind file's shape and costs, read back by the small reader below (no external tool needed). */
class CallgrindWriterTest {
    private static final Pattern LINE = Pattern.compile("(#.*|version: 1|creator: hotline|cmd: .*|desc: .*"
            + "|positions: line|event: .*|events: Wall_ns Samples|(c?fl|c?fn)=\\((\\d+)\\)( .*)?|calls=\\d+ \\d+"
            + "|\\d+ \\d+ \\d+|(totals|summary): \\d+ \\d+|)");

    @Test
    void isRegisteredByNameAndExtension() {
        assertThat(ProfileFormats.byName("callgrind")).isInstanceOf(CallgrindWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("out/checkout.callgrind"))).isInstanceOf(CallgrindWriter.class);
    }

    @Test
    void matchesTheGoldenFile() throws IOException {
        CheckoutFixture.assertGolden("checkout.callgrind", CheckoutFixture.bytes(new CallgrindWriter(), CheckoutFixture.checkout()));
    }

    @Test
    void startsWithTheHeaderEndingInTheEventsLine() {
        String[] lines = CallgrindWriter.render(CheckoutFixture.checkout()).split("\n");
        assertThat(lines[1]).isEqualTo("version: 1");
        assertThat(lines[2]).isEqualTo("creator: hotline");
        assertThat(lines[3]).isEqualTo("cmd: GET /checkout?cart=42");
        assertThat(List.of(lines)).contains("positions: line", "events: Wall_ns Samples");
        int events = List.of(lines).indexOf("events: Wall_ns Samples");
        assertThat(lines[events + 1]).isEqualTo("summary: 106000000 106");
        assertThat(lines[events + 2]).isEmpty();
        assertThat(lines[events + 3]).startsWith("fl=");
    }

    @Test
    void everyLineFollowsTheGrammarAndNamesAreDefinedOnce() {
        for (Profile p : List.of(CheckoutFixture.checkout(), CheckoutFixture.hostile())) {
            String text = CallgrindWriter.render(p);
            Set<String> defined = new HashSet<>();
            String previous = "";
            for (String line : text.split("\n", -1)) {
                Matcher m = LINE.matcher(line);
                assertThat(m.matches()).as("line %s", line).isTrue();
                if (m.group(2) != null) {
                    String id = m.group(2).replace("c", "") + m.group(3);
                    if (m.group(4) != null) assertThat(defined.add(id)).as("defined once: %s", line).isTrue();
                    else assertThat(defined).as("defined before use: %s", line).contains(id);
                }
                if (previous.startsWith("calls=")) assertThat(line).as("cost after %s", previous).matches("\\d+ \\d+ \\d+");
                previous = line;
            }
        }
    }

    @Test
    void hostileNamesCannotAddLines() {
        String text = CallgrindWriter.render(CheckoutFixture.hostile());
        assertThat(text).contains(") E\\nvil.java\n").doesNotContain("\nvil.java");
        assertThat(text.lines().filter(l -> l.startsWith("fn=("))).hasSize(3);
    }

    @Test
    void callsIntoRecursionCostNothingSoCallersAddUpToEachMethodsTotal() {
        Profile p = CheckoutFixture.checkout();
        Map<String, long[]> in = incoming(CallgrindWriter.render(p));
        for (MethodStats m : p.methods()) {
            assertThat(in.get(m.method().qualifiedMethod())).as(m.method().qualifiedMethod())
                    .containsExactly(m.totalNs(), m.samples());
        }
    }

    @Test
    void mutualAndDirectRecursionKeepEachMethodAtItsTimeOnTheStack() {
        Frame a1 = f("x.A", "a", "A.java", 1), a2 = f("x.A", "a", "A.java", 2);
        Frame b1 = f("x.B", "b", "B.java", 5);
        ProfileBuilder b = new ProfileBuilder();
        b.sample(0, 0, 3 * MS, 1, new Frame[] {a1, b1, a2, b1, a2});
        b.sample(0, 3 * MS, 2 * MS, 1, new Frame[] {b1, a2, a2, a2});
        b.sample(0, 5 * MS, MS, 1, new Frame[] {a2});
        Profile p = b.build("r", new RequestInfo("GET", "/r", null, 200, CheckoutFixture.START, 6 * MS, null), "java", MS, false);
        Map<String, long[]> in = incoming(CallgrindWriter.render(p));
        assertThat(in.get("x.A.a")).containsExactly(6 * MS, 3);
        assertThat(in.get("x.B.b")).containsExactly(5 * MS, 2);
    }

    @Test
    void writesAnEmptyProfile() {
        Profile p = new ProfileBuilder().build("e", new RequestInfo("GET", "/", null, 204, CheckoutFixture.START, 1, null),
                "java", MS, false);
        assertThat(CallgrindWriter.render(p)).contains("fn=(1) [request]\n").endsWith("\ntotals: 0 0\n");
    }

    /** Sums the cost lines after each call by callee name: what a reader takes as a function's inclusive cost. */
    private static Map<String, long[]> incoming(String text) {
        Map<String, String> names = new HashMap<>();
        Map<String, long[]> sums = new HashMap<>();
        String callee = null;
        boolean call = false;
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).isTrue();
            if (m.group(2) != null && m.group(2).endsWith("fn")) {
                if (m.group(4) != null) names.put(m.group(3), m.group(4).substring(1));
                if (m.group(2).equals("cfn")) callee = names.get(m.group(3));
            } else if (line.startsWith("calls=")) {
                call = true;
            } else if (call) {
                String[] c = line.split(" ");
                long[] sum = sums.computeIfAbsent(callee, k -> new long[2]);
                sum[0] += Long.parseLong(c[1]);
                sum[1] += Long.parseLong(c[2]);
                call = false;
            }
        }
        return sums;
    }
}
