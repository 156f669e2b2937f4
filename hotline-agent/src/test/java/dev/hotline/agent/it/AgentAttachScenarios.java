package dev.hotline.agent.it;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same scenarios in each container, started in a forked JVM with only the agent on its command line (and,
 * where said, the app's own HotlineFilter), on this JVM and on the newer one when named.
 */
abstract class AgentAttachScenarios {
    static final String PACKAGES = "example.shop";
    static final List<String> REQUESTS = List.of("/shop/hello?x=1&token=s3cr3t", "/shop/loop?n=1000", "/shop/recurse?n=12",
            "/shop/catch?n=5", "/shop/fail", "/shop/missing", "/shop/async?n=100", "/shop/oversized?n=3");

    @TempDir Path tmp;

    abstract Class<?> app();

    abstract String container();

    /** The shop servlet's source file, under the shop's sources. */
    String servletSource() {
        return "ShopServlet.java";
    }

    /** Whether the app can register HotlineFilter (a jakarta.servlet filter). */
    boolean appCanRegisterFilter() {
        return true;
    }

    /** The forked app's class path. */
    String classPath(boolean withHotline) {
        return ForkedApp.classPath(withHotline);
    }

    private ForkedApp start(String java, String agentArgs, String... args) throws Exception {
        return ForkedApp.start(java, agentArgs, classPath(args.length > 0 && args[0].equals("filter")), app(), args);
    }

    static List<String> javas() {
        return ForkedApp.javas();
    }

    private String agentArgs(Path dir) {
        return "packages=" + PACKAGES + ",profile-dir=" + dir + ",text-output=off";
    }

    @ParameterizedTest
    @MethodSource("javas")
    void everyRequestIsProfiled_withNoFilter(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir))) {
            for (String r : REQUESTS) app.get(r);
            List<Path> files = ForkedApp.profiles(dir, REQUESTS.size());
            assertThat(files).as(app.printed()).hasSize(REQUESTS.size());
            List<Profile> profiles = new ArrayList<>();
            for (Path f : files) profiles.add(ProfileJson.read(f));
            profiles.sort(Comparator.comparing(p -> p.request().start()));
            assertThat(profiles).extracting(p -> p.request().method()).containsOnly("GET");
            assertThat(profiles).extracting(p -> p.request().path()).containsExactlyInAnyOrder("/shop/hello", "/shop/loop",
                    "/shop/recurse", "/shop/catch", "/shop/fail", "/shop/missing", "/shop/async", "/shop/oversized");
            Profile hello = byPath(profiles, "/shop/hello");
            assertThat(hello.request().status()).isEqualTo(201);
            assertThat(hello.request().query()).isEqualTo("x=1&token=[redacted]");
            assertThat(byPath(profiles, "/shop/fail").request().status()).isEqualTo(500);
            assertThat(byPath(profiles, "/shop/missing").request().status()).isEqualTo(404);
            Profile async = byPath(profiles, "/shop/async");
            assertThat(async.request().status()).isEqualTo(202);
            assertThat(async.request().durationNs()).isGreaterThanOrEqualTo(150_000_000L);
            assertThat(app.printed()).contains("Hotline agent: attached to " + container());
            if (nativeEngineExpected()) {
                // The app has no async-profiler of its own: the native engine loads from the agent jar.
                assertThat(profiles).extracting(p -> p.sampling().engine()).containsOnly("async-profiler");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void responsesAreIdentical_withAndWithoutTheAgent(String java) throws Exception {
        List<ForkedApp.Seen> plain = new ArrayList<>();
        try (ForkedApp app = start(java, null)) {
            for (String r : REQUESTS) plain.add(app.get(r));
        }
        List<ForkedApp.Seen> profiled = new ArrayList<>();
        try (ForkedApp app = start(java, agentArgs(tmp.resolve("profiles")))) {
            for (String r : REQUESTS) profiled.add(app.get(r));
        }
        assertThat(profiled).isEqualTo(plain);
        assertThat(plain.get(0).status()).isEqualTo(201);
        assertThat(plain.get(0).body()).isEqualTo("hello x=1&token=s3cr3t");
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aRequestIsProfiledOnce_whenTheAppAlsoRegistersTheFilter(String java) throws Exception {
        Assumptions.assumeTrue(appCanRegisterFilter(), "HotlineFilter is a jakarta.servlet filter");
        Path agentDir = tmp.resolve("agent");
        Path filterDir = tmp.resolve("filter");
        List<String> requests = List.of("/shop/hello?x=2", "/shop/loop?n=10", "/shop/async?n=10");
        try (ForkedApp app = start(java, agentArgs(agentDir), "filter", filterDir.toString())) {
            for (String r : requests) assertThat(app.get(r).status()).isBetween(200, 299);
            assertThat(ForkedApp.profiles(agentDir, requests.size())).as(app.printed()).hasSize(requests.size());
            assertThat(app.get("/filter-stats").body()).isEqualTo("begun=0");
            assertThat(ForkedApp.list(filterDir)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void anInvalidSetting_printsOneLine_andTheAppRunsUnprofiled(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, "profile-dir=" + dir + ",engine=turbo")) {
            assertThat(app.get("/shop/hello?x=3").status()).isEqualTo(201);
            assertThat(app.printed()).contains("Hotline agent: Hotline setting 'engine' from agent argument has the malformed value 'turbo'");
            assertThat(app.printed()).doesNotContain("attached to");
            assertThat(ForkedApp.list(dir)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void tracedLines_haveExactHits(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir))) {
            List<String> requests = List.of("/shop/loop?n=1000", "/shop/recurse?n=12", "/shop/catch?n=5", "/shop/oversized?n=3");
            for (String r : requests) assertThat(app.get(r).status()).isEqualTo(200);
            List<Profile> profiles = read(ForkedApp.profiles(dir, requests.size()));
            assertThat(profiles).as(app.printed()).hasSize(requests.size());

            Profile loop = byPath(profiles, "/shop/loop");
            assertThat(hits(loop, "Work.java", "sum += i;")).isEqualTo(1000);
            assertThat(hits(loop, "Work.java", "long sum = 0;")).isEqualTo(1);

            Profile recurse = byPath(profiles, "/shop/recurse");
            assertThat(hits(recurse, "Work.java", "if (n <= 1) return 1;")).isEqualTo(12);
            assertThat(hits(recurse, "Work.java", "return n * factorial(n - 1);")).isEqualTo(11);
            assertThat(calls(recurse, "factorial")).isEqualTo(12);

            Profile caught = byPath(profiles, "/shop/catch");
            assertThat(hits(caught, "Work.java", "throwThrough(depth - 1);")).isEqualTo(5);
            assertThat(hits(caught, "Work.java", "if (depth <= 0) throw new IllegalStateException")).isEqualTo(6);
            assertThat(hits(caught, servletSource(), "resp.getWriter().print(\"caught \"")).isEqualTo(1);
            assertThat(hits(caught, servletSource(), "resp.getWriter().print(\"not thrown\")")).isZero();
            assertThat(calls(caught, "throwThrough")).isEqualTo(6);

            Profile oversized = byPath(profiles, "/shop/oversized");
            assertThat(oversized.lines()).noneMatch(l -> l.frame().className().endsWith("Oversized") && l.hits() > 0);
            assertThat(hits(oversized, servletSource(), "case \"/oversized\" ->")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void concurrentRequests_neverMixCounts(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir))) {
            int[] sizes = {200_000, 300_000, 250_000, 350_000};
            List<CompletableFuture<ForkedApp.Seen>> calls = new ArrayList<>();
            for (int n : sizes) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return app.get("/shop/loop?n=" + n);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (var c : calls) assertThat(c.get().status()).isEqualTo(200);
            List<Profile> profiles = read(ForkedApp.profiles(dir, sizes.length));
            assertThat(profiles).hasSize(sizes.length);
            List<Long> counted = profiles.stream().map(p -> hits(p, "Work.java", "sum += i;")).sorted().toList();
            assertThat(counted).containsExactly(200_000L, 250_000L, 300_000L, 350_000L);
            for (Profile p : profiles) {
                long n = Long.parseLong(p.request().query().substring(2));
                assertThat(hits(p, "Work.java", "sum += i;")).isEqualTo(n);
            }
        }
    }

    private static List<Profile> read(List<Path> files) throws Exception {
        List<Profile> out = new ArrayList<>();
        for (Path f : files) out.add(ProfileJson.read(f));
        return out;
    }

    /** Hits of the source line of {@code file} (under the shop's sources) that contains {@code code}; 0 when not run. */
    static long hits(Profile p, String file, String code) {
        int line = SourceLines.lineOf(file, code);
        return p.lines().stream().filter(l -> file.equals(l.frame().fileName()) && l.frame().line() == line)
                .mapToLong(l -> Math.max(0, l.hits())).sum();
    }

    static long calls(Profile p, String method) {
        return p.methods().stream().filter(m -> m.method().methodName().equals(method)
                && m.method().className().startsWith(PACKAGES)).mapToLong(m -> m.calls()).sum();
    }

    static boolean nativeEngineExpected() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64"));
    }

    static Profile byPath(List<Profile> profiles, String path) {
        return profiles.stream().filter(p -> p.request().path().equals(path)).findFirst().orElseThrow();
    }
}
