package dev.hotline.core.format;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version 1 golden file: every later release must still read it, with these values. Never edit the file;
 * add a new one for a new version.
 */
class ProfileJsonGoldenTest {
    static final String GOLDEN_V1 = "profile-v1.json";
    private static Profile p;

    static Reader golden(String name) {
        InputStream in = ProfileJsonGoldenTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void read() throws Exception {
        try (Reader r = golden(GOLDEN_V1)) {
            p = ProfileJson.read(r);
        }
    }

    @Test
    void request() {
        assertThat(p.id()).isEqualTo("m3j7k2x1-00042");
        assertThat(p.request().method()).isEqualTo("GET");
        assertThat(p.request().path()).isEqualTo("/orders/42");
        assertThat(p.request().query()).isEqualTo("expand=items");
        assertThat(p.request().status()).isEqualTo(200);
        assertThat(p.request().start()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
        assertThat(p.request().start().toEpochMilli()).isEqualTo(1_795_256_130_123L);
        assertThat(p.request().durationNs()).isEqualTo(17_912_345);
        assertThat(p.request().error()).isNull();
    }

    @Test
    void sampling() {
        assertThat(p.sampling().engine()).isEqualTo("async-profiler");
        assertThat(p.sampling().intervalNs()).isEqualTo(1_000_000);
        assertThat(p.sampling().sampleCount()).isEqualTo(18);
        assertThat(p.sampling().sampledNs()).isEqualTo(19_500_000);
        assertThat(p.sampling().effectiveIntervalNs()).isEqualTo(19_500_000 / 18);
        assertThat(p.sampling().budgetLimited()).isFalse();
        assertThat(p.sampling().lowConfidence()).isTrue();
        assertThat(p.notes()).containsExactly("only 18 samples: shares are rough, repeat the request or lower the interval");
        assertThat(p.threads()).containsExactly("http-nio-8080-exec-1", "ForkJoinPool.commonPool-worker-1");
    }

    @Test
    void callTree() {
        assertThat(p.nodes()).hasSize(14);
        CallNode root = p.root();
        assertThat(root.frame()).isNull();
        assertThat(root.totalNs()).isEqualTo(19_500_000);
        assertThat(root.samples()).isEqualTo(18);
        assertThat(root.children()).extracting(CallNode::id).containsExactly(1, 10);

        CallNode poll = p.nodes().get(5);
        assertThat(poll.frame()).isEqualTo(new Frame("sun.nio.ch.Net", "poll", "Net.java", -1));
        assertThat(poll.selfNs()).isEqualTo(12_000_000);
        assertThat(poll.samples()).isEqualTo(12);
        assertThat(poll.depth()).isEqualTo(5);
        assertThat(poll.parent().frame().line()).isEqualTo(77);

        CallNode lambda = p.nodes().get(8);
        assertThat(lambda.frame().fileName()).isNull();
        // The file holds the name the JVM gave the lambda in that run; readers drop the run-specific part.
        assertThat(lambda.frame().className()).isEqualTo("com.acme.shop.OrderService$$Lambda");

        // recursion on the worker: apply:22 -> apply:22 -> apply:19
        CallNode deepest = p.nodes().get(13);
        assertThat(deepest.parent().frame()).isEqualTo(deepest.parent().parent().frame());
        assertThat(deepest.selfNs()).isEqualTo(1_900_000);
        assertThat(p.nodes().get(1).children()).extracting(CallNode::id).containsExactly(2, 6);
        for (CallNode n : p.nodes()) {
            long children = n.children().stream().mapToLong(CallNode::totalNs).sum();
            assertThat(n.selfNs() + children).as("node %d total = self + children", n.id()).isEqualTo(n.totalNs());
        }
    }

    @Test
    void samples() {
        assertThat(p.samples()).hasSize(7);
        assertThat(p.samples().get(1)).isEqualTo(new ProfileSample(0, 2_000_000, 12_000_000, 12, 5));
        assertThat(p.samples().get(6)).isEqualTo(new ProfileSample(1, 15_700_000, 1_900_000, 1, 13));
        assertThat(p.samples().stream().mapToLong(ProfileSample::weightNs).sum()).isEqualTo(p.sampling().sampledNs());
        assertThat(p.samples().stream().mapToLong(ProfileSample::count).sum()).isEqualTo(p.sampling().sampleCount());
    }

    @Test
    void lines() {
        assertThat(p.lines()).hasSize(11);
        assertThat(p.lines().get(0)).isEqualTo(new LineStats(new Frame("java.lang.Thread", "run", "Thread.java", 840),
                17_600_000, 0, 17, LineStats.NOT_COUNTED));
        LineStats rule19 = p.lines().get(5);
        assertThat(rule19.frame()).isEqualTo(new Frame("com.acme.shop.PriceRules", "apply", "PriceRules.java", 19));
        assertThat(rule19.totalNs()).isEqualTo(3_900_000);
        assertThat(rule19.selfNs()).isEqualTo(3_900_000);
        // twice on the worker's stack in one sample, counted once
        LineStats rule22 = p.lines().get(9);
        assertThat(rule22.frame().line()).isEqualTo(22);
        assertThat(rule22.totalNs()).isEqualTo(1_900_000);
        assertThat(rule22.samples()).isEqualTo(1);
        assertThat(p.lines()).allSatisfy(l -> assertThat(l.hits()).isEqualTo(LineStats.NOT_COUNTED));
        assertThat(p.lines()).extracting(LineStats::totalNs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void methods() {
        assertThat(p.methods()).hasSize(9);
        MethodStats doGet = p.methods().get(0);
        assertThat(doGet.method()).isEqualTo(new Frame("com.acme.shop.OrderServlet", "doGet", "OrderServlet.java", -1));
        assertThat(doGet.totalNs()).isEqualTo(17_600_000);
        assertThat(doGet.samples()).isEqualTo(17);
        assertThat(doGet.calls()).isEqualTo(-1);
        MethodStats rules = p.methods().get(5);
        assertThat(rules.method().className()).isEqualTo("com.acme.shop.PriceRules");
        assertThat(rules.totalNs()).isEqualTo(3_900_000);
        assertThat(p.methods()).allSatisfy(m -> assertThat(m.method().line()).isEqualTo(-1));
    }

    @Test
    void equalsTheProfileItWasWrittenFrom() {
        SampleProfiles.assertSameProfile(p, SampleProfiles.golden());
    }
}
