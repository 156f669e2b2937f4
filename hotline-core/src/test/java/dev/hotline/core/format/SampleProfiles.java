package dev.hotline.core.format;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles for format and store tests, and a structural comparison (CallNode has identity equality). */
public final class SampleProfiles {
    private SampleProfiles() {}

    /** Strings a request or a class name could carry that a careless writer would break on. */
    public static final String HOSTILE = "</script><!-- \"quoted\" \\back\\slash \u0000nul \u0001\u001f\u007f tab\t nl\n cr\r"
            + " \u2028ls \u2029ps emoji \uD83D\uDE00 lone-high \uD800 lone-low \uDC00 caf\u00e9 \u65e5\u672c";

    /** The W3C Trace Context examples' ids. */
    public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736", SPAN_ID = "00f067aa0ba902b7";

    /** {@code p} as a request of trace {@link #TRACE_ID}, span {@link #SPAN_ID}. */
    public static Profile traced(Profile p) {
        return new Profile(p.id(), p.request().withTrace(TRACE_ID, SPAN_ID), p.sampling(), p.threads(), p.nodes(), p.samples(),
                p.lines(), p.methods(), p.notes(), p.edges(), p.appPackages(), p.keptBecause());
    }

    /** A request profile as {@code dev.hotline.core.engine.RequestRecording} would build it: the golden file's content. */
    public static Profile golden() {
        Frame run = new Frame("java.lang.Thread", "run", "Thread.java", 840);
        Frame doGet31 = new Frame("com.acme.shop.OrderServlet", "doGet", "OrderServlet.java", 31);
        Frame find = new Frame("com.acme.shop.OrderService", "find", "OrderService.java", 58);
        Frame load = new Frame("com.acme.shop.OrderRepository", "load", "OrderRepository.java", 77);
        Frame poll = new Frame("sun.nio.ch.Net", "poll", "Net.java", -1);
        Frame doGet33 = new Frame("com.acme.shop.OrderServlet", "doGet", "OrderServlet.java", 33);
        Frame price = new Frame("com.acme.shop.OrderService", "price", "OrderService.java", 64);
        Frame lambda = new Frame("com.acme.shop.OrderService$$Lambda$214/0x0000000800c4b2a8", "apply", null, -1);
        Frame rule19 = new Frame("com.acme.shop.PriceRules", "apply", "PriceRules.java", 19);
        Frame fjRun = new Frame("java.util.concurrent.ForkJoinWorkerThread", "run", "ForkJoinWorkerThread.java", 165);
        Frame rule22 = new Frame("com.acme.shop.PriceRules", "apply", "PriceRules.java", 22);

        ProfileBuilder b = new ProfileBuilder();
        int http = b.thread("http-nio-8080-exec-1");
        int worker = b.thread("ForkJoinPool.commonPool-worker-1");
        b.sample(http, 1_000_000, 1_000_000, 1, new Frame[] {find, doGet31, run});
        b.sample(http, 2_000_000, 12_000_000, 12, new Frame[] {poll, load, find, doGet31, run});
        b.sample(http, 14_000_000, 1_000_000, 1, new Frame[] {load, find, doGet31, run});
        b.sample(http, 15_000_000, 1_000_000, 1, new Frame[] {rule19, lambda, price, doGet33, run});
        b.sample(http, 16_000_000, 1_000_000, 1, new Frame[] {rule19, lambda, price, doGet33, run});
        b.sample(http, 17_000_000, 1_600_000, 1, new Frame[] {price, doGet33, run});
        b.sample(worker, 15_700_000, 1_900_000, 1, new Frame[] {rule19, rule22, rule22, fjRun});
        RequestInfo request = new RequestInfo("GET", "/orders/42", "expand=items", 200,
                Instant.parse("2026-11-21T10:15:30.123Z"), 17_912_345, null);
        return b.build("m3j7k2x1-00042", request, "async-profiler", 1_000_000, false);
    }

