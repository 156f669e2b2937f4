package dev.hotline.spring.boot;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.DispatcherType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Profiles every request of a Spring MVC (servlet) application: starts {@link Hotline} with the {@code hotline.*}
 * properties of the application and registers {@link HotlineFilter} first in the filter chain, before Spring
 * Security's, for {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatches. The application's own code is the
 * package of its {@code @SpringBootApplication} class unless {@code hotline.include-packages} says otherwise.
 *
 * <p>{@code hotline.enabled=false} skips all of it: no profiler, no native library, no thread. Under the Hotline
 * Java agent the agent profiles the requests and this registers nothing either.
 *
 * @since 0.2
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.boot.web.servlet.FilterRegistrationBean"})
@Conditional(HotlineConditions.Active.class)
public class HotlineAutoConfiguration {
    private static final Log LOG = LogFactory.getLog("dev.hotline");

    /** The running profiler, closed (queued profiles written) when the application context closes. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Hotline hotline(Environment environment, BeanFactory beanFactory) {
        List<String> appPackages = AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
        HotlineConfig config = SpringSettings.read(environment, appPackages);
        Hotline hotline = Hotline.start(config);
        LOG.info("Hotline: profiling requests with the " + hotline.engineName() + " engine; application code "
                + config.includePackages() + "; profiles to "
                + (config.profileDir() == null ? "memory only (set hotline.profile-dir)" : config.profileDir().toAbsolutePath())
                + (config.uiEnabled() ? "; results page at " + config.uiPath()
                        + (config.uiToken() == null ? " (loopback clients only)" : " (token required)") : ""));
        return hotline;
    }

    /** First in the chain, so the profile covers every other filter (Spring Security's included). */
    @Bean
    @ConditionalOnMissingBean(name = "hotlineFilterRegistration")
    public FilterRegistrationBean<HotlineFilter> hotlineFilterRegistration(Hotline hotline) {
        FilterRegistrationBean<HotlineFilter> registration = new FilterRegistrationBean<>(new HotlineFilter(hotline));
        registration.setName("hotlineFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
