package dev.hotline.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hotline.sample.it.ForkedBoot.Extra;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.hotline.sample.it.Clinic.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clinic with only {@code hotline-spring-boot-starter} and properties, on each Spring Boot version: one app
 * start per scenario.
 */
class StarterIT {

    static Stream<String> versions() {
        return ForkedBoot.versions().stream();
    }

    /** Every version on this JVM; and on the newer JVM when one is named. */
    static Stream<Arguments> versionsAndJavas() {
        List<Arguments> out = new ArrayList<>();
        for (String java : ForkedBoot.javas()) for (String v : ForkedBoot.versions()) out.add(Arguments.of(v, java));
        return out.stream();
    }

    @ParameterizedTest(name = "Spring Boot {0} on {1}")
    @MethodSource("versionsAndJavas")
    void starterAndProperties_profileEachRequestWithSpringsRoute(String version, String java, @TempDir Path dir) throws Exception {
        Path profileDir = dir.resolve("camel-case-profiles");
        // hotline.profileDir: a relaxed name on the command line, over the sample's hotline.profile-dir=profiles
        try (ForkedBoot app = new ForkedBoot.Launch(version).java(java).with(Extra.STARTER).in(dir)
                .args("--hotline.profileDir=" + profileDir, "--hotline.text-output=off").start()) {
            assertThat(app.printed()).contains("Hotline: profiling requests with the ", "results page at /_hotline/ (loopback clients only)");
            Clinic.visit(app);

            JsonNode items = Clinic.profiles(app, Clinic.ROUTES.size());
            assertThat(Clinic.routesAndStatuses(items)).containsExactlyElementsOf(Clinic.expectedRoutesAndStatuses());
            assertThat(ForkedBoot.profiles(profileDir, Clinic.ROUTES.size())).hasSize(Clinic.ROUTES.size());
            assertThat(dir.resolve("profiles")).doesNotExist();

            // each endpoint's slow line is in its profile, as the application's code
            JsonNode owner = Clinic.profile(app, items, "/owners/1");
            assertThat(Clinic.appMethods(owner)).contains("OwnerController.show");
            Clinic.assertAppPackages(owner);
            assertThat(Clinic.appMethods(Clinic.profile(app, items, "/owners/2/insurance-quote"))).contains("InsuranceClient.monthlyPremiumCents");
            assertThat(Clinic.appMethods(Clinic.profile(app, items, "/vets/rotation"))).contains("RotationPlanner.bestScore");
            JsonNode invoice = Clinic.profile(app, items, "/owners/1/invoice");
            assertThat(invoice.get("request").get("status").asInt()).isEqualTo(500);
            assertThat(Clinic.text(invoice.get("request"), "error")).contains("Exception");

            // Actuator: the hotline endpoint is not exposed over HTTP unless the application says so
            assertThat(app.get("/actuator/hotline").status()).isEqualTo(404);
            // Micrometer: the counters are metrics (the sample exposes the metrics endpoint)
            ForkedBoot.Response metric = app.get("/actuator/metrics/hotline.profiles.kept");
            assertThat(metric.status()).as(metric.body()).isEqualTo(200);
            assertThat(JSON.readTree(metric.body()).get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(Clinic.ROUTES.size());
            assertThat(app.get("/actuator/metrics/hotline.requests.sampled").status()).isEqualTo(200);

            if (owner.get("engine").asText().equals("async-profiler")) {
                assertThat(app.mappedLibraries()).contains("asyncProfiler");
            }
        }
    }

    @ParameterizedTest(name = "Spring Boot {0}")
    @MethodSource("versions")
    void yamlSettings_andTheExposedActuatorEndpoint(String version, @TempDir Path dir) throws Exception {
        Path profileDir = dir.resolve("yaml-profiles");
        Path yaml = dir.resolve("hotline.yml");
        Files.writeString(yaml, String.join("\n",
                "hotline:",
                "  profile-dir: " + profileDir,
                "  text-output: \"off\"",
                "  include-paths:",
                "    - /owners/**",
                "    - /vets/**",
                "management:",
                "  endpoints:",
                "    web:",
                "      exposure:",
                "        include: hotline,health",
                ""));
        try (ForkedBoot app = new ForkedBoot.Launch(version).with(Extra.STARTER).in(dir)
                .args("--spring.config.additional-location=file:" + yaml).start()) {
            assertThat(app.get("/owners/1").status()).isEqualTo(200);
            assertThat(app.get("/vets/rotation").status()).isEqualTo(200);
            assertThat(app.get("/actuator/health").status()).isEqualTo(200); // outside include-paths: not profiled
            assertThat(ForkedBoot.profiles(profileDir, 2)).hasSize(2);

            ForkedBoot.Response r = app.get("/actuator/hotline");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode shown = JSON.readTree(r.body());
            assertThat(shown.get("engine").asText()).isIn("async-profiler", "java");
            JsonNode settings = shown.get("settings");
            assertThat(settings.get("includePackages").toString()).isEqualTo("[\"" + Clinic.APP_PACKAGE + "\"]");
            assertThat(settings.get("includePaths").toString()).isEqualTo("[\"/owners/**\",\"/vets/**\"]");
            assertThat(settings.get("profileDir").asText()).isEqualTo(profileDir.toString());
            assertThat(settings.get("uiToken").asBoolean()).isFalse();
            assertThat(shown.get("counters").get("kept").asLong()).isEqualTo(2);
            assertThat(shown.get("counters").get("filesWritten").asLong()).isEqualTo(2);
            List<String> recent = new ArrayList<>();
            for (JsonNode p : shown.get("recent")) recent.add(p.get("route").asText() + " " + p.get("status").asInt());
            assertThat(recent).containsExactlyInAnyOrder("/owners/{ownerId} 200", "/vets/rotation 200");
        }
    }

    @ParameterizedTest(name = "Spring Boot {0}")
    @MethodSource("versions")
    void disabled_loadsNoEngineNoNativeLibraryNoThread(String version, @TempDir Path dir) throws Exception {
        Path classLog = dir.resolve("classes.log");
        try (ForkedBoot app = new ForkedBoot.Launch(version).with(Extra.STARTER).in(dir)
                .jvm("-Xlog:class+load=info:file=" + classLog)
                .args("--hotline.enabled=false", "--management.endpoints.web.exposure.include=threaddump").start()) {
            assertThat(app.printed()).contains("Hotline: profiling is switched off (hotline.enabled=false, ")
                    .contains("the starter registers nothing").doesNotContain("Hotline: profiling requests");
            assertThat(app.get("/owners/1").status()).isEqualTo(200);
            assertThat(app.get("/_hotline/").status()).isEqualTo(404);
            assertThat(app.get("/_hotline/api/profiles").status()).isEqualTo(404);

            ForkedBoot.Response threads = app.get("/actuator/threaddump", "Accept", "application/json");
            assertThat(threads.status()).isEqualTo(200);
            assertThat(JSON.readTree(threads.body()).findValuesAsText("threadName")).isNotEmpty()
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("hotline"));
            assertThat(app.mappedLibraries()).doesNotContain("asyncProfiler");
            String loaded = Files.readString(classLog);
            assertThat(loaded).contains("dev.hotline.spring.boot.HotlineOffAutoConfiguration")
                    .doesNotContain("dev.hotline.core.engine.").doesNotContain("one.profiler.")
                    .doesNotContain("dev.hotline.servlet.HotlineFilter");
        }
    }

