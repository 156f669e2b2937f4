package dev.hotline.spring.boot;

import dev.hotline.core.ConfigException;
import dev.hotline.core.HotlineConfig;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads Hotline's settings from the Spring {@link Environment}: every key of {@link HotlineConfig} as
 * {@code hotline.<key>}, with Spring's relaxed binding ({@code hotline.profile-dir}, {@code hotline.profileDir},
 * {@code hotline.profile_dir}, YAML, lists as YAML lists or comma lists, {@code HOTLINE_PROFILE_DIR}).
 *
 * <p>The environment is the only source, so Spring's order decides: command-line arguments, then system properties
 * ({@code -Dhotline.*}), then environment variables ({@code HOTLINE_*}), then profile-specific and plain
 * application properties. That keeps Hotline's own order ({@code -D} over {@code HOTLINE_*} over explicit values)
 * and adds Spring's layers around it. A {@code hotline.*} key, or a {@code HOTLINE_*} variable, that names no
 * setting fails with Hotline's {@link ConfigException}, as it does under the filter and the agent.
 */
final class SpringSettings {
    static final String PREFIX = "hotline";
    /** Names the Spring environment as the source of a value in Hotline's messages. */
    static final String SOURCE = "the Spring environment";

    private SpringSettings() {}

    /**
     * The configuration, with {@code include-packages} set to {@code appPackages} (the packages of the
     * {@code @SpringBootApplication} class) unless {@code include-packages} or {@code packages} is configured, and
     * {@code service} set to {@code spring.application.name} unless configured.
     *
     * @throws ConfigException for an unknown key or a malformed value
     */
    static HotlineConfig read(Environment env, List<String> appPackages) {
        List<String> keys = new ArrayList<>(HotlineConfig.describe().keySet());
        checkKnown(env, keys);
        Map<String, String> values = values(env, keys);
        if (!values.containsKey("include-packages") && !values.containsKey("packages") && !appPackages.isEmpty()) {
            values.put("include-packages", String.join(",", appPackages));
        }
        // In the fleet store, the service is the application's name unless hotline.service says otherwise.
        String appName = env.getProperty("spring.application.name");
        if (!values.containsKey("service") && appName != null && !appName.isBlank()) values.put("service", appName.strip());
        // One key at a time first, so a malformed value is reported with the property and file it came from.
        for (Map.Entry<String, String> e : values.entrySet()) {
            builder("property '" + PREFIX + "." + e.getKey() + "'" + origin(env, e.getKey())).set(e.getKey(), e.getValue()).build();
        }
        HotlineConfig.Builder b = builder(SOURCE);
        values.forEach(b::set);
        return b.build();
    }

    /** {@code hotline.enabled} as Hotline reads booleans; {@code true} when absent or not a boolean (then {@link #read} says why). */
    static boolean enabled(Environment env) {
        String v = Binder.get(env).bind(PREFIX + ".enabled", Bindable.of(String.class)).orElse("true");
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "false": return false; // what Hotline accepts: true or false; anything else fails in read()
            default: return true;
        }
    }

    /** Where {@code hotline.<key>} was set ({@code class path resource [application.properties] - 3:16}), or {@code null}. */
    static String originOf(Environment env, String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(PREFIX + "." + key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            ConfigurationProperty p = source.getConfigurationProperty(name);
            if (p != null) return p.getOrigin() != null ? p.getOrigin().toString() : describe(source.getUnderlyingSource());
        }
        return null;
    }

    private static HotlineConfig.Builder builder(String source) {
        // Spring's environment already holds the system properties and the environment variables, in Spring's order.
        return HotlineConfig.builder().systemProperties(new Properties()).environment(Map.of()).explicitSource(source);
    }

    private static Map<String, String> values(Environment env, List<String> keys) {
        Binder binder = Binder.get(env);
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            String name = PREFIX + "." + key;
            BindResult<String> single = binder.bind(name, Bindable.of(String.class));
            if (single.isBound()) {
                out.put(key, single.get());
                continue;
            }
            // A YAML list, or indexed properties (hotline.include-packages[0]=...).
            BindResult<List<String>> list = binder.bind(name, Bindable.listOf(String.class));
            if (list.isBound()) out.put(key, String.join(",", list.get()));
        }
        return out;
    }

    /** Fails on a {@code hotline.*} property or {@code HOTLINE_*} variable that names no setting. */
    static void checkKnown(Environment env, List<String> keys) {
        List<String> uniform = new ArrayList<>();
        for (String k : keys) uniform.add(k.replace("-", "").toLowerCase(Locale.ROOT));
        ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
            Object underlying = source.getUnderlyingSource();
            if (underlying instanceof SystemEnvironmentPropertySource envSource) {
                checkVariables(envSource, keys);
                continue; // HOTLINE_PROFILE_DIR maps to hotline.profile.dir: checked by variable name instead
            }
            if (!(source instanceof IterableConfigurationPropertySource iterable)) continue;
            iterable.stream().filter(prefix::isAncestorOf).forEach(name -> {
                if (!uniform.contains(name.getElement(1, ConfigurationPropertyName.Form.UNIFORM))) {
                    ConfigurationProperty p = source.getConfigurationProperty(name);
                    String where = p != null && p.getOrigin() != null ? p.getOrigin().toString() : describe(underlying);
                    throw unknown("property '" + name + "' (" + where + ")", keys);
                }
            });
        }
    }

    private static void checkVariables(SystemEnvironmentPropertySource source, List<String> keys) {
        for (String name : source.getPropertyNames()) {
            if (!name.toUpperCase(Locale.ROOT).startsWith("HOTLINE_")) continue;
            String rest = name.substring("HOTLINE_".length()).toLowerCase(Locale.ROOT);
            boolean known = keys.stream().anyMatch(k -> k.replace('-', '_').equals(rest) || k.replace("-", "").equals(rest));
            if (!known) throw unknown("environment variable '" + name + "'", keys);
        }
    }

    private static ConfigException unknown(String what, List<String> keys) {
        // The same words as HotlineConfig's own message, with the Spring property's name and where it was set.
        return new ConfigException("Unknown Hotline setting " + what + "; known keys: " + String.join(", ", keys)
                + " (as " + PREFIX + ".<key>)");
    }

    private static String origin(Environment env, String key) {
        String o = originOf(env, key);
        return o == null ? "" : " (" + o + ")";
    }

    private static String describe(Object underlying) {
        return underlying instanceof PropertySource<?> ps ? "property source '" + ps.getName() + "'" : String.valueOf(underlying);
    }
}
