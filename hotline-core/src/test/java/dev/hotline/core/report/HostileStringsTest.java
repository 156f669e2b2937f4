package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static dev.hotline.core.report.TestProfiles.MS;
import static dev.hotline.core.report.TestProfiles.START;
import static dev.hotline.core.report.TestProfiles.add;
import static dev.hotline.core.report.TestProfiles.f;
import static dev.hotline.core.report.TestProfiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles can be read back from files anyone could have written: names carrying newlines, escape sequences
 * or bidi controls must come out as visible escapes, never as forged lines or terminal commands.
 */
class HostileStringsTest {
    private static final String ESC = "\u001b";

    @TempDir
    Path tmp;

    private Profile hostile() {
        ProfileBuilder b = new ProfileBuilder();
        Frame evil = f("com.acme.Evil\nFAKE LINE", "run" + ESC + "[2J" + ESC + "]0;pwned\u0007", "Evil.java\r", 3);
        Frame bidi = f("com.acme.Bidi", "check\u202Eexit\u2066", "Bidi.java", 4);
        Frame code = f("com.acme.Code", "run", "Code.java", 2);
        add(b, 10, stack(evil, f("com.acme.App", "main", "App.java", 1)));
        add(b, 5, stack(bidi, f("com.acme.App", "main", "App.java", 1)));
        add(b, 5, stack(code, f("com.acme.App", "main", "App.java", 1)));
        b.note("note\nFAKE NOTE" + ESC + "[31m");
        return b.build("p1", new RequestInfo("GET" + ESC + "[1m", "/x\r\nX-Fake: 1\u0085\u009b31m", "a=\u0000", 200, START,
                20 * MS, "java.lang.Error\nFAKE"), "java\n", MS, false);
    }

    @Test
    void everyReportEscapesControlCharacters() throws IOException {
        Path src = tmp.resolve("com/acme/Code.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "class Code {\n    String s = \"" + ESC + "[31mred\u202E\";\u000b\n}\n", StandardCharsets.UTF_8);
        ReportOptions o = ReportOptions.builder().sourcePaths(List.of(tmp)).build();
        String text = TextReports.render(hostile(), o, new SourceLocator(o.sourcePaths(), null),
                EnumSet.allOf(TextReports.Kind.class));

        for (char c : text.toCharArray()) {
            if (c == '\n') continue;
            assertThat(Text.hostile(c)).as("character U+%04X in%n%s", (int) c, text).isFalse();
        }
        for (String line : text.split("\n")) {
            assertThat(line).doesNotStartWith("FAKE").doesNotStartWith("X-Fake");
        }
        assertThat(text).contains("com.acme.Evil\\nFAKE LINE.run\\u001b[2J\\u001b]0;pwned\\u0007");
        assertThat(text).contains("Evil.java\\r:3");
        assertThat(text).contains("check\\u202eexit\\u2066");
        assertThat(text).contains("GET\\u001b[1m /x\\r\\nX-Fake: 1\\u0085\\u009b31m?a=\\u0000");
        assertThat(text).contains("Note: note\\nFAKE NOTE\\u001b[31m");
        assertThat(text).contains("error=java.lang.Error\\nFAKE").contains("engine=java\\n");
        assertThat(text).contains("String s = \"\\u001b[31mred\\u202e\";\\u000b");
    }

    @Test
    void fileNamesThatClimbOutOfTheSourceRootAreNeverRead() throws IOException {
        Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET\n");
        Path root = tmp.resolve("src");
        Files.createDirectories(root.resolve("com/acme"));
        ProfileBuilder b = new ProfileBuilder();
        add(b, 3, stack(f("com.acme.X", "run", "../../secret.txt", 1)));
        Profile p = TestProfiles.build(b, 3 * MS);
        ReportOptions o = ReportOptions.builder().sourcePaths(List.of(root)).build();
        String text = new LineTableReport(o, new SourceLocator(o.sourcePaths(), null)).render(p);
        assertThat(text).doesNotContain("TOP SECRET").contains("(source not found for ../../secret.txt; set source-paths)");
    }

    @Test
    void overlongNamesAreCut() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 3, stack(f("com.acme." + "A".repeat(5000), "run", "A.java", 1)));
        String text = new CallTreeReport(ReportOptions.defaults()).render(TestProfiles.build(b, 3 * MS));
        assertThat(text.lines().mapToInt(String::length).max().orElse(0)).isLessThan(Text.MAX_NAME + 100);
        assertThat(text).contains("AAA...");
    }

    @Test
    void cleanKeepsOrdinaryTextAndSurrogatePairs() {
        assertThat(Text.clean("com.acme.Caf\u00e9$\u4e2d")).isEqualTo("com.acme.Caf\u00e9$\u4e2d");
        String emoji = "\uD83D\uDE00";
        assertThat(Text.clean("x".repeat(9) + emoji, 10)).isEqualTo("x".repeat(9) + "...");
        assertThat(Text.clean(null)).isEmpty();
        assertThat(Text.code("\tif (x)\t{")).isEqualTo("    if (x)  {");
    }
}
