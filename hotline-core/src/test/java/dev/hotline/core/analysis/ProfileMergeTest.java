package dev.hotline.core.analysis;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.CallTreeRestorer;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfileMergeTest {
    static final Frame RUN = new Frame("java.lang.Thread", "run", "Thread.java", 840);
    static final Frame GET = new Frame("com.acme.Shop", "doGet", "Shop.java", 10);
    static final Frame LOAD = new Frame("com.acme.Repo", "load", "Repo.java", 20);
    static final Frame PRICE = new Frame("com.acme.Prices", "price", "Prices.java", 30);

    static Profile profile(String path, Instant start, String engine, Frame[]... stacks) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        long offset = 0;
        for (Frame[] s : stacks) {
            b.sample(t, offset, 1_000_000, 1, s);
            offset += 1_000_000;
        }
        return b.build("p", new RequestInfo("GET", path, null, 200, start, offset + 500_000, null), engine, 1_000_000, false);
    }

    @Test
    void mergingAProfileWithItselfDoublesEveryTimeAndKeepsEveryShare() {
        Profile golden = SampleProfiles.golden();
        Profile merged = ProfileMerge.of(List.of(golden, golden));

        assertThat(merged.sampling().sampledNs()).isEqualTo(2 * golden.sampling().sampledNs());
        assertThat(merged.sampling().sampleCount()).isEqualTo(2 * golden.sampling().sampleCount());
        assertThat(merged.root().totalNs()).isEqualTo(2 * golden.root().totalNs());
        assertThat(merged.nodes()).hasSameSizeAs(golden.nodes());
        assertThat(merged.threads()).containsExactly("http-nio-8080-exec-*", "ForkJoinPool.commonPool-worker-*");
        assertThat(merged.lines()).hasSameSizeAs(golden.lines());
        for (LineStats l : golden.lines()) {
            LineStats m = merged.lines().stream().filter(x -> x.frame().equals(l.frame())).findFirst().orElseThrow();
            assertThat(m.totalNs()).isEqualTo(2 * l.totalNs());
            assertThat(m.selfNs()).isEqualTo(2 * l.selfNs());
            assertThat(m.samples()).isEqualTo(2 * l.samples());
            assertThat(merged.share(m.totalNs())).isCloseTo(golden.share(l.totalNs()), within(1e-12));
        }
        for (MethodStats g : golden.methods()) {
            MethodStats m = merged.methods().stream().filter(x -> x.method().equals(g.method())).findFirst().orElseThrow();
            assertThat(m.totalNs()).isEqualTo(2 * g.totalNs());
            assertThat(m.selfNs()).isEqualTo(2 * g.selfNs());
        }
        RequestInfo r = merged.request();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/orders/42");
        assertThat(r.status()).isZero();
        assertThat(r.start()).isEqualTo(golden.request().start());
        assertThat(r.durationNs()).isEqualTo(2 * golden.request().durationNs());
        assertThat(merged.sampling().engine()).isEqualTo("async-profiler");
        assertThat(merged.notes()).contains("merged 2 profiles from 2026-11-21T10:15:30.123Z to 2026-11-21T10:15:30.123Z");
    }

    @Test
    void linesAndTreeAreThoseOfOneProfileBuiltFromAllTheSamples() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Frame[] slow = {LOAD, GET, RUN};
        Frame[] fast = {PRICE, GET, RUN};
        Frame[] recursive = {LOAD, LOAD, GET, RUN};
        Profile a = profile("/shop", t0, "java", slow, slow, fast);
        Profile b = profile("/shop", t0.plusSeconds(5), "java", fast, recursive, new Frame[0]);

        ProfileBuilder all = new ProfileBuilder();
        int t = all.thread("http-1");
        for (Frame[] s : List.of(slow, slow, fast, fast, recursive, new Frame[0])) all.sample(t, 0, 1_000_000, 1, s);
        Profile expected = all.build("x", a.request(), "java", 1_000_000, false);

        Profile merged = ProfileMerge.of(List.of(a, b));
        assertThat(merged.lines()).isEqualTo(expected.lines());
        assertThat(merged.methods()).isEqualTo(expected.methods());
        assertThat(merged.sampling().sampledNs()).isEqualTo(6_000_000);
        assertThat(merged.root().selfNs()).isEqualTo(1_000_000);
        assertThat(tree(merged)).isEqualTo(tree(expected));
        assertThat(merged.notes()).contains("merged 2 profiles from 2026-01-01T00:00:00Z to 2026-01-01T00:00:05Z");
    }

    @Test
    void differentRequestsAndEnginesAreNamedAsSuch() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Profile a = profile("/a", t0.plusSeconds(60), "java", new Frame[] {GET, RUN});
        Profile b = profile("/b", t0, "async-profiler", new Frame[] {PRICE, RUN});
        Profile merged = ProfileMerge.of(List.of(a, b));
        assertThat(merged.request().path()).isEqualTo(ProfileMerge.ANY);
        assertThat(merged.request().method()).isEqualTo("GET");
        assertThat(merged.request().start()).isEqualTo(t0);
        assertThat(merged.sampling().engine()).isEqualTo(ProfileMerge.MIXED_ENGINE);
        assertThat(merged.root().children()).hasSize(1); // Thread.run is one node for both
        assertThat(merged.root().children().get(0).children()).hasSize(2);
        assertThat(merged.id()).matches("[0-9a-z-]+");
    }

    @Test
    void threadsOfOnePoolAreOneAndOffsetsStayInOrderPerThread() {
        Profile golden = SampleProfiles.golden();
        Profile merged = ProfileMerge.of(List.of(golden, SampleProfiles.hostile(), golden));
        assertThat(merged.threads()).startsWith("http-nio-8080-exec-*", "ForkJoinPool.commonPool-worker-*").contains("pool-*");
        for (int t = 0; t < merged.threads().size(); t++) {
            int thread = t;
            List<Long> offsets = merged.samples().stream().filter(s -> s.thread() == thread).map(s -> s.offsetNs()).toList();
            assertThat(offsets).isSorted();
        }
        assertThat(merged.lines().stream().filter(l -> l.hits() >= 0).findFirst().orElseThrow().hits()).isEqualTo(40);
    }

    @Test
    void aThreadsPoolIsItsNameWithoutTheNumberAtItsEnd() {
        assertThat(ProfileMerge.poolOf("http-nio-8080-exec-17")).isEqualTo("http-nio-8080-exec-*");
        assertThat(ProfileMerge.poolOf("pool-2-thread-7")).isEqualTo("pool-2-thread-*");
        assertThat(ProfileMerge.poolOf("ForkJoinPool.commonPool-worker-3")).isEqualTo("ForkJoinPool.commonPool-worker-*");
        assertThat(ProfileMerge.poolOf("main")).isEqualTo("main");
        assertThat(ProfileMerge.poolOf("42")).isEqualTo("42");
        assertThat(ProfileMerge.poolOf("")).isEqualTo("");
        Profile a = profile("/a", Instant.EPOCH, "java", new Frame[] {GET, RUN});
        assertThat(ProfileMerge.of(List.of(a)).threads()).containsExactly("http-*");
    }

    @Test
    void aProfileWithoutSamplesIsReplayedFromItsTree() {
        CallTreeRestorer tree = new CallTreeRestorer(5_000_000, 0, 5);
        int run = tree.add(0, RUN, 5_000_000, 0, 5);
        int get = tree.add(run, GET, 5_000_000, 1_000_000, 5);
        tree.add(get, LOAD, 4_000_000, 4_000_000, 4);
        Profile noSamples = new Profile("t", new RequestInfo("GET", "/x", null, 200, Instant.EPOCH, 6_000_000, null),
                new SamplingInfo("other-tool", 1_000_000, 1_000_000, 5, 5_000_000, false),
                List.of(), tree.build(), List.of(), List.of(), List.of(), List.of());
        Profile merged = ProfileMerge.of(List.of(noSamples));
        assertThat(merged.sampling().sampledNs()).isEqualTo(5_000_000);
        assertThat(merged.sampling().sampleCount()).isEqualTo(5);
        LineStats load = merged.lines().stream().filter(l -> l.frame().equals(LOAD)).findFirst().orElseThrow();
        assertThat(load.selfNs()).isEqualTo(4_000_000);
        assertThat(merged.lines().get(0).totalNs()).isEqualTo(5_000_000);
        assertThat(merged.threads()).containsExactly(ProfileMerge.UNKNOWN_THREAD);
    }

    @Test
    void theMergedProfileIsAValidDocument() throws Exception {
        Profile merged = ProfileMerge.of(List.of(SampleProfiles.golden(), SampleProfiles.hostile()));
        Profile back = ProfileJson.fromJson(ProfileJson.toJson(merged));
        SampleProfiles.assertSameProfile(back, merged);
    }

    @Test
    void nothingToMergeIsAnError() {
        assertThatThrownBy(() -> ProfileMerge.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProfileMerge().build()).isInstanceOf(IllegalStateException.class);
    }

    private static String tree(Profile p) {
        StringBuilder b = new StringBuilder();
        walk(p.root(), "", b);
        return b.toString();
    }

    private static void walk(CallNode n, String indent, StringBuilder b) {
        b.append(indent).append(n.frame()).append(' ').append(n.totalNs()).append(' ').append(n.selfNs())
                .append(' ').append(n.samples()).append('\n');
        for (CallNode c : n.children()) walk(c, indent + " ", b);
    }

    static Profile traced(Instant start, long scale, boolean withLoad) {
        ProfileBuilder b = new ProfileBuilder();
        int t = b.thread("http-1");
        b.sample(t, 0, 1_000_000, 1, new Frame[] {RUN, GET});
        b.exactLine(GET, 1, 900 * scale, 900 * scale);
        b.exactLine(PRICE, 40, 400 * scale, 30 * scale);
        b.exactMethod(GET.methodOnly(), 1, 500 * scale, 900 * scale);
        b.exactMethod(PRICE.methodOnly(), 40, 400 * scale, 400 * scale);
        b.exactCall(null, GET, 1, 900 * scale);
        b.exactCall(GET, PRICE, 40, 400 * scale);
        if (withLoad) {
            b.exactLine(LOAD, 3, 60, 50);
            b.exactMethod(LOAD.methodOnly(), 3, 60, 60);
            b.exactCall(GET, LOAD, 3, 60);
        }
        return b.build("p", new RequestInfo("GET", "/orders", null, 200, start, 2_000_000, null), "java", 1_000_000, false);
    }

    @Test
    void exactFiguresOfTracedRequestsAddUp_andTheSlowestHitIsTheSlowestOfAll() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Profile merged = ProfileMerge.of(List.of(traced(t0, 1, false), traced(t0.plusSeconds(1), 3, true), SampleProfiles.golden()));

        LineStats get = exactLine(merged, GET), price = exactLine(merged, PRICE), load = exactLine(merged, LOAD);
        assertThat(get.traced()).isTrue();
        assertThat(get.hits()).isEqualTo(2);
        assertThat(get.timeNs()).isEqualTo(900 + 2700);
        assertThat(get.maxNs()).isEqualTo(2700);
        assertThat(price.hits()).isEqualTo(80);
        assertThat(price.timeNs()).isEqualTo(1600);
        assertThat(price.maxNs()).isEqualTo(90);
        assertThat(load.hits()).isEqualTo(3);
        assertThat(load.timeNs()).isEqualTo(60);
        assertThat(load.maxNs()).isEqualTo(50);

        MethodStats getM = exactMethod(merged, GET), priceM = exactMethod(merged, PRICE);
        assertThat(getM.calls()).isEqualTo(2);
        assertThat(getM.tottimeNs()).isEqualTo(2000);
        assertThat(getM.cumtimeNs()).isEqualTo(3600);
        assertThat(priceM.calls()).isEqualTo(80);
        assertThat(priceM.tottimeNs()).isEqualTo(1600);
        assertThat(priceM.cumtimeNs()).isEqualTo(1600);
        assertThat(exactMethod(merged, LOAD).calls()).isEqualTo(3);

        assertThat(merged.edges()).extracting(e -> e.caller() == null ? "-" : e.caller().methodName(), e -> e.callee().methodName(),
                        e -> e.calls(), e -> e.totalNs())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("-", "doGet", 2L, 3600L),
                        org.assertj.core.groups.Tuple.tuple("doGet", "price", 80L, 1600L),
                        org.assertj.core.groups.Tuple.tuple("doGet", "load", 3L, 60L));
        // The sampled-only profile's lines stay sampled-only.
        for (LineStats l : SampleProfiles.golden().lines()) {
            if (l.frame().equals(GET) || l.frame().equals(PRICE) || l.frame().equals(LOAD)) continue;
            assertThat(merged.lines().stream().filter(x -> x.frame().equals(l.frame())).findFirst().orElseThrow().traced()).isFalse();
        }
    }

    @Test
    void mergedExactFigures_surviveTheJsonFormat() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        Profile merged = ProfileMerge.of(List.of(traced(t0, 1, true), traced(t0, 2, true)));
        Profile read = ProfileJson.fromJson(ProfileJson.toJson(merged));
        assertThat(exactLine(read, PRICE)).isEqualTo(exactLine(merged, PRICE));
        assertThat(exactMethod(read, GET)).isEqualTo(exactMethod(merged, GET));
        assertThat(read.edges()).containsExactlyInAnyOrderElementsOf(merged.edges());
    }

    private static LineStats exactLine(Profile p, Frame f) {
        return p.lines().stream().filter(l -> l.frame().equals(f)).findFirst().orElseThrow();
    }

    private static MethodStats exactMethod(Profile p, Frame f) {
        return p.methods().stream().filter(m -> m.method().equals(f.methodOnly())).findFirst().orElseThrow();
    }
}
