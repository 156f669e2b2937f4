package dev.hotline.demo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A Spring PetClinic request 90+ frames deep (Tomcat, Spring MVC, Spring Data, Hibernate, Thymeleaf around a few
 * frames of {@code org.springframework.samples.petclinic}) on the results page in Chromium: hot lines, call tree,
 * flame graph and icicle lead with the application's frames. Screenshots go to {@code target/screenshots}.
 */
class DeepStackBrowserTest {
    static final String ID = "petclinic-deep-0001";

    @TempDir
    static Path profileDir;

    static DemoApp app;

    @BeforeAll
    static void start() throws Exception {
        ResultsPageBrowserTest.requireTools();
        Files.copy(ResultsPageBrowserTest.SCRIPTS.resolve("petclinic-deep.json"),
                profileDir.resolve("GET.owners.000206ms.1740824130.json"));
        app = DemoApp.start(0, profileDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.stop();
    }

    @Test
    void deepSpringStack_everyViewLeadsWithTheApplicationsCode() throws Exception {
        String base = "http://127.0.0.1:" + app.port() + "/_hotline/";
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/profiles/" + ID + "/source")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                // The API itself lists the application's method first.
                assertThat(r.body()).startsWith("{\"methods\":[{\"class\":\"org.springframework.samples.petclinic.owner.OwnerController\"");
                break;
            }
            if (System.nanoTime() > deadline) fail("the fixture is not served: " + r.statusCode() + " " + r.body());
            Thread.sleep(100);
        }
        Path shots = Path.of("target", "screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        String out = ResultsPageBrowserTest.run(List.of("node", ResultsPageBrowserTest.SCRIPTS.resolve("deep-stack.mjs").toString(),
                base, ID, shots.toString()), 300);
        System.out.println(out);
        assertThat(out).contains("0 failed");
    }
}
