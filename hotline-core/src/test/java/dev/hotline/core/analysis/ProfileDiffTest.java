package dev.hotline.core.analysis;

import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.hotline.core.analysis.ProfileMergeTest.GET;
import static dev.hotline.core.analysis.ProfileMergeTest.LOAD;
import static dev.hotline.core.analysis.ProfileMergeTest.PRICE;
import static dev.hotline.core.analysis.ProfileMergeTest.RUN;
import static dev.hotline.core.analysis.ProfileMergeTest.profile;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileDiffTest {
    static final Frame SIGN = new Frame("com.acme.Signer", "sign", "Signer.java", 7);
    static final Frame CACHE = new Frame("com.acme.Cache", "get", "Cache.java", 3);

    @Test
    void aProfileComparedWithItselfChangesNothing() {
        Profile golden = SampleProfiles.golden();
        ProfileDiff diff = ProfileDiff.compare(golden, golden);
        assertThat(diff.lines()).hasSameSizeAs(golden.lines());
        assertThat(diff.methods()).hasSameSizeAs(golden.methods());
        for (ProfileDiff.Entry e : diff.lines()) {
            assertThat(e.deltaNs()).isZero();
            assertThat(e.selfDeltaNs()).isZero();
            assertThat(e.shareDelta()).isZero();
            assertThat(e.ratio()).isEqualTo(1.0);
            assertThat(e.isNew() || e.isVanished()).isFalse();
        }
        assertThat(diff.methods()).allSatisfy(e -> assertThat(e.deltaNs()).isZero());
        assertThat(diff.sampledDeltaNs()).isZero();
        assertThat(diff.newLines()).isEmpty();
        assertThat(diff.vanishedLines()).isEmpty();
        assertThat(diff.render(5)).contains("(0.0 ms, 1.00x)").doesNotContain("+1", "-1");
    }

    @Test
    void theLineThatGotSlowerComesFirstAndNewAndVanishedLinesAreMarked() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Frame[] load = {LOAD, GET, RUN};
        Frame[] price = {PRICE, GET, RUN};
        Profile before = profile("/shop", t, "java", load, price, price, new Frame[] {SIGN, GET, RUN});
        Profile after = profile("/shop", t, "java", load, load, load, load, load, price, new Frame[] {CACHE, GET, RUN});

        ProfileDiff diff = ProfileDiff.compare(before, after, ReportOptions.defaults());
        ProfileDiff.Entry first = diff.lines().get(0);
        assertThat(first.frame()).isEqualTo(LOAD);
        assertThat(first.deltaNs()).isEqualTo(4_000_000);
        assertThat(first.ratio()).isEqualTo(5.0);
        assertThat(diff.lines()).extracting(ProfileDiff.Entry::frame).doesNotContain(RUN); // library code left out
        assertThat(diff.newLines()).extracting(ProfileDiff.Entry::frame).containsExactly(CACHE);
        assertThat(diff.vanishedLines()).extracting(ProfileDiff.Entry::frame).containsExactly(SIGN);
        assertThat(diff.methods().get(0).frame()).isEqualTo(LOAD.methodOnly());

        String text = diff.render(10);
        assertThat(text).contains("Sampled time: 4.0 ms -> 7.0 ms (+3.0 ms, 1.75x)");
        String[] rows = text.lines().filter(l -> l.contains("com.acme.")).toArray(String[]::new);
        assertThat(rows[0]).contains("+4.0ms", "5.00x", "com.acme.Repo.load  Repo.java:20");
        assertThat(text).containsPattern("new  com\\.acme\\.Cache\\.get  Cache\\.java:3")
                .containsPattern("gone  com\\.acme\\.Signer\\.sign  Signer\\.java:7")
                .doesNotContain("\u001b[");
        assertThat(diff.render(10, true)).contains("\u001b[31m", "\u001b[32m");
    }

    @Test
    void tableColumnsLineUp() {
        Profile golden = SampleProfiles.golden();
        String text = ProfileDiff.compare(golden, SampleProfiles.hostile()).render(50);
        String header = text.lines().filter(l -> l.contains("Total A")).findFirst().orElseThrow();
        int ratioEnd = header.indexOf("Ratio") + "Ratio".length();
        text.lines().filter(l -> l.endsWith(":840") || l.contains("Tree.walk")).forEach(row ->
                assertThat(row.charAt(ratioEnd - 1)).as(row).isIn('x', 'w', 'e'));
        assertThat(text).doesNotContain("\n\u2028").doesNotContain("\u0000");
    }
}
