package dev.hotline.spring.boot;

import dev.hotline.core.ConfigException;
import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HotlineAutoConfigurationTest {
    static final AutoConfigurations ALL = AutoConfigurations.of(HotlineAutoConfiguration.class, HotlineOffAutoConfiguration.class,
            HotlineReactiveAutoConfiguration.class, HotlineEndpointAutoConfiguration.class, HotlineMetricsAutoConfiguration.class);

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(ALL)
            .withPropertyValues("hotline.engine=java", "hotline.text-output=off");

    /** Stands for the application's {@code @SpringBootApplication} class: its package is the application's code. */
    @Configuration(proxyBeanMethods = false)
    @AutoConfigurationPackage
    static class App {}

    @Test
    void servletApp_registersTheFilterFirstForRequestAsyncAndErrorDispatches() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(Hotline.class);
            @SuppressWarnings("unchecked")
            FilterRegistrationBean<HotlineFilter> reg = ctx.getBean("hotlineFilterRegistration", FilterRegistrationBean.class);
            assertThat(reg.getFilter().hotline()).isSameAs(ctx.getBean(Hotline.class));
            assertThat(reg.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(reg.getUrlPatterns()).containsExactly("/*");
            assertThat(field(reg, "dispatcherTypes")).isEqualTo(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        });
    }

    @Test
    void relaxedNames_kebabCamelAndUnderscore_allBind() {
        for (String form : List.of("hotline.profile-dir", "hotline.profileDir", "hotline.profile_dir", "hotline.PROFILE-DIR")) {
            runner.withPropertyValues(form + "=build/relaxed").run(ctx ->
                    assertThat(config(ctx).profileDir()).as(form).isEqualTo(Path.of("build/relaxed")));
        }
    }

    @Test
    void environmentVariables_bothUnderscoreForms_bind() {
        for (String name : List.of("HOTLINE_PROFILE_DIR", "HOTLINE_PROFILEDIR")) {
            runner.withInitializer(ctx -> environment(ctx, Map.of(name, "build/from-env"))).run(ctx ->
                    assertThat(config(ctx).profileDir()).as(name).isEqualTo(Path.of("build/from-env")));
        }
    }

    @Test
    void yaml_keysAndLists_bind() {
        runner.withInitializer(ctx -> {
            try {
                for (PropertySource<?> ps : new YamlPropertySourceLoader().load("yaml", new ClassPathResource("hotline-test.yml"))) {
                    ctx.getEnvironment().getPropertySources().addLast(ps);
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).run(ctx -> {
            HotlineConfig c = config(ctx);
            assertThat(c.profileDir()).isEqualTo(Path.of("build/yaml-profiles"));
            assertThat(c.includePackages()).containsExactly("com.acme.shop", "com.acme.lib");
            assertThat(c.top()).isEqualTo(7);
        });
    }

    @Test
    void indexedAndCommaLists_bind() {
        runner.withPropertyValues("hotline.exclude-paths[0]=/static/**", "hotline.exclude-paths[1]=*.css", "hotline.include-paths=/api/**, /orders/*")
                .run(ctx -> {
                    assertThat(config(ctx).excludePaths()).containsExactly("/static/**", "*.css");
                    assertThat(config(ctx).includePaths()).containsExactly("/api/**", "/orders/*");
                });
    }

    @Test
    void precedence_followsSpring_commandLineOverSystemPropertiesOverEnvironmentOverApplicationProperties() {
        runner.withInitializer(ctx -> {
                    environment(ctx, Map.of("HOTLINE_TOP", "5", "HOTLINE_PROFILE_ONE_IN", "5", "HOTLINE_MAX_FILES", "5"));
                    var sources = ctx.getEnvironment().getPropertySources();
                    sources.addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                            new MapPropertySource("systemPropertiesForTest", Map.of("hotline.top", "7", "hotline.profile-one-in", "7")));
                    sources.addFirst(new MapPropertySource("commandLineArgs", Map.of("hotline.top", "9")));
                    sources.addLast(new MapPropertySource("applicationProperties", Map.of("hotline.top", "3",
                            "hotline.profile-one-in", "3", "hotline.max-files", "3", "hotline.keep-in-memory", "3")));
                }).run(ctx -> {
                    HotlineConfig c = config(ctx);
                    assertThat(c.top()).isEqualTo(9);          // command line
                    assertThat(c.profileOneIn()).isEqualTo(7); // system property
                    assertThat(c.maxFiles()).isEqualTo(5);     // environment variable
                    assertThat(c.keepInMemory()).isEqualTo(3); // application properties
                });
    }

    @Test
    void unknownKey_failsStartupWithHotlinesMessage() {
        runner.withPropertyValues("hotline.profil-dir=/tmp/x").run(ctx -> {
            assertThat(ctx).hasFailed();
            ConfigException e = cause(ctx.getStartupFailure(), ConfigException.class);
            assertThat(e.getMessage()).startsWith("Unknown Hotline setting property 'hotline.profil-dir'")
                    .contains("known keys: enabled, profile-dir");
            assertThat(new HotlineConfigFailureAnalyzer().analyze(ctx.getStartupFailure()).getDescription()).isEqualTo(e.getMessage());
        });
    }

    @Test
    void unknownEnvironmentVariable_failsStartup() {
        runner.withInitializer(ctx -> environment(ctx, Map.of("HOTLINE_PROFIL_DIR", "x"))).run(ctx ->
                assertThat(cause(ctx.getStartupFailure(), ConfigException.class).getMessage())
                        .startsWith("Unknown Hotline setting environment variable 'HOTLINE_PROFIL_DIR'"));
    }

    @Test
    void malformedValue_namesThePropertyAndWhereItWasSet() {
        runner.withPropertyValues("hotline.engine=turbo").run(ctx ->
                assertThat(cause(ctx.getStartupFailure(), ConfigException.class).getMessage())
                        .startsWith("Hotline setting 'engine' from property 'hotline.engine' (")
                        .contains("has the value 'turbo'").contains("accepted: auto, async-profiler or java"));
    }

    @Test
    void disabled_registersNothing() {
        for (String off : List.of("false", "FALSE", " false ")) {
            runner.withPropertyValues("hotline.enabled=" + off, "hotline.profil-dir=ignored-when-off").run(ctx -> {
                assertThat(ctx).as(off).hasNotFailed().doesNotHaveBean(Hotline.class).doesNotHaveBean(FilterRegistrationBean.class)
                        .doesNotHaveBean(HotlineEndpoint.class).doesNotHaveBean(HotlineMetrics.class)
                        .hasSingleBean(HotlineOffAutoConfiguration.class);
            });
        }
    }

    @Test
    void enabled_acceptsTrueOrFalseOnly_asHotlineDoes() {
        runner.withPropertyValues("hotline.enabled=off").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().hasStackTraceContaining("hotline.enabled")
                        .hasStackTraceContaining("is neither true nor false"));
    }

    @Test
    void includePackages_defaultsToTheApplicationsPackage_unlessConfigured() {
        runner.withUserConfiguration(App.class).run(ctx ->
                assertThat(config(ctx).includePackages()).containsExactly(App.class.getPackageName()));
        runner.withUserConfiguration(App.class).withPropertyValues("hotline.include-packages=com.acme").run(ctx ->
                assertThat(config(ctx).includePackages()).containsExactly("com.acme"));
        runner.withUserConfiguration(App.class).withPropertyValues("hotline.packages=com.acme.traced").run(ctx ->
                assertThat(config(ctx).includePackages()).containsExactly("com.acme.traced"));
    }

    @Test
    void reactiveApp_registersNothing() {
        new ReactiveWebApplicationContextRunner().withConfiguration(ALL).run(ctx ->
                assertThat(ctx).hasNotFailed().doesNotHaveBean(Hotline.class).doesNotHaveBean(FilterRegistrationBean.class)
                        .hasSingleBean(HotlineReactiveAutoConfiguration.class));
    }

    @Test
    void endpoint_onlyWhenActuatorMakesItAvailable() {
        runner.run(ctx -> assertThat(ctx).doesNotHaveBean(HotlineEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=hotline").run(ctx -> {
            Map<String, Object> shown = ctx.getBean(HotlineEndpoint.class).hotline();
            assertThat(shown).containsEntry("engine", "java").containsKeys("counters", "settings", "recent");
            @SuppressWarnings("unchecked")
            Map<String, Object> counters = (Map<String, Object>) shown.get("counters");
            assertThat(counters.keySet()).containsExactly("sampled", "kept", "notKept", "dropped", "failures", "filesWritten", "fileFailures", "filesDropped", "directoryOutages", "directoryRecoveries");
        });
        runner.withPropertyValues("management.endpoints.web.exposure.include=*", "management.endpoint.hotline.access=NONE")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(HotlineEndpoint.class));
    }

    @Test
    void metrics_binderPresentWithMicrometer() {
        runner.run(ctx -> assertThat(ctx).hasSingleBean(HotlineMetrics.class));
    }

    private static HotlineConfig config(ConfigurableApplicationContext ctx) {
        assertThat(ctx.getBeansOfType(Hotline.class)).hasSize(1);
        return ctx.getBean(Hotline.class).config();
    }

    /** Replaces the process environment with {@code vars}, as a real {@code systemEnvironment} source. */
    private static void environment(ConfigurableApplicationContext ctx, Map<String, String> vars) {
        ctx.getEnvironment().getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(vars)));
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + t, t);
    }

    private static Object field(Object o, String name) throws Exception {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // superclass
            }
        }
        throw new NoSuchFieldException(name);
    }

}
