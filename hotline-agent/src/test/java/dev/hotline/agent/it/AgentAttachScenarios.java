package dev.hotline.agent.it;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same scenarios in each container, started in a forked JVM with only the agent on its command line (and,
 * where said, the app's own HotlineFilter), on this JVM and on the newer one when named.
 */
abstract class AgentAttachScenarios {
    static final String PACKAGES = "example.shop";
    static final List<String> REQUESTS = List.of("/shop/hello?x=1&token=s3cr3t", "/shop/loop?n=1000", "/shop/recurse?n=12",
            "/shop/catch?n=5", "/shop/fail", "/shop/missing", "/shop/async?n=100", "/shop/oversized?n=3");

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN_ID = "00f067aa0ba902b7";

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

    /**
     * Whether a profiled response can still take the Server-Timing header when the entry point returns. Undertow
     * commits the response inside its entry point, before the hook's exit (a documented limit).
     */
    boolean serverTimingAtExit() {
        return true;
    }

    /**
     * Whether the exception of a failed request can be seen when the entry point returns. Undertow handles it inside
     * its entry point and keeps it in its own exchange, not in a request attribute (a documented limit).
     */
    boolean errorSeenAtExit() {
        return true;
    }

    /**
     * Whether the UI path without its trailing slash reaches the entry point (to be redirected). Jetty 12 ee8 and
     * ee9 answer it with their own 404 before their servlet handler runs (a documented limit).
     */
    boolean bareUiPathReachesTheAgent() {
        return true;
    }

    /** The forked app's class path. */
    String classPath(boolean withHotline) {
        return ForkedApp.classPath(withHotline);
    }

    ForkedApp start(String java, String agentArgs, String... args) throws Exception {
        return ForkedApp.start(java, agentArgs, classPath(args.length > 0 && args[0].equals("filter")), app(), args);
    }

    static List<String> javas() {
        return ForkedApp.javas();
    }

    String agentArgs(Path dir) {
        return "packages=" + PACKAGES + ",profile-dir=" + dir + ",text-output=off";
    }

    @ParameterizedTest
    @MethodSource("javas")
    void everyRequestIsProfiled_withNoFilter(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir))) {
            for (String r : REQUESTS) {
                if (r.startsWith("/shop/hello")) app.get(r, "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01");
                else app.get(r);
            }
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
            // The exception the container handled, not null, as the filter records it.
            if (errorSeenAtExit()) {
                assertThat(byPath(profiles, "/shop/fail").request().error()).isEqualTo("java.lang.IllegalStateException: failing on purpose");
            }
            // The servlet mapping gives the route, as under the filter.
            assertThat(hello.request().route()).isEqualTo("/shop/*");
            // The caller's trace, from the traceparent header of that request alone.
            assertThat(hello.request().traceId()).isEqualTo(TRACE_ID);
            assertThat(hello.request().spanId()).isEqualTo(CALLER_SPAN_ID);
            assertThat(byPath(profiles, "/shop/loop").request().traceId()).isNull();
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
            for (String r : REQUESTS) profiled.add(withoutProfileHeaders(app.get(r)));
        }
        assertThat(profiled).isEqualTo(plain);
        // A client the page would refuse sees exactly the app's response, without even the profile headers.
        List<ForkedApp.Seen> forwarded = new ArrayList<>();
        List<ForkedApp.Seen> plainForwarded = new ArrayList<>();
        try (ForkedApp app = start(java, null)) {
            for (String r : REQUESTS) plainForwarded.add(app.get(r, "X-Forwarded-For", "203.0.113.9"));
        }
        try (ForkedApp app = start(java, agentArgs(tmp.resolve("profiles2")))) {
            for (String r : REQUESTS) forwarded.add(app.get(r, "X-Forwarded-For", "203.0.113.9"));
        }
        assertThat(forwarded).isEqualTo(plainForwarded);
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
            assertThat(app.printed()).contains("Hotline agent: Hotline setting 'engine' from agent argument has the value 'turbo', which is not one of auto, async-profiler, java");
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

    /** The response minus the two headers the agent adds for clients allowed to see profiles. */
    private static ForkedApp.Seen withoutProfileHeaders(ForkedApp.Seen seen) {
        Map<String, List<String>> h = new TreeMap<>(seen.headers());
        // Only on-demand requests link to their profile: whether a profile is kept is decided after the response.
        List<String> link = h.remove("hotline-profile");
        assertThat(link).as("Hotline-Profile on a request not asked for on demand").isNull();
        h.remove("server-timing"); // absent where the response was committed before the dispatch returned
        return new ForkedApp.Seen(seen.status(), h, seen.body());
    }

    @ParameterizedTest
    @MethodSource("javas")
    void theResultsPage_isServedByTheAgent_withItsProfiles(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir))) {
            // On demand: the profile is sure to be kept, so the response links to it.
            ForkedApp.Seen loop = app.get("/shop/loop?n=1000", "X-Hotline", "1");
            assertThat(loop.status()).isEqualTo(200);
            String link = loop.headers().get("hotline-profile").get(0);
            assertThat(link).startsWith("/_hotline/#/profile/");
            String id = link.substring("/_hotline/#/profile/".length());
            if (serverTimingAtExit()) {
                assertThat(loop.headers().get("server-timing")).singleElement().asString().matches("hotline;dur=[0-9.]+;desc=\"profile\"");
            }
            assertThat(ForkedApp.profiles(dir, 1)).as(app.printed()).hasSize(1);

            ForkedApp.Seen list = app.get("/_hotline/api/profiles");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.headers().get("content-type")).singleElement().asString().startsWith("application/json;");
            assertThat(list.body()).contains("\"total\":1,").containsPattern("\\{\"id\":\"" + Pattern.quote(id)
                    + "\",\"method\":\"GET\",\"path\":\"/shop/loop\",\"query\":\"n=1000\",\"status\":200,[^}]*\"exact\":true");
            // The page's own requests are never profiled.
            assertThat(list.headers()).doesNotContainKeys("hotline-profile", "server-timing");

            ForkedApp.Seen one = app.get("/_hotline/api/profiles/" + id);
            assertThat(one.status()).isEqualTo(200);
            Profile p = ProfileJson.fromJson(one.body());
            assertThat(hits(p, "Work.java", "sum += i;")).isEqualTo(1000);
            assertThat(hits(p, "Work.java", "long sum = 0;")).isEqualTo(1);

            ForkedApp.Seen index = app.get("/_hotline/");
            assertThat(index.status()).isEqualTo(200);
            assertThat(index.headers().get("content-type")).singleElement().asString().startsWith("text/html;");
            assertThat(index.headers().get("content-security-policy")).singleElement().asString()
                    .startsWith("default-src 'self'; script-src 'self';");
            assertThat(index.headers().get("x-frame-options")).containsExactly("DENY");
            assertThat(index.body()).contains("<script type=\"module\"");
            assertThat(app.get("/_hotline/assets/app.js").status()).isEqualTo(200);
            ForkedApp.Seen speedscope = app.get("/_hotline/speedscope/");
            assertThat(speedscope.status()).isEqualTo(200);
            assertThat(speedscope.body()).containsIgnoringCase("speedscope");

            if (bareUiPathReachesTheAgent()) {
                ForkedApp.Seen redirect = app.get("/_hotline");
                assertThat(redirect.status()).isEqualTo(308);
                assertThat(redirect.headers().get("location")).containsExactly("/_hotline/");
            }
            assertThat(app.get("/_hotline/api/profiles/..%2F..%2Fetc").status()).isBetween(400, 404);

            ForkedApp.Seen forwarded = app.get("/_hotline/api/profiles", "X-Forwarded-For", "203.0.113.9");
            assertThat(forwarded.status()).isEqualTo(403);
            assertThat(forwarded.body()).doesNotContain(id).contains("loopback");
            assertThat(app.get("/_hotline/", "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(403);
            // Still exactly one profile: the page's requests made none.
            Thread.sleep(300);
            assertThat(ForkedApp.list(dir)).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void withAToken_thePageAsksForIt(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir) + ",ui-token=t0ps3cret-t0ps3cret")) {
            assertThat(app.get("/_hotline/api/profiles").status()).isEqualTo(401);
            assertThat(app.get("/_hotline/api/profiles", "X-Hotline-Token", "wrong").status()).isEqualTo(401);
            assertThat(app.get("/_hotline/api/profiles", "X-Hotline-Token", "t0ps3cret-t0ps3cret").status()).isEqualTo(200);
            assertThat(app.get("/_hotline/login").status()).isEqualTo(200);
            assertThat(app.postForm("/_hotline/login", "token=wrong-wrong-wrong").status()).isEqualTo(401);
            ForkedApp.Seen signedIn = app.postForm("/_hotline/login", "token=t0ps3cret-t0ps3cret");
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
            String cookie = signedIn.headers().get("set-cookie").get(0);
            assertThat(cookie).startsWith("hotline_session=").contains("Path=/_hotline/", "HttpOnly");
            assertThat(app.get("/_hotline/api/profiles", "Cookie", cookie.substring(0, cookie.indexOf(';'))).status()).isEqualTo(200);
            // Without the token, a client learns nothing of profiles.
            assertThat(app.get("/shop/loop?n=3").headers()).doesNotContainKeys("hotline-profile", "server-timing");
            assertThat(app.get("/shop/loop?n=3", "X-Hotline-Token", "t0ps3cret-t0ps3cret", "X-Hotline", "1").headers())
                    .containsKeys(serverTimingAtExit() ? new String[] {"hotline-profile", "server-timing"} : new String[] {"hotline-profile"});
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void uiPort_thePageOnItsOwnLoopbackListener(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        String token = "t0ps3cret-t0ps3cret";
        try (ForkedApp app = start(java, agentArgs(dir) + ",ui-port=0,ui-token=" + token)) {
            assertThat(app.get("/shop/loop?n=3").headers()).doesNotContainKey("hotline-profile");
            String link = app.get("/shop/loop?n=3", "X-Hotline-Token", token, "X-Hotline", "1").headers().get("hotline-profile").get(0);
            assertThat(link).startsWith("http://127.0.0.1:").contains("/_hotline/#/profile/");
            int uiPort = URI.create(link).getPort();
            assertThat(uiPort).isNotEqualTo(app.port);
            assertThat(app.get("/_hotline/api/profiles", "X-Hotline-Token", token).body()).doesNotContain("\"total\"");
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + uiPort + "/_hotline/api/profiles"))
                    .header("X-Hotline-Token", token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("\"total\":");
            assertThat(app.printed()).contains("results page at http://127.0.0.1:" + uiPort + "/_hotline/");
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void onDemandProfiling_forAllowedClientsOnly(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        // Requests faster than a minute are not kept, unless asked for.
        try (ForkedApp app = start(java, agentArgs(dir) + ",min-duration=60s")) {
            assertThat(app.get("/shop/loop?n=7").status()).isEqualTo(200);
            assertThat(app.get("/shop/loop?n=8&hotline=1", "X-Forwarded-For", "203.0.113.9").status()).isEqualTo(200);
            assertThat(app.get("/shop/loop?n=9&hotline=1").status()).isEqualTo(200);
            assertThat(app.get("/shop/loop?n=10", "X-Hotline", "1").status()).isEqualTo(200);
            List<Profile> kept = read(ForkedApp.profiles(dir, 2));
            Thread.sleep(300);
            kept = read(ForkedApp.list(dir));
            assertThat(kept).as(app.printed()).extracting(q -> q.request().query()).containsExactlyInAnyOrder("n=9&hotline=1", "n=10");
            Profile asked = kept.stream().filter(q -> q.request().query().equals("n=9&hotline=1")).findFirst().orElseThrow();
            assertThat(hits(asked, "Work.java", "sum += i;")).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void withTheAppsFilterToo_theAgentsPageAnswers(String java) throws Exception {
        Assumptions.assumeTrue(appCanRegisterFilter(), "HotlineFilter is a jakarta.servlet filter");
        Path agentDir = tmp.resolve("agent");
        Path filterDir = tmp.resolve("filter");
        // The agent profiles its first request and then 1 in a million, unless asked; the filter would profile all.
        try (ForkedApp app = start(java, agentArgs(agentDir) + ",profile-one-in=1000000", "filter", filterDir.toString())) {
            assertThat(app.get("/shop/loop?n=4").status()).isEqualTo(200); // profiled: the agent's first request
            // Not profiled by the agent, and not by the filter either: under the agent, the agent decides.
            ForkedApp.Seen skipped = app.get("/shop/loop?n=5");
            assertThat(skipped.status()).isEqualTo(200);
            assertThat(skipped.headers()).doesNotContainKeys("hotline-profile", "server-timing");
            assertThat(app.get("/shop/loop?n=6&hotline=1").headers().get("hotline-profile")).singleElement().asString().startsWith("/_hotline/#/profile/");
            assertThat(ForkedApp.profiles(agentDir, 2)).as(app.printed()).hasSize(2);
            ForkedApp.Seen list = app.get("/_hotline/api/profiles");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains("\"total\":2,").contains("\"query\":\"n=6\\u0026hotline=1\"").contains("\"query\":\"n=4\"");
            assertThat(app.get("/filter-stats").body()).isEqualTo("begun=0");
            assertThat(ForkedApp.list(filterDir)).isEmpty();
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
