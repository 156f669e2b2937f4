package dev.hotline.core.export;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PstatsWriterTest {
    private static final Pattern ROW = Pattern.compile(
            " {0,8}(\\d+|-) +(\\d+\\.\\d{3}) +(\\d+\\.\\d{3}|-) +(\\d+\\.\\d{3}) +(\\d+\\.\\d{3}|-) (.+)");
    private static final String COLUMNS = "   ncalls  tottime  percall  cumtime  percall filename:lineno(function)";

    @Test
    void isRegisteredByNameAndExtension() {
        assertThat(ProfileFormats.byName("pstats")).isInstanceOf(PstatsWriter.class);
        assertThat(((PstatsWriter) ProfileFormats.byName("pstats-tottime")).sortKey()).isEqualTo(PstatsWriter.SortKey.TIME);
        assertThat(ProfileFormats.forFile(Path.of("p.pstats.txt"))).isSameAs(ProfileFormats.byName("pstats"));
        assertThat(ProfileFormats.forFile(Path.of("p.stats"))).isSameAs(ProfileFormats.byName("pstats"));
    }

    @Test
    void matchesTheGoldenFiles() throws IOException {
        Profile p = CheckoutFixture.checkout();
        CheckoutFixture.assertGolden("checkout.pstats.txt", CheckoutFixture.bytes(new PstatsWriter(), p));
        CheckoutFixture.assertGolden("checkout-tottime.pstats.txt",
                CheckoutFixture.bytes(new PstatsWriter(PstatsWriter.SortKey.TIME), p));
        CheckoutFixture.assertGolden("checkout-calls.pstats.txt",
                CheckoutFixture.bytes(new PstatsWriter(), CheckoutFixture.withCalls(p)));
    }

    @Test
    void sampledProfilesShowSamplesAsNcallsAndSayHow() {
        Profile p = CheckoutFixture.checkout();
        String text = new PstatsWriter().render(p);
        assertThat(text).startsWith("Hotline profile m7e2k4q9-0042: GET /checkout?cart=42  status 200  101.3 ms\n")
                .contains("ncalls = samples (sampled profile; exact calls need the agent)")
                .contains("\nNote: stacks deeper than 2048 frames were cut\n")
                .contains("\n      106 samples in 0.106 seconds\n")
                .contains("   Ordered by: cumulative time\n\n" + COLUMNS + "\n");
        List<String[]> rows = rows(text);
        assertThat(rows).hasSize(p.methods().size());
        // Equal cumulative times: the one with more self time first.
        assertThat(rows.get(0)).containsExactly("99", "0.003", "-", "0.099", "-",
                "org/eclipse/jetty/server/Server.java:182(Server.handle)");
        assertThat(rows.get(1)).containsExactly("99", "0.000", "-", "0.099", "-", "java/lang/Thread.java:1583(Thread.run)");
        assertThat(rows).anySatisfy(r -> assertThat(r).containsExactly("9", "0.007", "-", "0.009", "-",
                "com/acme/shop/PriceRules.java:41(PriceRules.apply)"));
        assertThat(rows).anySatisfy(r -> assertThat(r[5]).isEqualTo("~:0(com.acme.shop.AuditLog$$Lambda.run)"));
        for (int i = 1; i < rows.size(); i++) {
            assertThat(Double.parseDouble(rows.get(i)[3])).isLessThanOrEqualTo(Double.parseDouble(rows.get(i - 1)[3]));
        }
    }

    @Test
    void tottimeOrderPutsSelfTimeFirst() {
        List<String[]> rows = rows(new PstatsWriter(PstatsWriter.SortKey.TIME).render(CheckoutFixture.checkout()));
        assertThat(rows.get(0)).containsExactly("52", "0.052", "-", "0.052", "-", "sun/nio/ch/Net.java:0(Net.poll)");
        for (int i = 1; i < rows.size(); i++) {
            assertThat(Double.parseDouble(rows.get(i)[1])).isLessThanOrEqualTo(Double.parseDouble(rows.get(i - 1)[1]));
        }
    }

    @Test
    void exactCallsShowCountsAndPerCallTimes() {
        Profile p = CheckoutFixture.withCalls(CheckoutFixture.checkout());
        String text = new PstatsWriter().render(p);
        long calls = p.methods().stream().mapToLong(MethodStats::calls).sum();
        assertThat(text).contains("ncalls = calls counted by the engine")
                .contains(String.format("%9d function calls in 0.106 seconds", calls));
        MethodStats pay = p.methods().stream()
                .filter(m -> m.method().qualifiedMethod().equals("com.acme.shop.Checkout.pay")).findFirst().orElseThrow();
        String[] row = rows(text).stream().filter(r -> r[5].endsWith("(Checkout.pay)")).findFirst().orElseThrow();
        assertThat(row[0]).isEqualTo(Long.toString(pay.calls()));
        assertThat(row[2]).isEqualTo(String.format("%.3f", pay.selfNs() / 1e9 / pay.calls()));
        assertThat(row[4]).isEqualTo(String.format("%.3f", pay.totalNs() / 1e9 / pay.calls()));
    }

    @Test
    void hostileNamesStayOnTheirLine() {
        String text = new PstatsWriter().render(CheckoutFixture.hostile());
        assertThat(text.lines().filter(l -> ROW.matcher(l).matches())).hasSize(2);
        assertThat(text).contains("E\\nvil.java").doesNotContain("\nvil.java").contains("Note: note </script>");
        assertThat(PstatsWriter.function(new Frame("a.B\u001b[31m", "m", null, -1), 0)).isEqualTo("~:0(a.B\\u001b[31m.m)");
    }

    private static List<String[]> rows(String text) {
        int start = text.indexOf(COLUMNS + "\n") + COLUMNS.length() + 1;
        return text.substring(start).lines().map(l -> {
            Matcher m = ROW.matcher(l);
            assertThat(m.matches()).as("row %s", l).isTrue();
            return new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)};
        }).toList();
    }
}
