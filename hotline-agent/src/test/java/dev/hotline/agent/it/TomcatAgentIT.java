package dev.hotline.agent.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat 10.1 (jakarta.servlet 6) under the agent. */
class TomcatAgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return TomcatApp.class; }
    @Override String container() { return "Tomcat"; }

    @ParameterizedTest
    @MethodSource("javas")
    void underAContextPath_springRoutes_andThePageOnlyThere(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir), "context=/petshop")) {
            assertThat(app.get("/petshop/shop/owners/7").status()).isEqualTo(200);
            // Spring MVC's best-matching pattern gives the route under the agent too, context path included.
            Profile owner = ProfileJson.read(ForkedApp.profiles(dir, 1).get(0));
            assertThat(owner.request().route()).isEqualTo("/petshop/shop/owners/{ownerId}");
            // The traced packages are the application's, named in the profile.
            assertThat(owner.appPackages()).containsExactly(PACKAGES);
            ForkedApp.Seen inside = app.get("/petshop/_hotline/api/profiles");
            assertThat(inside.status()).as(inside.body()).isEqualTo(200);
            for (String outside : new String[] {"/_hotline/api/profiles", "/_hotline/", "/other/_hotline/api/profiles"}) {
                ForkedApp.Seen seen = app.get(outside);
                assertThat(seen.status()).as(outside).isEqualTo(404);
                assertThat(seen.body()).as(outside).doesNotContain("\"total\"");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("javas")
    void withoutPackages_theApplicationsPackagesAreDetected(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, "profile-dir=" + dir + ",text-output=off")) {
            assertThat(app.get("/shop/loop?n=10").status()).isEqualTo(200);
            Profile p = ProfileJson.read(ForkedApp.profiles(dir, 1).get(0));
            // The shop's classes come from a directory (target/test-classes), the container's from jars.
            assertThat(p.appPackages()).as(app.printed()).contains("example.shop")
                    .noneMatch(a -> a.startsWith("org.apache") || a.startsWith("jakarta") || a.startsWith("dev.hotline"));
        }
    }
}
