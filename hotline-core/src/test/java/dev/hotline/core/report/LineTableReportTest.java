package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.report.fixtures.Shop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.hotline.core.report.TestProfiles.FIXTURES;
import static dev.hotline.core.report.TestProfiles.MS;
import static dev.hotline.core.report.TestProfiles.SHOP;
import static dev.hotline.core.report.TestProfiles.add;
import static dev.hotline.core.report.TestProfiles.build;
import static dev.hotline.core.report.TestProfiles.f;
import static dev.hotline.core.report.TestProfiles.shopLine;
import static dev.hotline.core.report.TestProfiles.stack;
import static org.assertj.core.api.Assertions.assertThat;

class LineTableReportTest {
    private static final Pattern ROW = Pattern.compile(
            "^ *(\\d+|\\?) +(\\d+) +([\\d.]+ms) +([\\d.]+%)(?:  (.*))?$");

    @TempDir
    Path tmp;

    private static final Frame[] CONTAINER = {
            f("org.eclipse.jetty.server.Server", "handle", "Server.java", 182),
            f("java.lang.Thread", "run", "Thread.java", 1583)};

    private static Frame shop(String method, String codeSnippet) {
        return f(SHOP, method, "Shop.java", shopLine(codeSnippet));
    }

    /** Shop.checkout: 50 ms asleep, 10 ms in applyDiscount, 5 ms in audit's println, 2 ms adding prices. */
    static Profile shopProfile() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 50, stack(f("java.lang.Thread", "sleep", "Thread.java", -1), shop("checkout", "Thread.sleep(5)"),
                CONTAINER));
        add(b, 10, stack(shop("applyDiscount", "return total > 100"), shop("checkout", "applyDiscount(total);"),
                CONTAINER));
        add(b, 5, stack(f("java.io.PrintStream", "println", "PrintStream.java", 1047),
                shop("audit", "System.out.println"), shop("checkout", "audit(cartId, total);"), CONTAINER));
        add(b, 2, stack(shop("checkout", "total += price;"), CONTAINER));
        return build(b, 68 * MS);
    }

    private static String render(Profile p, ReportOptions o) {
        return new LineTableReport(o, new SourceLocator(o.sourcePaths(), Shop.class.getClassLoader())).render(p);
    }

    private static ReportOptions fixtures() {
        return ReportOptions.builder().includePackages(FIXTURES).build();
    }

    /** The table row whose code column contains {@code code}. */
    private static Matcher row(String report, String code) {
        for (String line : report.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && m.group(5) != null && m.group(5).contains(code)) return m;
        }
        throw new AssertionError("no row for " + code + " in\n" + report);
    }

    @Test
    void tablePerMethodWithSourceFoundNextToTheTestClasses() {
        String text = render(shopProfile(), fixtures());
        assertThat(text).startsWith("68.0 ms  GET /checkout  200  engine=java interval=1ms samples=67 effective=1ms\n");
        assertThat(text).contains("File: dev/hotline/core/report/fixtures/Shop.java  (source: "
                + TestProfiles.shopSource().toAbsolutePath() + ")\n"
                + "Method: dev.hotline.core.report.fixtures.Shop.checkout  —  total 67.0 ms (100.0%), 67 samples\n"
                + "  Line    Samples       Time   % Time  Code\n"
                + "  ====    =======       ====   ======  ====\n");
        Matcher sleep = row(text, "Thread.sleep(5);");
        assertThat(sleep.group(1)).isEqualTo(Integer.toString(shopLine("Thread.sleep(5)")));
        assertThat(sleep.group(2)).isEqualTo("50");
        assertThat(sleep.group(3)).isEqualTo("50.0ms");
        assertThat(sleep.group(4)).isEqualTo("74.6%");
        assertThat(row(text, "applyDiscount(total);").group(4)).isEqualTo("14.9%");
        assertThat(row(text, "total += price;").group(2)).isEqualTo("2");
        // % Time is relative to the method: applyDiscount's one line is all of it.
        assertThat(row(text, "return total > 100").group(4)).isEqualTo("100.0%");
        // Methods hottest first; library methods (Thread.sleep, println, the container) get no table.
        assertThat(text.indexOf("Shop.checkout")).isLessThan(text.indexOf("Shop.applyDiscount"));
        assertThat(text.indexOf("Shop.applyDiscount")).isLessThan(text.indexOf("Shop.audit"));
        assertThat(text).doesNotContain("Method: java.").doesNotContain("Method: org.eclipse");
        // Common indentation is removed: the loop body keeps its extra four spaces.
        assertThat(text).contains("  total = applyDiscount(total);\n").contains("      total += price;\n");
    }

    @Test
    void unsampledLinesBetweenSampledOnesGiveContext() {
        String text = render(shopProfile(), fixtures());
        int comment = shopLine("// stands in for the call to the payment gateway");
        assertThat(text).contains(String.format("%6d%31s  // stands in for the call to the payment gateway\n",
                comment, ""));
        // Nothing above the first sampled line: the method's start is unknown.
        assertThat(text).doesNotContain("public long checkout(");
    }

    @Test
    void sourceNotFoundPrintsTheTableWithoutCodeAndSaysSo() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 30, stack(f("com.nowhere.Ghost", "haunt", "Ghost.java", 12), f("com.nowhere.Ghost", "run", "Ghost.java", 5)));
        add(b, 10, stack(f("com.nowhere.Ghost", "haunt", "Ghost.java", 10), f("com.nowhere.Ghost", "run", "Ghost.java", 5)));
        String text = render(build(b, 40 * MS), ReportOptions.defaults());
        assertThat(text).contains("File: com/nowhere/Ghost.java\n"
                + "Method: com.nowhere.Ghost.haunt  —  total 40.0 ms (100.0%), 40 samples\n"
                + "(source not found for com/nowhere/Ghost.java; set source-paths)\n"
                + "  Line    Samples       Time   % Time  Code\n"
                + "  ====    =======       ====   ======  ====\n"
                + "    10         10     10.0ms    25.0%\n"
                + "    12         30     30.0ms    75.0%\n");
    }

    @Test
    void sourcePathsAreSearchedAndLongGapsShortened() throws IOException {
        Path file = tmp.resolve("com/acme/Long.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, IntStream.rangeClosed(1, 50).mapToObj(i -> "\tline " + i)
                .collect(Collectors.joining("\n")));
        ProfileBuilder b = new ProfileBuilder();
        add(b, 3, stack(f("com.acme.Long", "work", "Long.java", 10)));
        add(b, 1, stack(f("com.acme.Long", "work", "Long.java", 40)));
        String text = render(build(b, 4 * MS), ReportOptions.builder().sourcePaths(List.of(tmp)).build());
        assertThat(text).contains("(source: " + file + ")");
        assertThat(text).contains("line 10\n    11").contains("line 14\n   ...")
                .contains("... (21 lines not sampled)\n    36").contains("line 39\n    40");
        assertThat(text).doesNotContain("line 15").doesNotContain("line 35").doesNotContain("line 41");
        assertThat(text).doesNotContain("\t");
    }

    @Test
    void hitsAddHitsAndPerHitColumns() {
        Frame discount = shop("checkout", "applyDiscount(total);");
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(discount));
        add(b, 2, stack(shop("checkout", "total += price;")));
        b.hits(discount, 1000);
        String text = render(build(b, 12 * MS), fixtures());
        assertThat(text).contains("  Line       Hits    Samples       Time    Per Hit   % Time  Code\n"
                + "  ====       ====    =======       ====    =======   ======  ====\n");
        assertThat(text).containsPattern(" +\\d+ +1000 +10 +10\\.0ms +10\\.0us +83\\.3%  total = applyDiscount");
        assertThat(text).containsPattern("\\d+ {21}2 {6}2\\.0ms {11} {4}16\\.7% {6}total \\+= price;");
    }

    @Test
    void unknownLinesShowAsQuestionMarkAfterTheNumberedOnes() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 3, stack(f("com.acme.Native", "call", null, -1)));
        add(b, 1, stack(f("com.acme.Native", "call", null, 7)));
        String text = render(build(b, 4 * MS), ReportOptions.defaults());
        assertThat(text).contains("File: com/acme/Native.java\n");
        assertThat(text).contains("     7          1      1.0ms    25.0%\n     ?          3      3.0ms    75.0%\n");
    }

    @Test
    void topMethodsAndMinShareFilter() {
        ProfileBuilder b = new ProfileBuilder();
        int[] ms = {50, 30, 15, 4, 1};
        for (int i = 0; i < ms.length; i++) add(b, ms[i], stack(f("com.acme.M" + (i + 1), "run", "M.java", 3)));
        Profile p = build(b, 100 * MS);
        String text = render(p, ReportOptions.builder().topMethods(2).minShare(0.05).build());
        assertThat(text).contains("com.acme.M1.run").contains("com.acme.M2.run")
                .doesNotContain("com.acme.M3.run").doesNotContain("com.acme.M4.run");
        assertThat(text).endsWith("\n(3 more application methods not shown: 1 beyond the top 2, 2 below 5.0%)\n");

        String all = render(p, ReportOptions.builder().minShare(0).build());
        assertThat(all).contains("com.acme.M5.run").doesNotContain("more application methods");
    }

    @Test
    void includeAndExcludePackagesChooseTheMethods() {
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(f("com.other.Lib", "b", "Lib.java", 2), f("com.acme.Shop", "a", "Shop.java", 1)));
        add(b, 10, stack(f("com.acme.gen.Mapper", "c", "Mapper.java", 3), f("com.acme.Shop", "a", "Shop.java", 1)));
        Profile p = build(b, 20 * MS);
        String text = render(p, ReportOptions.builder().includePackages("com.acme").excludePackages("com.acme.gen").build());
        assertThat(text).contains("Method: com.acme.Shop.a").doesNotContain("com.other.Lib").doesNotContain("Mapper");

        String none = render(p, ReportOptions.builder().includePackages("org.nothing").build());
        assertThat(none).contains("(no application method at or above 1.0% of the sampled time; 3 library methods "
                + "not shown: set include-packages or lower min-share)");
    }

    @Test
    void recursionIsCountedOncePerSample() {
        Frame base = f("com.acme.Fib", "fib", "Fib.java", 10);
        Frame recurse = f("com.acme.Fib", "fib", "Fib.java", 12);
        ProfileBuilder b = new ProfileBuilder();
        add(b, 10, stack(base, recurse, recurse, recurse, f("com.acme.Main", "main", "Main.java", 5)));
        String text = render(build(b, 10 * MS), ReportOptions.defaults());
        assertThat(text).contains("Method: com.acme.Fib.fib  —  total 10.0 ms (100.0%), 10 samples\n");
        assertThat(text).contains("    10         10     10.0ms   100.0%\n    12         10     10.0ms   100.0%\n");
    }

    @Test
    void emptyProfileRendersItsNote() {
        String text = render(build(new ProfileBuilder(), 300_000), ReportOptions.defaults());
        assertThat(text).isEqualTo("0.3 ms  GET /checkout  200  engine=java interval=1ms samples=0 effective=-\n"
                + "Note: no samples: the request was shorter than the sampling interval or was not sampled\n"
                + "\n(no samples, no line table)\n");
    }

    @Test
    void coloursOnlyWhenAsked() {
        assertThat(render(shopProfile(), fixtures())).doesNotContain("\u001b");
        String coloured = render(shopProfile(), fixtures().toBuilder().colours(true).build());
        assertThat(coloured).contains(Text.RED + String.format("%6d", shopLine("Thread.sleep(5)")))
                .contains(Text.RESET + "\n");
    }
}
