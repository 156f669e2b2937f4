package dev.hotline.agent.it;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same scenarios in each container, started in a forked JVM with only the agent on its command line (and,
 * where said, the app's own HotlineFilter), on this JVM and on the newer one when named.
 */
abstract class AgentAttachScenarios {
    static final String PACKAGES = "dev.hotline.agent.it.shop";
    static final List<String> REQUESTS = List.of("/shop/hello?x=1&token=s3cr3t", "/shop/loop?n=1000", "/shop/recurse?n=12",
            "/shop/catch?n=5", "/shop/fail", "/shop/missing", "/shop/async?n=100");

    @TempDir Path tmp;

    abstract Class<?> app();

    abstract String container();

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
        try (ForkedApp app = ForkedApp.start(java, agentArgs(dir), app())) {
            for (String r : REQUESTS) app.get(r);
            List<Path> files = ForkedApp.profiles(dir, REQUESTS.size());
            assertThat(files).as(app.printed()).hasSize(REQUESTS.size());
            List<Profile> profiles = new ArrayList<>();
            for (Path f : files) profiles.add(ProfileJson.read(f));
            profiles.sort(Comparator.comparing(p -> p.request().start()));
            assertThat(profiles).extracting(p -> p.request().method()).containsOnly("GET");
            assertThat(profiles).extracting(p -> p.request().path()).containsExactlyInAnyOrder("/shop/hello", "/shop/loop",
                    "/shop/recurse", "/shop/catch", "/shop/fail", "/shop/missing", "/shop/async");
            Profile hello = byPath(profiles, "/shop/hello");
            assertThat(hello.request().status()).isEqualTo(201);
            assertThat(hello.request().query()).isEqualTo("x=1&token=[redacted]");
            assertThat(byPath(profiles, "/shop/fail").request().status()).isEqualTo(500);
            assertThat(byPath(profiles, "/shop/missing").request().status()).isEqualTo(404);
            Profile async = byPath(profiles, "/shop/async");
            assertThat(async.request().status()).isEqualTo(202);
            assertThat(async.request().durationNs()).isGreaterThanOrEqualTo(150_000_000L);
            assertThat(app.printed()).contains("Hotline agent: attached to " + container());
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void responsesAreIdentical_withAndWithoutTheAgent(String java) throws Exception {
        List<ForkedApp.Seen> plain = new ArrayList<>();
        try (ForkedApp app = ForkedApp.start(java, null, app())) {
            for (String r : REQUESTS) plain.add(app.get(r));
        }
        List<ForkedApp.Seen> profiled = new ArrayList<>();
        try (ForkedApp app = ForkedApp.start(java, agentArgs(tmp.resolve("profiles")), app())) {
            for (String r : REQUESTS) profiled.add(app.get(r));
        }
        assertThat(profiled).isEqualTo(plain);
        assertThat(plain.get(0).status()).isEqualTo(201);
        assertThat(plain.get(0).body()).isEqualTo("hello x=1&token=s3cr3t");
    }

    @ParameterizedTest
    @MethodSource("javas")
    void aRequestIsProfiledOnce_whenTheAppAlsoRegistersTheFilter(String java) throws Exception {
        Path agentDir = tmp.resolve("agent");
        Path filterDir = tmp.resolve("filter");
        List<String> requests = List.of("/shop/hello?x=2", "/shop/loop?n=10", "/shop/async?n=10");
        try (ForkedApp app = ForkedApp.start(java, agentArgs(agentDir), app(), "filter", filterDir.toString())) {
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
        try (ForkedApp app = ForkedApp.start(java, "profile-dir=" + dir + ",engine=turbo", app())) {
            assertThat(app.get("/shop/hello?x=3").status()).isEqualTo(201);
            assertThat(app.printed()).contains("Hotline agent: Hotline setting 'engine' from agent argument has the malformed value 'turbo'");
            assertThat(app.printed()).doesNotContain("attached to");
            assertThat(ForkedApp.list(dir)).isEmpty();
        }
    }

    static Profile byPath(List<Profile> profiles, String path) {
        return profiles.stream().filter(p -> p.request().path().equals(path)).findFirst().orElseThrow();
    }
}
