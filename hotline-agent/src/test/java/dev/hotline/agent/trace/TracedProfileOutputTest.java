package dev.hotline.agent.trace;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.MethodTableReport;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.TextReports;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static dev.hotline.agent.trace.TracedRequests.line;
import static org.assertj.core.api.Assertions.assertThat;

/** A traced request's profile through the JSON format and the text reports. */
class TracedProfileOutputTest {
    private static final String W = "traced.fixture.Workload";

    @Test
    void json_carriesHitsTimesAndEdges_andReadsBackTheSame() throws Exception {
        try (TracedRequests env = new TracedRequests()) {
            Profile p = env.request("/json", () -> env.call("Workload", "fib", 8));
            String json = ProfileJson.toJson(p);
            assertThat(json).contains("\"hits\": 67").contains("\"maxNs\"").contains("\"cumtimeNs\"").contains("\"edges\"");
            Profile back = ProfileJson.fromJson(json);
            assertThat(back.lines()).containsExactlyInAnyOrderElementsOf(p.lines());
            assertThat(back.methods()).containsExactlyInAnyOrderElementsOf(p.methods());
            assertThat(back.edges()).containsExactlyInAnyOrderElementsOf(p.edges());
            // Only traced lines carry hits.
            assertThat(back.lines().stream().filter(l -> l.hits() >= 0)).allMatch(LineStats::traced);
        }
    }

    @Test
    void textReports_showHitsPerHitAndMax_andThePstatsTable() {
        try (TracedRequests env = new TracedRequests()) {
            Profile p = env.request("/text", () -> env.call("Workload", "loop", 400));
            ReportOptions options = ReportOptions.builder().includePackages(java.util.List.of("traced")).minShare(0).build();
            String text = TextReports.render(p, options, EnumSet.of(TextReports.Kind.LINES, TextReports.Kind.METHODS));
            assertThat(text).contains("Hits").contains("Per Hit").contains("Max").contains("Method: traced.fixture.Workload.loop");
            int body = TracedRequests.lineOf("loop-body");
            assertThat(text.lines().filter(l -> l.trim().startsWith(body + " ")).findFirst().orElseThrow())
                    .contains(" 400 ").contains("sum += i * 31L;");
            assertThat(text).contains("ncalls    tottime    percall    cumtime    percall  filename:lineno(function)");
            assertThat(text).containsPattern("\\n +1 +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+  Workload\\.java:\\d+\\(traced\\.fixture\\.Workload\\.loop\\)");
            assertThat(line(p, W, "loop", "loop-body").hits()).isEqualTo(400);
        }
    }

    @Test
    void methodTable_sortsByTottimeOrCumtime() {
        try (TracedRequests env = new TracedRequests()) {
            Profile p = env.request("/sort", () -> {
                env.call("Workload", "catchesFromBelow");
                try {
                    env.call("Workload", "sleep", 20L);
                } catch (RuntimeException e) {
                    throw e;
                }
            });
            String byCum = new MethodTableReport(MethodTableReport.Sort.CUMTIME, 50).render(p);
            assertThat(byCum).contains("ordered by cumtime");
            assertThat(byCum.indexOf("Workload.sleep)")).isLessThan(byCum.indexOf("Workload.throwsThrough)"));
            String byTot = new MethodTableReport(MethodTableReport.Sort.TOTTIME, 50).render(p);
            assertThat(byTot).contains("ordered by tottime");
            // catchesFromBelow's cumtime includes throwsThrough, its tottime does not.
            assertThat(byCum.indexOf("catchesFromBelow)")).isLessThan(byCum.indexOf("throwsThrough)"));
        }
    }

    @Test
    void pstatsExport_usesExactCallsAndTimes() throws Exception {
        try (TracedRequests env = new TracedRequests()) {
            Profile p = env.request("/pstats", () -> env.call("Workload", "fib", 10));
            var out = new java.io.ByteArrayOutputStream();
            dev.hotline.core.export.ProfileFormats.byName("pstats").write(p, out);
            var fib = TracedRequests.method(p, W, "fib");
            String row = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> l.endsWith("(Workload.fib)")).findFirst().orElseThrow();
            assertThat(row.trim().split(" +")[0]).isEqualTo("177");
            assertThat(row.trim().split(" +")[3]).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", fib.cumtimeNs() / 1e9));
        }
    }
}
