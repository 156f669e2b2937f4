package dev.hotline.spring.boot;

import dev.hotline.core.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an unknown or malformed {@code hotline.*} setting into Spring Boot's short "APPLICATION FAILED TO START"
 * report, with Hotline's message (the key, where it was set, what is accepted) as its description.
 *
 * @since 0.2
 */
public final class HotlineConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct or remove the setting: each key of Hotline's configuration is a hotline.<key> property (relaxed"
                        + " names such as hotline.profileDir work too) or a HOTLINE_<KEY> environment variable. To start"
                        + " without profiling, set hotline.enabled=false.", cause);
    }
}
