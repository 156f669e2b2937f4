package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import dev.hotline.core.model.Profile;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spring Boot application on embedded Tomcat, traced by Micrometer Tracing (Brave bridge, W3C propagation):
 * the kept profile carries the trace the caller's {@code traceparent} started, and the server span the tracer made
 * for the request, not the caller's.
 */
class MicrometerTracingTest {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN = "00f067aa0ba902b7";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TracedApp {
        @Bean
        SpanController spanController(Tracer tracer) {
            return new SpanController(tracer);
        }
    }

    /** Answers with the span the tracer has current while the controller runs: the request's server span. */
    @RestController
    static class SpanController {
        private final Tracer tracer;

        SpanController(Tracer tracer) {
            this.tracer = tracer;
        }

        @GetMapping("/span")
        String span() {
            var span = tracer.currentSpan();
            return span == null ? "none" : span.context().traceId() + " " + span.context().spanId();
        }
    }

    @Test
    void keptProfile_carriesTheTraceAndTheServerSpan() throws Exception {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(TracedApp.class).properties(
                "server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
                "hotline.engine=java", "hotline.text-output=off", "hotline.keep-rate=all",
                "management.tracing.sampling.probability=1.0").run()) {
            assertThat(ctx.getBean("hotlineCurrentSpanFilterRegistration", FilterRegistrationBean.class).getOrder())
                    .isEqualTo(CurrentSpanFilter.ORDER);
            int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/span"))
                    .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            String[] served = r.body().split(" ");
            assertThat(served[0]).as("the tracer continued the caller's trace").isEqualTo(TRACE_ID);
            assertThat(served[1]).as("a server span of its own").isNotEqualTo(CALLER_SPAN);

            Profile p = keptProfile(ctx.getBean(Hotline.class), "/span");
            assertThat(p.request().traceId()).isEqualTo(TRACE_ID);
            assertThat(p.request().spanId()).as("the server span, not the caller's from the header").isEqualTo(served[1]);
        }
    }

    @Test
    void withoutATracerBean_noFilterIsRegistered() {
        new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(HotlineAutoConfiguration.class,
                        HotlineTracingAutoConfiguration.class))
                .withPropertyValues("hotline.engine=java", "hotline.text-output=off")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("hotlineCurrentSpanFilterRegistration"));
        new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
                .withConfiguration(org.springframework.boot.autoconfigure.AutoConfigurations.of(HotlineAutoConfiguration.class,
                        HotlineTracingAutoConfiguration.class))
                .withPropertyValues("hotline.engine=java", "hotline.text-output=off")
                .withBean(Tracer.class, () -> Tracer.NOOP)
                .run(ctx -> assertThat(ctx).hasNotFailed().hasBean("hotlineCurrentSpanFilterRegistration"));
    }

    private static Profile keptProfile(Hotline hotline, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Profile> recent = hotline.recentProfiles();
            for (Profile p : recent) if (p.request().path().equals(path)) return p;
            Thread.sleep(20);
        }
        throw new AssertionError("no kept profile for " + path);
    }
}
