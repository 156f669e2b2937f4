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
}
