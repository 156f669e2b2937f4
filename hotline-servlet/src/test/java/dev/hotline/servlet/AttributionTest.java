package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Samples land in the profile of the request they worked for, and only there. */
class AttributionTest {
    private static final Map<String, Class<?>> ENDPOINTS = Map.of(
            "/alpha", Workloads.AlphaWork.class, "/bravo", Workloads.BravoWork.class,
            "/charlie", Workloads.CharlieWork.class, "/delta", Workloads.DeltaWork.class);

    private static TestServer start(HotlineConfig.Engine engine, TestServer.Profiles profiles) throws Exception {
        HotlineFilter filter = HotlineFilter.builder().engine(engine).textOutput(HotlineConfig.TextOutput.OFF)
                .keepRate("all").listener(profiles::add).build();
        return TestServer.builder()
                .servlet("/alpha", Workloads.servlet(Workloads.AlphaWork::run))
                .servlet("/bravo", Workloads.servlet(Workloads.BravoWork::run))
                .servlet("/charlie", Workloads.servlet(Workloads.CharlieWork::run))
                .servlet("/delta", Workloads.servlet(Workloads.DeltaWork::run))
                .servlet("/hop", new Workloads.HopServlet())
                .servlet("/async", new Workloads.AsyncServlet())
                .filter(filter).start();
    }

    @ParameterizedTest
    @EnumSource(value = HotlineConfig.Engine.class, names = {"JAVA", "ASYNC_PROFILER"})
    void concurrentRequestsNeverShareFrames(HotlineConfig.Engine engine) throws Exception {
        TestServer.Profiles profiles = new TestServer.Profiles();
        try (TestServer server = start(engine, profiles)) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 16; i++) paths.add(List.of("/alpha", "/bravo", "/charlie", "/delta").get(i % 4));
            List<CompletableFuture<HttpResponse<String>>> calls = paths.stream()
                    .map(p -> CompletableFuture.supplyAsync(() -> {
                        try {
                            return server.get(p);
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                    }, r -> new Thread(r).start()))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> c : calls) assertThat(c.get().statusCode()).isEqualTo(200);

            List<Profile> got = profiles.next(16);
            for (Profile p : got) {
                Class<?> own = ENDPOINTS.get(p.request().path());
                Set<String> workClasses = classesIn(p).stream()
                        .filter(c -> c.startsWith(Workloads.class.getName() + "$") && c.endsWith("Work"))
                        .collect(Collectors.toSet());
                assertThat(workClasses).as("work classes in the profile of %s (%d samples, notes %s)",
                                p.request().path(), p.sampling().sampleCount(), p.notes())
                        .containsExactly(own.getName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = HotlineConfig.Engine.class, names = {"JAVA", "ASYNC_PROFILER"})
    void executorHopBelongsToTheRequest(HotlineConfig.Engine engine) throws Exception {
        TestServer.Profiles profiles = new TestServer.Profiles();
        try (TestServer server = start(engine, profiles)) {
            assertThat(server.get("/hop").body()).isEqualTo("pooled");
            Profile p = profiles.next();
            assertThat(p.threads()).contains("hop-pool");
            long pooled = methodTotal(p, Workloads.PoolWork.class, "inPool");
            assertThat(p.share(pooled)).as("share of the pooled task").isGreaterThan(0.3);
        }
    }

    @ParameterizedTest
    @EnumSource(value = HotlineConfig.Engine.class, names = {"JAVA", "ASYNC_PROFILER"})
    void asyncServletIsProfiledUntilComplete(HotlineConfig.Engine engine) throws Exception {
        TestServer.Profiles profiles = new TestServer.Profiles();
        try (TestServer server = start(engine, profiles)) {
            HttpResponse<String> r = server.get("/async");
            assertThat(r.body()).isEqualTo("async done");
            Profile p = profiles.next();
            assertThat(p.request().path()).isEqualTo("/async");
            assertThat(p.request().status()).isEqualTo(200);
            assertThat(p.request().durationNs()).isGreaterThanOrEqualTo(150_000_000L);
            assertThat(p.share(methodTotal(p, Workloads.AsyncWork.class, "later"))).isGreaterThan(0.5);
        }
    }

    static Set<String> classesIn(Profile p) {
        return p.lines().stream().map(l -> l.frame().className()).collect(Collectors.toSet());
    }

    static long methodTotal(Profile p, Class<?> type, String method) {
        return p.methods().stream()
                .filter(m -> m.method().className().equals(type.getName()) && m.method().methodName().equals(method))
                .mapToLong(m -> m.totalNs()).sum();
    }

}
