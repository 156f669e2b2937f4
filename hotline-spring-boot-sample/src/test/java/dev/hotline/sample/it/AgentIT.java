package dev.hotline.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotline.sample.it.ForkedBoot.Extra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The clinic with no Hotline dependency at all, only {@code -javaagent:hotline-agent.jar} and no settings. */
class AgentIT {

    static Stream<Arguments> versionsAndJavas() {
        return StarterIT.versionsAndJavas();
    }

    @ParameterizedTest(name = "Spring Boot {0} on {1}")
    @MethodSource("versionsAndJavas")
    void agentOnly_noSettings_profilesEachRequest(String version, String java, @TempDir Path dir) throws Exception {
        assertThat(ForkedBoot.AGENT_JAR).exists();
        try (ForkedBoot app = new ForkedBoot.Launch(version).java(java).in(dir)
                .jvm("-javaagent:" + ForkedBoot.AGENT_JAR.toAbsolutePath()).start()) {
            assertThat(app.printed()).contains("Hotline agent: profiling every request").contains("Hotline agent: attached to Tomcat")
                    .doesNotContain("Hotline: profiling requests"); // the starter is not on this class path
            Clinic.visit(app);
            JsonNode items = Clinic.profiles(app, Clinic.ROUTES.size());
            List<String> seen = new ArrayList<>();
            for (JsonNode i : items) seen.add(i.get("path").asText() + " " + i.get("status").asInt());
            assertThat(seen).containsExactlyInAnyOrder("/owners/1 200", "/owners/2/pets 200", "/owners/2/insurance-quote 200",
                    "/vets/rotation 200", "/owners/1/invoice 500");
            // the agent's default profile directory, in the working directory
            assertThat(ForkedBoot.profiles(dir.resolve("profiles"), Clinic.ROUTES.size())).hasSize(Clinic.ROUTES.size());
            JsonNode quote = Clinic.profile(app, items, "/owners/2/insurance-quote");
            assertThat(Clinic.appMethods(quote)).contains("InsuranceClient.monthlyPremiumCents");
            // Spring's route templates and the application's packages, with no setting at all. (A request that ended
            // in Spring Boot's error page is left out: under the agent its route is the error page's, see agent.md.)
            List<String> routes = new ArrayList<>();
            for (JsonNode i : items) if (i.get("status").asInt() == 200) routes.add(i.get("path").asText() + " " + Clinic.text(i, "route"));
            List<String> expected = new ArrayList<>();
            Clinic.ROUTES.forEach((path, route) -> { if (!path.endsWith("/invoice")) expected.add(path + " " + route); });
            assertThat(routes).containsExactlyInAnyOrderElementsOf(expected);
            // Detected: a package that holds the application's code (the main class's, here a parent of the clinic's).
            List<String> detected = new ArrayList<>();
            for (JsonNode p : quote.get("appPackages")) detected.add(p.asText());
            assertThat(detected).as("appPackages").anyMatch(p -> Clinic.APP_PACKAGE.equals(p) || Clinic.APP_PACKAGE.startsWith(p + "."));
        }
    }

    /** On the newest Spring Boot only: the starter's check for the agent does not depend on the version. */
    @Test
    void agentAndStarter_theStarterStepsAside(@TempDir Path dir) throws Exception {
        List<String> versions = ForkedBoot.versions();
        try (ForkedBoot app = new ForkedBoot.Launch(versions.get(versions.size() - 1)).with(Extra.STARTER).in(dir)
                .jvm("-javaagent:" + ForkedBoot.AGENT_JAR.toAbsolutePath())
                .args("--hotline.profile-dir=" + dir.resolve("starter-profiles")).start()) {
            assertThat(app.printed()).contains("Hotline: the Hotline Java agent profiles this application; the starter registers nothing")
                    .doesNotContain("Hotline: profiling requests");
            assertThat(app.get("/owners/1").status()).isEqualTo(200);
            assertThat(Clinic.profiles(app, 1)).hasSize(1);
            assertThat(ForkedBoot.profiles(dir.resolve("profiles"), 1)).hasSize(1);
            assertThat(dir.resolve("starter-profiles")).doesNotExist();
        }
    }
}
