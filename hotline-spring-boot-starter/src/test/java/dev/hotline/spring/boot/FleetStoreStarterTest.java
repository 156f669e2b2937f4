package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import dev.hotline.core.fleet.FleetIdentity;
import dev.hotline.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application with {@code hotline.store} set writes to a real PostgreSQL; its service is
 * {@code spring.application.name}, and the password given as a property appears nowhere in the Actuator's answer.
 */
class FleetStoreStarterTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @org.springframework.context.annotation.Bean
        Hello hello() {
            return new Hello();
        }
    }

    @RestController
    static class Hello {
        @GetMapping("/hello/{name}")
        String hello(@org.springframework.web.bind.annotation.PathVariable("name") String name) {
            return "hello " + name;
        }
    }

    @Test
    void theStarterWritesToTheStore_asTheApplicationsName() throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            String url = pg.createDatabase("starter");
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class).properties(
                    "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                    "spring.application.name=petclinic", "hotline.engine=java", "hotline.text-output=off",
                    "hotline.keep-rate=all", "hotline.store=" + url, "hotline.version=3.1.0",
                    "hotline.store-password=never-printed-4242").run()) {
                Hotline h = ctx.getBean(Hotline.class);
                assertThat(h.fleetIdentity()).isEqualTo(new FleetIdentity("petclinic", FleetIdentity.defaultInstance(), "3.1.0"));
                int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
                HttpClient client = HttpClient.newHttpClient();
                for (String name : new String[] {"ada", "bob", "cy"}) {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello/" + name))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (h.fleetStats().profilesWritten() < 3 && System.nanoTime() < deadline) Thread.sleep(50);
                assertThat(h.fleetStats().profilesWritten()).isEqualTo(3);
                assertThat(new HotlineEndpoint(h).hotline().toString()).contains("petclinic").doesNotContain("never-printed-4242");
                assertThat(h.config().toString()).doesNotContain("never-printed-4242");
            }
            try (Connection c = DriverManager.getConnection(url);
                 ResultSet r = c.createStatement().executeQuery(
                         "SELECT count(*), min(endpoint), min(service), min(version) FROM hotline_profile")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(3);
                assertThat(r.getString(2)).as("Spring's route template").isEqualTo("/hello/{name}");
                assertThat(r.getString(3)).isEqualTo("petclinic");
                assertThat(r.getString(4)).isEqualTo("3.1.0");
            }
        }
    }
}
