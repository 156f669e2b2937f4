package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code hotline} Actuator endpoint, when Actuator is present and the endpoint is available (exposed over
 * HTTP or JMX and not switched off), following Actuator's own exposure rules.
 *
 * @since 0.2
 */
@AutoConfiguration(after = HotlineAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Hotline.class)
public class HotlineEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(endpoint = HotlineEndpoint.class)
    public HotlineEndpoint hotlineEndpoint(Hotline hotline) {
        return new HotlineEndpoint(hotline);
    }
}
