package dev.hotline.core.export;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fixed synthetic request for the callgrind, HTML and pstats writers' tests, and their golden files.
 *
 * <p>Golden files live in {@code src/test/resources/dev/hotline/core/export/}. After an intended change,
 * regenerate them with {@code mvn -pl hotline-core test -Dexport.golden.update=true} and review the diff.
 */
final class CheckoutFixture {
    static final long MS = 1_000_000L;
    static final Instant START = Instant.parse("2025-03-01T10:15:30Z");
    static final String ACME = "com.acme.shop.";
    static final String UPDATE_PROPERTY = "export.golden.update";

    private CheckoutFixture() {}

    static Frame f(String className, String method, String file, int line) {
        return new Frame(className, method, file, line);
    }

    static final Frame[] CONTAINER = {
            f("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 614),
            f("org.eclipse.jetty.ee10.servlet.ServletHolder", "handle", "ServletHolder.java", 736),
            f("org.eclipse.jetty.server.Server", "handle", "Server.java", 182),
            f("org.eclipse.jetty.util.thread.QueuedThreadPool", "runJob", "QueuedThreadPool.java", 1034),
            f("java.lang.Thread", "run", "Thread.java", 1583),
    };
    static final Frame[] HTTP_READ = {
            f("sun.nio.ch.Net", "poll", "Net.java", -1),
            f("sun.nio.ch.NioSocketImpl", "read", "NioSocketImpl.java", 355),
            f("org.apache.http.impl.io.SessionInputBufferImpl", "fillBuffer", "SessionInputBufferImpl.java", 153),
            f("org.apache.http.impl.client.CloseableHttpClient", "execute", "CloseableHttpClient.java", 83),
    };
    static final Frame[] H2_QUERY = {
            f("org.h2.mvstore.MVMap", "get", "MVMap.java", 450),
            f("org.h2.command.query.Select", "queryFlat", "Select.java", 742),
            f("org.h2.jdbc.JdbcPreparedStatement", "executeQuery", "JdbcPreparedStatement.java", 130),
            f("com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "executeQuery", "HikariProxyPreparedStatement.java", -1),
    };
    static final Frame[] JSON_WRITE = {
            f("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator", "writeString", "WriterBasedJsonGenerator.java", 495),
            f("com.fasterxml.jackson.databind.ObjectMapper", "writeValueAsString", "ObjectMapper.java", 3964),
    };

    static Frame servlet(int line) { return f(ACME + "CheckoutServlet", "doGet", "CheckoutServlet.java", line); }
    static Frame pay(int line) { return f(ACME + "Checkout", "pay", "Checkout.java", line); }
    static Frame load(int line) { return f(ACME + "CartRepository", "load", "CartRepository.java", line); }
    static Frame apply(int line) { return f(ACME + "PriceRules", "apply", "PriceRules.java", line); }
    static Frame discount(int line) { return f(ACME + "PriceRules", "discount", "PriceRules.java", line); }

    static Frame[] stack(Object... parts) {
        List<Frame> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof Frame fr) out.add(fr);
            else out.addAll(Arrays.asList((Frame[]) p));
        }
        return out.toArray(new Frame[0]);
    }

    private static void add(ProfileBuilder b, String thread, int n, Frame[] stack) {
        int t = b.thread(thread);
        for (int i = 0; i < n; i++) b.sample(t, b.sampledNs(), MS, 1, stack);
    }

