package dev.hotline.spring.boot;

import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * A WebFlux application has no servlet filter chain for Hotline to sit in, and its requests hop between event-loop
 * threads, which a per-request thread filter cannot follow. Says so in one line and registers nothing.
 *
 * @since 0.2
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class HotlineReactiveAutoConfiguration {

    public HotlineReactiveAutoConfiguration() {
        LogFactory.getLog("dev.hotline").warn("Hotline: this is a reactive (WebFlux) application, which Hotline does not "
                + "support (it profiles servlet applications: Spring MVC); the starter registers nothing");
    }
}
