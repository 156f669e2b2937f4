package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * With Micrometer Tracing, each profile records the request's server span: {@link CurrentSpanFilter}, registered
 * when the application has a {@code io.micrometer.tracing.Tracer} bean (Spring Boot makes one with the Brave or
 * OpenTelemetry bridge on the class path), reads it once the observation filter has started it.
 *
 * @since 0.3
 */
@AutoConfiguration(after = HotlineAutoConfiguration.class, afterName = {
        // Spring Boot 3.x
        "org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
        // Spring Boot 4.x
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"io.micrometer.tracing.Tracer", "jakarta.servlet.Filter",
        "org.springframework.boot.web.servlet.FilterRegistrationBean"})
@ConditionalOnBean(type = "io.micrometer.tracing.Tracer", value = Hotline.class)
public class HotlineTracingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "hotlineCurrentSpanFilterRegistration")
    public FilterRegistrationBean<CurrentSpanFilter> hotlineCurrentSpanFilterRegistration(Tracer tracer) {
        FilterRegistrationBean<CurrentSpanFilter> registration = new FilterRegistrationBean<>(new CurrentSpanFilter(tracer));
        registration.setName("hotlineCurrentSpanFilter");
        registration.setOrder(CurrentSpanFilter.ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