    /** Recursion, several threads, a null file, exact hits, hostile strings everywhere a string goes. */
    public static Profile hostile() {
        Frame main = new Frame("com.acme." + HOSTILE, "<init>", HOSTILE, 7);
        Frame rec = new Frame("com.acme.Tree", "walk", "Tree.java", 12);
        Frame leaf = new Frame("com.acme.Tree", "leaf", null, -1);
        Frame sleep = new Frame("java.lang.Thread", "sleep", null, -1);
        ProfileBuilder b = new ProfileBuilder();
        int t0 = b.thread("http-1 " + HOSTILE);
        int t1 = b.thread("pool-2");
        int t2 = b.thread("\uD83D\uDE80 virtual");
        b.sample(t0, 10, 1_000_000, 1, new Frame[] {leaf, rec, rec, rec, main});
        b.sample(t0, 1_000_010, 3_000_000, 3, new Frame[] {sleep, main});
        b.sample(t1, 500, 2_000_000, 1, new Frame[] {rec, rec, main});
        b.sample(t2, 900, 1_000_000, 1, new Frame[] {leaf, rec, main});
        b.sample(t2, 1_900, 0, 1, new Frame[0]);
        b.sample(t1, 2_500, 5_000_000, 2, new Frame[] {leaf, rec, main});
        b.hits(rec, 40);
        b.note("note " + HOSTILE);
        RequestInfo request = new RequestInfo("P\u00d6ST" + HOSTILE, "/a/../b/" + HOSTILE, "q=" + HOSTILE, 503,
                Instant.parse("2026-01-02T03:04:05.123456789Z"), Long.MAX_VALUE, "java.lang.IllegalStateException" + HOSTILE);
        return b.build("hostile-1", request, "java", 1_000_000, true);
    }

    /** A small profile for store tests. */
    public static Profile simple(String method, String path, long durationNs, Instant start) {
        Frame f = new Frame("com.acme.Shop", "buy", "Shop.java", 42);
        ProfileBuilder b = new ProfileBuilder();
        b.sample(b.thread("http-1"), 1_000_000, 1_000_000, 1, new Frame[] {f});
        return b.build("p-" + Long.toString(System.nanoTime(), 36), new RequestInfo(method, path, null, 200, start, durationNs, null),
                "java", 1_000_000, false);
    }

    /** A profile of {@code samples} samples over many distinct stacks: a file of some hundred kilobytes. */
    public static Profile big(String path, int samples, Instant start) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        for (int i = 0; i < samples; i++) {
            Frame[] stack = new Frame[8];
            for (int d = 0; d < stack.length; d++) {
                stack[d] = new Frame("com.acme.Layer" + d, "call" + (i % (d + 3)), "Layer" + d + ".java", 10 + (i * 7 + d) % 50);
            }
            b.sample(t, i * 1_000_000L, 1_000_000, 1, stack);
        }
        return b.build("big-" + samples, new RequestInfo("GET", path, null, 200, start, samples * 1_000_000L, null),
                "java", 1_000_000, false);
    }

    /** Asserts both profiles hold the same values, comparing call trees node by node. */
    public static void assertSameProfile(Profile actual, Profile expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.request()).isEqualTo(expected.request());
        assertThat(actual.sampling()).isEqualTo(expected.sampling());
        assertThat(actual.threads()).isEqualTo(expected.threads());
        assertThat(actual.samples()).isEqualTo(expected.samples());
        assertThat(actual.lines()).isEqualTo(expected.lines());
        assertThat(actual.methods()).isEqualTo(expected.methods());
        assertThat(actual.notes()).isEqualTo(expected.notes());
        assertThat(actual.nodes()).hasSameSizeAs(expected.nodes());
        for (int i = 0; i < expected.nodes().size(); i++) {
            CallNode a = actual.nodes().get(i), e = expected.nodes().get(i);
            assertThat(describe(a)).as("node %d", i).isEqualTo(describe(e));
        }
    }

    private static String describe(CallNode n) {
        StringBuilder b = new StringBuilder();
        b.append(n.id()).append(" parent=").append(n.parent() == null ? -1 : n.parent().id())
                .append(" frame=").append(n.frame()).append(" total=").append(n.totalNs())
                .append(" self=").append(n.selfNs()).append(" samples=").append(n.samples()).append(" children=");
        for (CallNode c : n.children()) b.append(c.id()).append(',');
        return b.toString();
    }
}
