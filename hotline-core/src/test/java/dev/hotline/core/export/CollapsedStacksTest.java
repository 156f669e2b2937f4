package dev.hotline.core.export;

import dev.hotline.core.format.ProfileFormatException;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Folded stacks: golden files of both variants, read back by {@link CollapsedStacks#read} and compared stack by
 * stack with the profile, hostile names, and malformed input. Regenerate the golden files with
 * {@code -Dexport.golden.update=true} (see {@link FormatChecks}).
 */
class CollapsedStacksTest {
    private static final long MS = 1_000_000;

    @TempDir
    Path tmp;

    @Test
    void registered() {
        assertThat(ProfileFormats.byName("collapsed")).isInstanceOf(CollapsedWriter.class);
        assertThat(ProfileFormats.byName("collapsed-lines").name()).isEqualTo("collapsed-lines");
        assertThat(ProfileFormats.forFile(Path.of("a.collapsed")).name()).isEqualTo("collapsed");
        assertThat(ProfileFormats.forFile(Path.of("a.folded")).name()).isEqualTo("collapsed");
        assertThat(ProfileFormats.forFile(Path.of("GET.orders.lines.folded")).name()).isEqualTo("collapsed-lines");
        assertThat(ProfileFormats.forFile(Path.of("GET.orders.lines.collapsed")).name()).isEqualTo("collapsed-lines");
    }

    @Test
    void golden() throws Exception {
        Profile p = SampleProfiles.golden();
        FormatChecks.assertGolden("golden.collapsed", FormatChecks.write(new CollapsedWriter(false), p), true);
        FormatChecks.assertGolden("golden-lines.collapsed", FormatChecks.write(new CollapsedWriter(true), p), true);
    }

    @Test
    void goldenReadsAsFlameGraphExpects() {
        String text = FormatChecks.text(new CollapsedWriter(true), SampleProfiles.golden());
        assertThat(text).contains("java.lang.Thread.run:840;com.acme.shop.OrderServlet.doGet:31;com.acme.shop.OrderService.find:58;"
                + "com.acme.shop.OrderRepository.load:77;sun.nio.ch.Net.poll 12\n");
        // two samples of the same stack make one line
        assertThat(text).contains(";com.acme.shop.OrderService$$Lambda.apply;com.acme.shop.PriceRules.apply:19 2\n");
        assertThat(text.lines()).isSortedAccordingTo(String::compareTo).hasSize(6);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readBackGivesTheProfilesStacksAndCounts(boolean lines) throws Exception {
        for (Profile p : List.of(SampleProfiles.golden(), SampleProfiles.big("/big", 2_000, Instant.EPOCH))) {
            String text = FormatChecks.text(new CollapsedWriter(lines), p);
            Profile back = CollapsedStacks.read(new StringReader(text), "golden.collapsed", MS);
            assertThat(counts(back, lines)).isEqualTo(counts(p, lines));
            assertThat(back.sampling().sampleCount()).isEqualTo(p.sampling().sampleCount());
            assertThat(back.sampling().sampledNs()).isEqualTo(p.sampling().sampleCount() * MS);
            assertThat(back.request().method()).isEqualTo("GET");
            assertThat(back.request().path()).isEqualTo("golden.collapsed");
            assertThat(back.request().status()).isZero();
            assertThat(back.threads()).containsExactly("folded stacks");
            assertThat(FormatChecks.text(new CollapsedWriter(lines), back)).isEqualTo(text);
        }
    }

    @Test
    void hostileNamesCannotBreakALine() throws Exception {
        Profile p = SampleProfiles.hostile();
        for (boolean lines : new boolean[] {false, true}) {
            String text = FormatChecks.text(new CollapsedWriter(lines), p);
            // every line is frames, one space, a count; nothing else can end a line early
            assertThat(text).doesNotContain("\r", "\u2028", "\u2029", "\u0085", "\u0000").endsWith("\n");
            assertThat(text.split("\n", -1)).hasSize(4 + 1);
            for (String line : text.split("\n")) {
                assertThat(line).matches("[^;]+(;[^;]+)* [0-9]+");
            }
            Profile back = CollapsedStacks.read(new StringReader(text), "hostile", 1);
            assertThat(FormatChecks.text(new CollapsedWriter(lines), back)).isEqualTo(text);
            Frame hostile = p.nodes().get(1).frame();
            Frame read = back.nodes().get(1).frame();
            assertThat(read.className()).isEqualTo(CollapsedStacks.frameName(hostile, false).replace(".<init>", ""));
            assertThat(read.className()).startsWith("com.acme.</script><!-- \"quoted\" \\back\\slash _nul ___ tab_ nl_ cr_ _ls _ps emoji \uD83D\uDE00 lone-high _ lone-low _");
            assertThat(read.methodName()).isEqualTo("<init>");
            assertThat(read.line()).isEqualTo(lines ? 7 : -1);
        }
        assertThat(CollapsedStacks.frameName(new Frame("a;b", "c\nd", null, 3), true)).isEqualTo("a_b.c_d:3");
    }

    @Test
    void emptyStacksAreLeftOut() {
        // the hostile profile has one sample with no frame
        assertThat(SampleProfiles.hostile().samples()).anyMatch(s -> s.node() == 0);
        assertThat(FormatChecks.text(new CollapsedWriter(false), SampleProfiles.hostile())).doesNotStartWith(" ").doesNotContain("\n ");
    }

    @Test
    void readsFoldedStacksFromOtherTools() throws Exception {
        String text = "java.lang.Thread.run;com.acme.Main.main:12;[unknown] 3\r\n"
                + "\n"
                + "main;with space in it;leaf  0\n"
                + "java.lang.Thread.run;com.acme.Main.main:12\t4   \n"
                + " 2\n";
        Profile p = CollapsedStacks.read(new StringReader(text), "perf.folded", 10);
        assertThat(p.sampling().sampleCount()).isEqualTo(9);
        assertThat(p.sampling().sampledNs()).isEqualTo(90);
        assertThat(p.samples()).extracting(ProfileSample::count).containsExactly(3, 4, 2);
        assertThat(p.samples()).extracting(ProfileSample::offsetNs).containsExactly(30L, 70L, 90L);
        assertThat(p.samples().get(2).node()).isZero(); // no frame
        CallNode unknown = p.nodes().get(p.samples().get(0).node());
        assertThat(unknown.frame()).isEqualTo(new Frame("", "[unknown]", null, -1));
        assertThat(unknown.parent().frame()).isEqualTo(new Frame("com.acme.Main", "main", null, 12));
        assertThat(unknown.parent().parent().frame()).isEqualTo(new Frame("java.lang.Thread", "run", null, -1));
        assertThat(p.request().durationNs()).isEqualTo(90);
        assertThat(p.id()).matches("[0-9a-z-]+");
    }

    @Test
    void readsAFile() throws Exception {
        Path f = tmp.resolve("checkout.folded");
        Files.writeString(f, "a.B.c;a.B.d:7 5\n", StandardCharsets.UTF_8);
        Profile p = CollapsedStacks.read(f, MS);
        assertThat(p.request().path()).isEqualTo("checkout.folded");
        assertThat(p.lines()).extracting(l -> l.frame().toString()).contains("a.B.d(Unknown Source:7)");

        Files.writeString(f, "a.B.c 5\nbroken\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CollapsedStacks.read(f, MS)).isInstanceOf(ProfileFormatException.class)
                .hasMessage("checkout.folded: line 2: no sample count at the end: broken");
    }

    @Test
    void malformedLines() {
        assertThat(error("a;b\n")).isEqualTo("line 1: no sample count at the end: a;b");
        assertThat(error("a;b 1.5\n")).isEqualTo("line 1: no sample count at the end: a;b 1.5");
        assertThat(error("a;b -1\n")).isEqualTo("line 1: no sample count at the end: a;b -1");
        assertThat(error("a 1\nb 99999999999\n")).isEqualTo("line 2: count too large: 99999999999");
        assertThat(error("x\u001b[2J 1x\n")).isEqualTo("line 1: no sample count at the end: x_[2J 1x");
        assertThatThrownBy(() -> CollapsedStacks.read(new StringReader("a 2147483647\n"), "s", Long.MAX_VALUE / 2))
                .isInstanceOf(ProfileFormatException.class).hasMessageContaining("line 1: total time");
        assertThatThrownBy(() -> CollapsedStacks.read(new StringReader(""), "s", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyInputIsAnEmptyProfile() throws Exception {
        Profile p = CollapsedStacks.read(new StringReader(""), "nothing", MS);
        assertThat(p.samples()).isEmpty();
        StringWriter w = new StringWriter();
        CollapsedStacks.write(p, w, true);
        assertThat(w.toString()).isEmpty();
    }

    private static String error(String text) {
        try {
            CollapsedStacks.read(new StringReader(text), "s", MS);
        } catch (ProfileFormatException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for " + text);
    }

    /** Sample counts per stack of (class, method, line), root first; line -1 without lines. Empty stacks left out. */
    private static Map<List<String>, Long> counts(Profile p, boolean lines) {
        Map<List<String>, Long> counts = new HashMap<>();
        for (ProfileSample s : p.samples()) {
            List<String> stack = new ArrayList<>();
            for (CallNode n = p.nodes().get(s.node()); n.frame() != null; n = n.parent()) {
                Frame f = n.frame();
                stack.add(0, f.className() + "|" + f.methodName() + "|" + (lines ? f.line() : -1));
            }
            if (!stack.isEmpty()) counts.merge(stack, (long) s.count(), Long::sum);
        }
        return counts;
    }
}
