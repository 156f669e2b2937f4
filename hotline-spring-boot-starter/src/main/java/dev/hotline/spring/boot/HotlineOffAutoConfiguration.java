package dev.hotline.spring.boot;

import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Says in one line why the starter registered nothing in a servlet application: {@code hotline.enabled=false},
 * or the Hotline Java agent profiles it. Loads no part of Hotline.
 *
 * @since 0.2
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(HotlineConditions.Inactive.class)
public class HotlineOffAutoConfiguration {

    public HotlineOffAutoConfiguration(Environment environment) {
        String why;
        if (!SpringSettings.enabled(environment)) {
            String origin = SpringSettings.originOf(environment, "enabled");
            why = "profiling is switched off (hotline.enabled=false" + (origin == null ? "" : ", " + origin) + ")";
        } else {
            why = "the Hotline Java agent profiles this application";
        }
        LogFactory.getLog("dev.hotline").info("Hotline: " + why + "; the starter registers nothing");
    }
}
