package dev.hotline.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotline.sample.it.ForkedBoot.Extra;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic with Spring Security requiring a login for everything. Hotline's filter runs first, before Security's
 * chain: every request is profiled (the ones Security turns away included), and the results page keeps its own
 * rule (loopback clients, or every client with the ui-token), whatever Security says. Actuator's endpoint is
 * Security's.
 */
class SecurityIT {
    static final String TOKEN = "clinic-hotline-token-0123456789";

    @ParameterizedTest(name = "Spring Boot {0}")
    @MethodSource("dev.hotline.sample.it.StarterIT#versions")
    void springSecurity_filterRunsFirst_pageKeepsItsOwnRule(String version, @TempDir Path dir) throws Exception {
        try (ForkedBoot app = new ForkedBoot.Launch(version).with(Extra.STARTER, Extra.SECURITY).in(dir)
                .args("--hotline.text-output=off", "--hotline.profile-dir=", "--hotline.ui-token=" + TOKEN,
                        "--management.endpoints.web.exposure.include=hotline,health").start()) {
            String[] login = ForkedBoot.basic("vet", "clinic-secret");
            ForkedBoot.Response refused = app.get("/owners/1");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(app.get("/owners/1", login).status()).isEqualTo(200);

            // The page answers by its own rule: a token, not the clinic's login (Security never sees these requests)
            ForkedBoot.Response noToken = app.get("/_hotline/api/profiles");
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("WWW-Authenticate")).isEmpty();
            assertThat(noToken.body()).contains("\"error\"");
            assertThat(app.get("/_hotline/api/profiles", login).status()).isEqualTo(401);

            String[] token = {"X-Hotline-Token", TOKEN};
            JsonNode items = Clinic.profiles(app, 2, token);
            // Security turned the first away before Spring MVC chose a handler: no Spring route, the page derives one
            assertThat(Clinic.routesAndStatuses(items)).containsExactly("/owners/1 /owners/{id} 401", "/owners/1 /owners/{ownerId} 200");
            for (JsonNode i : items) {
                JsonNode request = Clinic.JSON.readTree(app.get("/_hotline/api/profiles/" + i.get("id").asText(), token).body()).get("request");
                assertThat(Clinic.text(request, "route")).isEqualTo(request.get("status").asInt() == 401 ? "-" : "/owners/{ownerId}");
            }

            // Actuator's endpoint follows Actuator's (here Security's) rules
            assertThat(app.get("/actuator/hotline").status()).isEqualTo(401);
            assertThat(app.get("/actuator/hotline", token).status()).isEqualTo(401);
            ForkedBoot.Response shown = app.get("/actuator/hotline", login);
            assertThat(shown.status()).as(shown.body()).isEqualTo(200);
            assertThat(Clinic.JSON.readTree(shown.body()).get("settings").get("uiToken").asBoolean()).isTrue();
            assertThat(shown.body()).doesNotContain(TOKEN);
        }
    }
}
