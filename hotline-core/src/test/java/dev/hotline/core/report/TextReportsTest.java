package dev.hotline.core.report;

import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static dev.hotline.core.report.TestProfiles.MS;
import static org.assertj.core.api.Assertions.assertThat;

class TextReportsTest {
    private final Profile profile = TestProfiles.checkout();
    private final ReportOptions options = ReportOptions.builder()
            .sourcePaths(List.of(TestProfiles.acmeSources())).build();

    @Test
    void summaryAndNotesOnceThenEachReport() {
        Profile noted = TestProfiles.build(new ProfileBuilder().note("sampled at safepoints"), MS);
        String text = TextReports.render(noted, options, EnumSet.allOf(TextReports.Kind.class));
        assertThat(text).isEqualTo(""
                + "1.0 ms  GET /checkout  200  engine=java interval=1ms samples=0 effective=-\n"
                + "Note: sampled at safepoints\n"
                + "Note: no samples: the request was shorter than the sampling interval or was not sampled\n"
                + "\n(no samples, no line table)\n"
                + "\n1.0 ms  GET /checkout  200  engine=java interval=1ms samples=0 effective=-\n"
                + "(no samples)\n");
    }

    @Test
    void kindsSelectTheReports() {
        String lines = TextReports.render(profile, options, Set.of(TextReports.Kind.LINES));
        String tree = TextReports.render(profile, options, Set.of(TextReports.Kind.TREE));
        String both = TextReports.render(profile, options, EnumSet.of(TextReports.Kind.TREE, TextReports.Kind.LINES));
        assertThat(lines).contains("Method: com.acme.shop.Checkout.pay").doesNotContain("frames hidden");
        assertThat(tree).isEqualTo(new CallTreeReport(options).render(profile));
        assertThat(both.indexOf("Method:")).as("line tables first").isLessThan(both.indexOf("frames hidden"));
        assertThat(TextReports.render(profile, options, Set.of())).hasLineCount(1);
    }

    @Test
    void multiThreadedRequestsShowTheirSampledTime() {
        ProfileBuilder b = new ProfileBuilder();
        int main = b.thread("qtp-1");
        int worker = b.thread("ForkJoinPool-1-worker-1");
        for (int i = 0; i < 30; i++) {
            b.sample(main, i * MS, MS, 1, TestProfiles.stack(TestProfiles.f("com.acme.A", "a", "A.java", 1)));
            b.sample(worker, i * MS, MS, 1, TestProfiles.stack(TestProfiles.f("com.acme.B", "b", "B.java", 1)));
        }
        String text = TextReports.render(TestProfiles.build(b, 31 * MS), options, Set.of());
        assertThat(text).isEqualTo(
                "31.0 ms  GET /checkout  200  engine=java interval=1ms samples=60 effective=1ms threads=2 sampled=60.0ms\n");
    }

    @Test
    void traceAndSpan_inTheSummaryLine() {
        Profile traced = dev.hotline.core.format.SampleProfiles.traced(TestProfiles.build(new ProfileBuilder(), MS));
        assertThat(TextReports.render(traced, options, Set.of())).startsWith("1.0 ms  GET /checkout  200  trace=4bf92f3577b34da6a3ce929d0e0e4736"
                + " span=00f067aa0ba902b7  engine=java interval=1ms samples=0 effective=-\n");
    }
}
