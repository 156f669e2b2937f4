package dev.hotline.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterConfigTest {

    private static FilterConfig params(Map<String, String> p) {
        return new FilterConfig() {
            @Override public String getFilterName() { return "hotline"; }
            @Override public ServletContext getServletContext() { return null; }
            @Override public String getInitParameter(String name) { return p.get(name); }
            @Override public Enumeration<String> getInitParameterNames() { return Collections.enumeration(p.keySet()); }
        };
    }

    @Test
    void unknownInitParameterFailsStartupNamingTheKey() {
        HotlineFilter f = new HotlineFilter();
        assertThatThrownBy(() -> f.init(params(Map.of("profile-directory", "/tmp/x"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("'profile-directory'")
                .hasMessageContaining("init-parameter")
                .hasMessageContaining("profile-dir");
    }

    @Test
    void malformedValueFailsStartupNamingKeyAndAcceptedValues() {
        HotlineFilter f = new HotlineFilter();
        assertThatThrownBy(() -> f.init(params(Map.of("engine", "turbo"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("'engine'")
                .hasMessageContaining("turbo")
                .hasMessageContaining("auto, async-profiler or java");
        assertThatThrownBy(() -> new HotlineFilter().init(params(Map.of("interval", "10us"))))
                .hasMessageContaining("'interval'").hasMessageContaining("between 100us and 1s");
    }

    @Test
    void disabledFilterPassesEverythingThrough() throws ServletException {
        HotlineFilter f = new HotlineFilter();
        f.init(params(Map.of("enabled", "false", "engine", "java")));
        assertThat(f.hotline().shouldProfile("/x", true)).isFalse();
        f.destroy();
    }
}
