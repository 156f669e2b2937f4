package dev.hotline.sample.clinic.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The clinic as a secured app (a test fixture, scanned from the clinic's package): when Spring Security is on the
 * class path, every page and endpoint (Actuator's included) needs the clinic's
 * login. Hotline's filter runs before this chain; its results page keeps its own rule (loopback or ui-token).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.security.web.SecurityFilterChain")
class ClinicSecurity {

    @Bean
    SecurityFilterChain clinicSecurityChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService clinicUsers() {
        return new InMemoryUserDetailsManager(User.withUsername("vet").password("{noop}clinic-secret").roles("VET").build());
    }
}
