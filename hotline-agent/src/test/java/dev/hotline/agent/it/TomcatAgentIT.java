package dev.hotline.agent.it;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Tomcat 10.1 (jakarta.servlet 6) under the agent. */
class TomcatAgentIT extends AgentAttachScenarios {
    @Override Class<?> app() { return TomcatApp.class; }
    @Override String container() { return "Tomcat"; }

    @ParameterizedTest
    @MethodSource("javas")
    void thePageAnswersOnlyUnderTheContextPath(String java) throws Exception {
        Path dir = tmp.resolve("profiles");
        try (ForkedApp app = start(java, agentArgs(dir), "context=/petshop")) {
            assertThat(app.get("/petshop/shop/loop?n=10").status()).isEqualTo(200);
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
