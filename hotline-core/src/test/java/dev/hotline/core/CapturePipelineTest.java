package dev.hotline.core;

import dev.hotline.core.analysis.ProfileMerge;
import dev.hotline.core.endpoint.EndpointFigures;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline as a whole: what is kept, what is counted, and the endpoint figures of every sampled request. */
class CapturePipelineTest {

    static HotlineConfig.Builder config(String engine) {
        return HotlineConfig.builder().explicitSource("test").set("engine", engine).set("text-output", "off")
                .systemProperties(new java.util.Properties()).environment(Map.of());
    }

    static void request(Hotline h, String path, int status, long spinMs) {
        RequestProfile p = h.begin("GET", path, "a=1");
        try {
            long end = System.nanoTime() + Duration.ofMillis(spinMs).toNanos();
            long x = 0;
            while (System.nanoTime() < end) x += Workloads.work(x);
            if (x == 42) System.out.print("");
        } finally {
            if (p != null) {
                p.detach();
                p.end(status, null);
            }
        }
    }

    static HotlineStats settle(Hotline h) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HotlineStats s = h.stats();
        while (s.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = h.stats();
        }
        return s;
    }

    /** A stand-in for application code, so samples have a stack of their own. */
    static final class Workloads {
        static long work(long x) {
            return (x * 31 + 7) % 1_000_003;
        }
    }

    @Test
    void countersAddUp_andOnlyKeptRequestsBecomeProfiles() throws Exception {
        ConcurrentLinkedQueue<Profile> seen = new ConcurrentLinkedQueue<>();
        try (Hotline h = Hotline.start(config("java").keepRate("2").build())) {
            h.addListener(seen::add);
            for (int i = 0; i < 60; i++) request(h, "/orders/" + i, i % 20 == 0 ? 500 : 200, 1);
            HotlineStats s = settle(h);
            assertThat(s.pending()).isZero();
            assertThat(s.sampled()).isEqualTo(60);
            assertThat(s.kept() + s.notKept() + s.dropped()).isEqualTo(s.sampled());
            assertThat(s.kept()).as("a budget of 2 a second over a burst").isBetween(1L, 10L);
            assertThat(s.notKept()).isPositive();
            assertThat(seen).hasSize((int) s.kept());
            assertThat(seen).allSatisfy(p -> assertThat(p.keptBecause()).isIn(
                    KeepPolicy.WITHIN_RATE, KeepPolicy.FAILED, KeepPolicy.SLOW));
            assertThat(seen).anySatisfy(p -> assertThat(p.keptBecause()).isEqualTo(KeepPolicy.FAILED));
            // Every sampled request counts in its endpoint, kept or not.
            EndpointFigures.Summary e = h.endpoints().summary("GET", "/orders/{id}");
            assertThat(e.count()).isEqualTo(60);
            assertThat(e.failed()).isEqualTo(3);
            assertThat(e.p99Ns()).isGreaterThanOrEqualTo(e.p95Ns()).isGreaterThanOrEqualTo(e.p50Ns()).isPositive();
        }
    }

    @Test
    void onDemand_isKeptOverTheBudget() throws Exception {
        try (Hotline h = Hotline.start(config("java").keepRate("0.001").build())) {
            for (int i = 0; i < 5; i++) request(h, "/a", 200, 1);
            RequestProfile p = h.begin("GET", "/a", null, true);
            p.detach();
            p.end(200, null);
            settle(h);
            assertThat(h.recentProfiles()).extracting(Profile::keptBecause).contains(KeepPolicy.ON_DEMAND);
        }
    }

    @Test
    void endpointFigures_equalAMergeOfEveryProfile_whenEveryProfileIsKept() throws Exception {
        ConcurrentLinkedQueue<Profile> all = new ConcurrentLinkedQueue<>();
        try (Hotline h = Hotline.start(config("java").keepRate("all").set("keep-in-memory", "1000").build())) {
            h.addListener(all::add);
            request(h, "/warm-up", 200, 200); // the sampler's first round is slow
            for (int i = 0; i < 30; i++) request(h, "/items/" + i, 200, 10);
            HotlineStats s = settle(h);
            assertThat(s.kept()).isEqualTo(31);
            all.removeIf(p -> p.request().path().equals("/warm-up"));
            assertThat(all).allSatisfy(p -> assertThat(p.keptBecause()).isEqualTo(KeepPolicy.ALL));

            Profile merged = ProfileMerge.of(all);
            Profile endpoint = h.endpoints().profile("GET", "/items/{id}", h.engineName(), h.config().intervalNs());
            assertThat(merged.sampling().sampleCount()).as("samples in the profiles").isGreaterThan(5);
            assertThat(endpoint.sampling().sampledNs()).isEqualTo(merged.sampling().sampledNs());
            assertThat(endpoint.sampling().sampleCount()).isEqualTo(merged.sampling().sampleCount());
            Map<String, LineStats> e = byFrame(endpoint.lines());
            Map<String, LineStats> m = byFrame(merged.lines());
            assertThat(e.keySet()).isEqualTo(m.keySet());
            for (String f : m.keySet()) {
                assertThat(e.get(f).totalNs()).as("total of %s", f).isEqualTo(m.get(f).totalNs());
                assertThat(e.get(f).selfNs()).as("self of %s", f).isEqualTo(m.get(f).selfNs());
                assertThat(e.get(f).samples()).as("samples of %s", f).isEqualTo(m.get(f).samples());
            }
        }
    }

    static Map<String, LineStats> byFrame(List<LineStats> lines) {
        return lines.stream().collect(Collectors.toMap(l -> l.frame().toString(), Function.identity()));
    }

    @Test
    void countersAreOnJmx() throws Exception {
        try (Hotline h = Hotline.start(config("java").build())) {
            request(h, "/a", 200, 1);
            settle(h);
            var server = ManagementFactory.getPlatformMBeanServer();
            var names = server.queryNames(new ObjectName("dev.hotline:type=Hotline,*"), null);
            assertThat(names).isNotEmpty();
            boolean found = false;
            for (ObjectName n : names) {
                if (((Long) server.getAttribute(n, "Sampled")) == 1L && "10".equals(server.getAttribute(n, "KeepRate"))) found = true;
            }
            assertThat(found).isTrue();
        }
    }
}
