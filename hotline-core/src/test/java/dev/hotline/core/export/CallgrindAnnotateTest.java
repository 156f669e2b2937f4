package dev.hotline.core.export;

import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.report.SourceLocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reads the callgrind output back with valgrind's own {@code callgrind_annotate}, an independent reader, and
 * checks its per-function totals against the profile's method table. Needs the {@code valgrind} package:
 * skipped without it, except on CI ({@code CI=true}), where its absence fails the test.
 */
class CallgrindAnnotateTest {
    static final Path TOOL = Path.of("/usr/bin/callgrind_annotate");
    /** {@code 52,000,000 (49.06%) 52 (49.06%)  file:function}; a zero cost prints as {@code .}. */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*([\\d,]+|\\.)(?: \\(\\s*[\\d.]+%\\))?\\s+([\\d,]+|\\.)(?: \\(\\s*[\\d.]+%\\))?\\s+([<*] )?\\s*(.+?)(?: \\((\\d+)x\\).*)?$");

    @TempDir
    Path dir;

    @BeforeAll
    static void needTool() {
        if (Files.isExecutable(TOOL)) return;
        if ("true".equals(System.getenv("CI"))) fail(TOOL + " is missing: CI must install the valgrind package");
        assumeTrue(false, TOOL + " not installed (Debian package valgrind)");
    }

    @Test
    void selfTimesPerFunctionMatchTheMethodTable() throws Exception {
        Profile p = CheckoutFixture.checkout();
        Map<String, long[]> self = functions(annotate(p, "--threshold=100"));
        for (MethodStats m : p.methods()) {
            long[] got = self.getOrDefault(key(m), new long[2]);
            assertThat(got[0]).as("self time of %s", key(m)).isEqualTo(m.selfNs());
        }
        assertThat(self.get("???:" + CallgrindWriter.ROOT_FUNCTION)).containsExactly(p.root().selfNs(), 1);
        assertThat(self.values().stream().mapToLong(v -> v[0]).sum()).isEqualTo(p.sampling().sampledNs());
    }

    @Test
    void inclusiveTimesPerFunctionMatchTheMethodTableUnderRecursion() throws Exception {
        Profile p = CheckoutFixture.checkout();
        String out = annotate(p, "--threshold=100", "--inclusive=yes");
        assertThat(out).contains(String.format("%,d (100.0%%) %d (100.0%%)  PROGRAM TOTALS",
                p.sampling().sampledNs(), p.sampling().sampleCount()));
        Map<String, long[]> incl = functions(out);
        assertThat(incl).hasSize(p.methods().size() + 1);
        for (MethodStats m : p.methods()) {
            assertThat(incl.get(key(m))).as("total of %s", key(m)).containsExactly(m.totalNs(), m.samples());
        }
        assertThat(incl.get("???:" + CallgrindWriter.ROOT_FUNCTION))
                .containsExactly(p.sampling().sampledNs(), p.sampling().sampleCount());
        // The recursive method: 9 samples, not the 9 + 6 + 3 a naive sum of calls would give.
        assertThat(incl.get("com/acme/shop/PriceRules.java:com.acme.shop.PriceRules.apply")[0]).isEqualTo(9 * CheckoutFixture.MS);
    }

    @Test
    void callersAddUpToEachFunctionsInclusiveTime() throws Exception {
        Profile p = CheckoutFixture.checkout();
        String out = annotate(p, "--threshold=100", "--inclusive=yes", "--tree=caller");
        int blocks = 0;
        long callers = 0;
        for (String line : out.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches() || m.group(3) == null) continue;
            if (m.group(3).startsWith("<")) {
                callers += number(m.group(1));
                assertThat(Long.parseLong(m.group(5))).as("call count in %s", line).isPositive();
            } else {
                if (!m.group(4).endsWith(CallgrindWriter.ROOT_FUNCTION)) {
                    assertThat(callers).as("callers of %s", m.group(4)).isEqualTo(number(m.group(1)));
                    blocks++;
                }
                callers = 0;
            }
        }
        assertThat(blocks).isEqualTo(p.methods().size());
    }

    @Test
    void annotatesTheApplicationSourcesFoundUnderASourceRoot() throws Exception {
        Profile p = CheckoutFixture.checkout();
        String out = annotate(p, "--threshold=100", "--include=" + CheckoutFixture.acmeSources());
        assertThat(out).contains("-- Auto-annotated source: ", "com/acme/shop/Checkout.java",
                "=> com/acme/shop/Checkout.java:com.acme.shop.Checkout.receipt (1x)",
                "=> com/acme/shop/PaymentGateway.java:com.acme.shop.PaymentGateway.charge (2x)");
        // Line 31 of the servlet calls pay: the annotated source shows the call's cost under it.
        assertThat(out).containsPattern("Receipt receipt = checkout.pay\\(id\\);\\n85,000,000 \\(80\\.19%\\)");
    }

    @Test
    void readsProfilesWithHostileNamesAndEmptyProfiles() throws Exception {
        Profile empty = new ProfileBuilder().build("e", new RequestInfo("GET", "/", null, 204,
                CheckoutFixture.START, 1000, null), "java", CheckoutFixture.MS, false);
        assertThat(annotate(empty, "--inclusive=yes")).contains("PROGRAM TOTALS");
        Profile hostile = CheckoutFixture.hostile();
        Map<String, long[]> incl = functions(annotate(hostile, "--threshold=100", "--inclusive=yes"));
        assertThat(incl).hasSize(hostile.methods().size() + 1);
        for (long[] v : incl.values()) assertThat(v[0]).isEqualTo(30 * CheckoutFixture.MS);
    }

    /** Runs the tool on the profile's callgrind file; fails on a non-zero exit, warnings or error output. */
    private String annotate(Profile p, String... options) throws IOException, InterruptedException {
        Path file = dir.resolve("callgrind.out." + p.id());
        Files.write(file, CheckoutFixture.bytes(new CallgrindWriter(), p));
        List<String> cmd = new ArrayList<>(List.of(TOOL.toString()));
        cmd.addAll(List.of(options));
        cmd.add(file.toString());
        Path stdout = dir.resolve("out.txt");
        Path stderr = dir.resolve("err.txt");
        Process proc = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            fail("callgrind_annotate did not finish in 60 s");
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(proc.exitValue()).as("exit code; stderr: %s", err).isZero();
        assertThat(err).as("callgrind_annotate stderr").isEmpty();
        assertThat(out).doesNotContainIgnoringCase("warning").doesNotContain("malformed");
        return out;
    }

    /** The function table: {@code file:function} to its two costs. */
    static Map<String, long[]> functions(String out) {
        Map<String, long[]> rows = new HashMap<>();
        String[] lines = out.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].endsWith("file:function")) i++;
        for (i += 2; i < lines.length && !lines[i].startsWith("---"); i++) {
            if (lines[i].isBlank()) continue;
            Matcher m = ROW.matcher(lines[i]);
            assertThat(m.matches()).as("function row: %s", lines[i]).isTrue();
            rows.put(m.group(4), new long[] {number(m.group(1)), number(m.group(2))});
        }
        return rows;
    }

    private static long number(String s) {
        return s.equals(".") ? 0 : Long.parseLong(s.replace(",", ""));
    }

    private static String key(MethodStats m) {
        String file = m.method().fileName() == null ? CallgrindWriter.UNKNOWN_FILE
                : SourceLocator.relativePath(m.method().className(), m.method().fileName());
        return file + ':' + m.method().qualifiedMethod();
    }
}
