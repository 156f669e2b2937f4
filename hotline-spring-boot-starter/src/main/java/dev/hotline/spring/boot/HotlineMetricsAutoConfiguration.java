package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Hotline's counters as Micrometer metrics when Micrometer is present; Spring Boot binds every
 * {@code MeterBinder} bean to its registries.
 *
 * @since 0.2
 */
@AutoConfiguration(after = HotlineAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(Hotline.class)
public class HotlineMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public HotlineMetrics hotlineMetrics(Hotline hotline) {
        return new HotlineMetrics(hotline);
    }
}
