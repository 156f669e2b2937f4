package dev.hotline.sample.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** A WebFlux app with the starter on its class path: Hotline says in one line that it does not support it. */
@SpringBootApplication
public class ReactiveClinicApplication {

    @Bean
    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().GET("/hello", request -> ServerResponse.ok().bodyValue("hello")).build();
    }

    public static void main(String[] args) {
        SpringApplication.run(ReactiveClinicApplication.class, args);
    }
}
