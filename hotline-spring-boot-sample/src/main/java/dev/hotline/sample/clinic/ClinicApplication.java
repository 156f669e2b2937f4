package dev.hotline.sample.clinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small veterinary clinic: owners and their pets in Spring Data JPA (H2 in memory), an owner page rendered with
 * Thymeleaf and a few JSON endpoints, each with one slow line: a slow query, a CPU loop, a remote call, and one
 * endpoint that fails. With {@code hotline-spring-boot-starter} on its class path every request is profiled and
 * the results page is at {@code /_hotline/}.
 */
@SpringBootApplication
public class ClinicApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClinicApplication.class, args);
    }
}