    @ParameterizedTest(name = "Spring Boot {0}")
    @MethodSource("versions")
    void unknownKey_failsStartupWithHotlinesMessage(String version, @TempDir Path dir) throws Exception {
        ForkedBoot.Exit exit = new ForkedBoot.Launch(version).with(Extra.STARTER).in(dir)
                .args("--hotline.profil-dir=/tmp/typo").runToExit();
        assertThat(exit.status()).as(exit.output()).isNotZero();
        assertThat(exit.output()).contains("APPLICATION FAILED TO START")
                .contains("Unknown Hotline setting property 'hotline.profil-dir' (")
                .contains("known keys: enabled, profile-dir, ")
                .contains("To start without profiling, set hotline.enabled=false.");
    }

    @ParameterizedTest(name = "Spring Boot {0}")
    @MethodSource("versions")
    void webFlux_saysInOneLineItIsNotSupported(String version, @TempDir Path dir) throws Exception {
        try (ForkedBoot app = new ForkedBoot.Launch(version).with(Extra.STARTER, Extra.WEBFLUX).in(dir)
                .main("dev.hotline.sample.reactive.ReactiveClinicApplication")
                .args("--spring.main.web-application-type=reactive").start()) {
            assertThat(app.printed()).contains("Netty started on port");
            assertThat(app.get("/hello").body()).isEqualTo("hello");
            assertThat(app.get("/_hotline/").status()).isEqualTo(404);
            List<String> lines = app.printed().lines().filter(l -> l.contains("Hotline")).toList();
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("Hotline: this is a reactive (WebFlux) application, which Hotline does not support");
            assertThat(app.mappedLibraries()).doesNotContain("asyncProfiler");
        }
    }
}