    /**
     * GET /checkout: 100 samples of 1 ms on the serving thread and 6 on a pool thread; a payment gateway call,
     * a cart query whose price rules recurse directly and through another method, a JSON response, one sample
     * with no stack, and frames without a line or a file.
     */
    static Profile checkout() {
        ProfileBuilder b = new ProfileBuilder();
        String http = "qtp-1";
        Frame[] inServlet = stack(servlet(31), CONTAINER);
        Frame[] inPay = stack(pay(23), inServlet);
        Frame[] fromCart = stack(f(ACME + "Cart", "from", "Cart.java", 12), load(18), pay(19), inServlet);
        add(b, http, 52, stack(HTTP_READ, f(ACME + "PaymentGateway", "charge", "PaymentGateway.java", 19), inPay));
        add(b, http, 4, stack(f("java.lang.Thread", "sleep", "Thread.java", -1),
                f(ACME + "PaymentGateway", "charge", "PaymentGateway.java", 27), inPay));
        add(b, http, 3, inPay);
        add(b, http, 12, stack(H2_QUERY, load(17), pay(19), inServlet));
        add(b, http, 4, stack(apply(41), apply(44), apply(44), fromCart));
        add(b, http, 3, stack(apply(41), discount(60), apply(44), fromCart));
        add(b, http, 2, stack(discount(61), apply(44), apply(44), fromCart));
        add(b, http, 5, stack(f("java.util.Formatter", "format", "Formatter.java", 2689),
                f("java.lang.String", "format", "String.java", 4150),
                f(ACME + "Checkout", "receipt", "Checkout.java", 29), pay(25), inServlet));
        add(b, http, 8, stack(JSON_WRITE, servlet(33), CONTAINER));
        add(b, http, 3, stack(servlet(26), CONTAINER));
        add(b, http, 1, new Frame[0]);
        add(b, http, 3, stack(CONTAINER[2], CONTAINER[3], CONTAINER[4]));
        b.note("stacks deeper than 2048 frames were cut");
        add(b, "ForkJoinPool.commonPool-worker-1", 6, stack(f("java.lang.Thread", "sleep", "Thread.java", -1),
                f(ACME + "AuditLog", "lambda$write$0", "AuditLog.java", 40),
                f(ACME + "AuditLog$$Lambda", "run", null, -1),
                f("java.util.concurrent.ForkJoinWorkerThread", "run", "ForkJoinWorkerThread.java", 165)));
        return b.build("m7e2k4q9-0042", new RequestInfo("GET", "/checkout", "cart=42", 200, START, 101_300_000L, null),
                "async-profiler", MS, false);
    }

    /** The profile with exact call counts in its method table, as an exact engine would record them. */
    static Profile withCalls(Profile p) {
        List<MethodStats> methods = new ArrayList<>();
        long n = 1;
        for (MethodStats m : p.methods()) {
            methods.add(new MethodStats(m.method(), m.totalNs(), m.selfNs(), m.samples(), n));
            n = n * 3 % 17 + 1;
        }
        return new Profile(p.id(), p.request(), p.sampling(), p.threads(), p.nodes(), p.samples(), p.lines(),
                methods, p.notes());
    }

    /** Hostile strings in every name a writer shows. */
    static final String SCRIPT = "</script><script>alert(1)</script>";
    static final String ATTRIBUTE = "\"><img src=x onerror=alert(1)>";

    static Profile hostile() {
        ProfileBuilder b = new ProfileBuilder();
        Frame evil = f("com.evil." + SCRIPT, "m" + ATTRIBUTE, "E\nvil.java", 7);
        Frame other = f("com.evil.Other" + ATTRIBUTE, SCRIPT, "<!--x.java", 9);
        int t = b.thread("t" + SCRIPT);
        for (int i = 0; i < 30; i++) b.sample(t, i * MS, MS, 1, new Frame[] {evil, other});
        b.note("note " + SCRIPT + ATTRIBUTE);
        return b.build("evil-1", new RequestInfo("GET", "/x" + SCRIPT, "q=" + ATTRIBUTE, 500, START, 31 * MS,
                "java.lang.IllegalStateException" + SCRIPT), "java", MS, false);
    }

    /** The root of the {@code com.acme.shop} sources kept as test resources by the report tests. */
    static Path acmeSources() {
        try {
            return Path.of(CheckoutFixture.class.getResource("/dev/hotline/core/report/sources").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(ProfileWriter w, Profile p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            w.write(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(ProfileWriter w, Profile p) {
        return new String(bytes(w, p), StandardCharsets.UTF_8);
    }

    /**
     * Compares {@code actual} byte for byte with the golden file {@code name}; with
     * {@code -Dexport.golden.update=true} rewrites the file in the source tree instead. On a mismatch the
     * actual bytes are written to {@code target/golden-actual/}.
     */
    static void assertGolden(String name, byte[] actual) throws IOException {
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Path file = Path.of("src/test/resources/dev/hotline/core/export", name);
            Files.createDirectories(file.getParent());
            Files.write(file, actual);
            return;
        }
        byte[] expected;
        try (InputStream in = CheckoutFixture.class.getResourceAsStream(name)) {
            expected = in == null ? null : in.readAllBytes();
        }
        if (!Arrays.equals(actual, expected)) {
            Path out = Path.of("target", "golden-actual", name);
            Files.createDirectories(out.getParent());
            Files.write(out, actual);
        }
        assertThat(expected).as("golden file %s is missing: run with -D%s=true", name, UPDATE_PROPERTY).isNotNull();
        assertThat(new String(actual, StandardCharsets.UTF_8))
                .as("%s differs from the golden file (actual in target/golden-actual; -D%s=true to update)",
                        name, UPDATE_PROPERTY)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }
}
