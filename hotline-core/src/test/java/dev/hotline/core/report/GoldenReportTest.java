package dev.hotline.core.report;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole reports of a realistic request compared with the expected text. On a mismatch the actual text is
 * written to {@code target/golden-actual/} to inspect and, when right, copy over the expected file.
 */
class GoldenReportTest {
    private final Profile profile = TestProfiles.checkout();
    private final ReportOptions options = ReportOptions.builder()
            .sourcePaths(List.of(TestProfiles.acmeSources())).build();
    private final SourceLocator sources = new SourceLocator(options.sourcePaths(), null);

    @Test
    void lineTables() throws IOException {
        String text = new LineTableReport(options, sources).render(profile);
        assertGolden("lines-checkout.txt", text.replace(TestProfiles.acmeSources().toString(), "<sources>"));
    }

    @Test
    void callTree() throws IOException {
        assertGolden("tree-checkout.txt", new CallTreeReport(options).render(profile));
    }

    @Test
    void callTreeInAscii() throws IOException {
        ReportOptions ascii = options.toBuilder().ascii(true).build();
        assertGolden("tree-checkout-ascii.txt", new CallTreeReport(ascii).render(profile));
    }

    @Test
    void bothReports() throws IOException {
        String text = TextReports.render(profile, options, sources, EnumSet.allOf(TextReports.Kind.class));
        assertGolden("both-checkout.txt", text.replace(TestProfiles.acmeSources().toString(), "<sources>"));
    }

    static void assertGolden(String name, String actual) throws IOException {
        String expected;
        try (InputStream in = GoldenReportTest.class.getResourceAsStream(name)) {
            // A checkout that converts line ends must not fail the comparison.
            expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        if (!actual.equals(expected)) {
            Path out = Path.of("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("report %s (actual written to target/golden-actual)", name).isEqualTo(expected);
    }
}
