package dev.hotline.core;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HotlineConfigTest {

    private static HotlineConfig.Builder isolated(Map<String, String> props, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(props);
        return HotlineConfig.builder().systemProperties(p).environment(env);
    }

    @Test
    void defaults() {
        HotlineConfig c = isolated(Map.of(), Map.of()).build();
        assertThat(c.enabled()).isTrue();
        assertThat(c.profileDir()).isNull();
        assertThat(c.engine()).isEqualTo(HotlineConfig.Engine.AUTO);
        assertThat(c.intervalNs()).isEqualTo(1_000_000);
        assertThat(c.textOutput()).isEqualTo(HotlineConfig.TextOutput.LOG);
        assertThat(c.reports()).containsExactly(HotlineConfig.Report.LINES, HotlineConfig.Report.TREE);
        assertThat(c.profileOneIn()).isEqualTo(1);
        assertThat(c.maxBytes()).isEqualTo(256L << 20);
        assertThat(c.samplerCpuBudget()).isEqualTo(0.05);
        assertThat(c.origin("engine")).isEqualTo("default");
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsExplicitValue() {
        HotlineConfig c = isolated(Map.of("hotline.interval", "2ms"),
                Map.of("HOTLINE_INTERVAL", "3ms", "HOTLINE_PROFILE_DIR", "/tmp/from-env", "HOTLINE_ENABLED", "false"))
                .explicitSource("init-parameter")
                .set("interval", "4ms").set("profile-dir", "/tmp/explicit").set("top", "5").enabled(true).build();
        assertThat(c.intervalNs()).isEqualTo(2_000_000);
        assertThat(c.origin("interval")).isEqualTo("system property hotline.interval");
        assertThat(c.profileDir()).isEqualTo(Path.of("/tmp/from-env"));
        assertThat(c.origin("profile-dir")).isEqualTo("environment variable HOTLINE_PROFILE_DIR");
        assertThat(c.top()).isEqualTo(5);
        assertThat(c.origin("top")).isEqualTo("init-parameter");
        assertThat(c.enabled()).as("the environment alone switches profiling off").isFalse();
    }

    @Test
    void parsesUnitsAndLists() {
        HotlineConfig c = isolated(Map.of(), Map.of())
                .set("interval", "500us").set("min-duration", "1.5s").set("max-bytes", "64MB").set("min-share", "0.5%")
                .set("include-packages", " com.acme , org.shop ,").set("reports", "tree").set("text-output", "STDOUT")
                .set("engine", "async-profiler").set("sampler-cpu-budget", "10%").build();
        assertThat(c.intervalNs()).isEqualTo(500_000);
        assertThat(c.minDurationNs()).isEqualTo(1_500_000_000L);
        assertThat(c.maxBytes()).isEqualTo(64L << 20);
        assertThat(c.minShare()).isEqualTo(0.005);
        assertThat(c.includePackages()).containsExactly("com.acme", "org.shop");
        assertThat(c.reports()).containsExactly(HotlineConfig.Report.TREE);
        assertThat(c.textOutput()).isEqualTo(HotlineConfig.TextOutput.STDOUT);
        assertThat(c.engine()).isEqualTo(HotlineConfig.Engine.ASYNC_PROFILER);
        assertThat(c.samplerCpuBudget()).isEqualTo(0.10);
    }

    @Test
    void unknownKeysFailInEverySource() {
        assertThatThrownBy(() -> isolated(Map.of(), Map.of()).set("profiledir", "x").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'profiledir'").hasMessageContaining("profile-dir");
        assertThatThrownBy(() -> isolated(Map.of("hotline.intervl", "1ms"), Map.of()).build())
                .hasMessageContaining("system property 'hotline.intervl'");
    }

    @Test
    void unknownEnvironmentVariables_warnedOnceAndIgnored_asKubernetesSetsThemForAServiceNamedHotline() {
        Map<String, String> env = Map.of("HOTLINE_SERVICE_HOST", "10.96.0.12", "HOTLINE_SERVICE_PORT", "80",
                "HOTLINE_PORT", "tcp://10.96.0.12:80", "HOTLINE_PORT_80_TCP_ADDR", "10.96.0.12", "HOTLINE_TOP", "7");
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.hotline");
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { logged.add(r.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(h);
        try {
            HotlineConfig c = isolated(Map.of(), env).build();
            assertThat(c.top()).isEqualTo(7);
            isolated(Map.of(), env).build();
        } finally {
            jul.removeHandler(h);
        }
        for (String name : java.util.List.of("HOTLINE_SERVICE_HOST", "HOTLINE_SERVICE_PORT", "HOTLINE_PORT", "HOTLINE_PORT_80_TCP_ADDR")) {
            assertThat(logged.stream().filter(m -> m.contains(name + ",")).count()).as(name).isEqualTo(1);
        }
        assertThat(logged).noneMatch(m -> m.contains("HOTLINE_TOP"));
    }

    @Test
    void valuesAccepted_exactlyTheDocumentedOnes_andMessagesInPlainWords() {
        for (String v : java.util.List.of("yes", "no", "on", "off", "1", "0", "")) {
            assertThatThrownBy(() -> isolated(Map.of(), Map.of("HOTLINE_ENABLED", v)).build()).as(v)
                    .hasMessageContaining("'enabled'").hasMessageContaining("HOTLINE_ENABLED").hasMessageContaining("'" + v + "'")
                    .hasMessageContaining("accepted: true or false");
        }
        assertThat(isolated(Map.of(), Map.of("HOTLINE_ENABLED", "FALSE")).build().enabled()).isFalse();
        for (String[] kv : new String[][] {{"top", "abc"}, {"top", ""}, {"interval", "abc"}, {"max-bytes", "lots"}, {"min-share", ""},
                {"profile-one-in", "99999999999"}, {"engine", ""}, {"ui-port", "x"}, {"ui-session", "10s"}}) {
            assertThatThrownBy(() -> isolated(Map.of(), Map.of()).explicitSource("init-parameter").set(kv[0], kv[1]).build())
                    .as(kv[0] + "=" + kv[1])
                    .hasMessageStartingWith("Hotline setting '" + kv[0] + "' from init-parameter has the value '" + kv[1] + "'")
                    .hasMessageContaining("accepted: ")
                    .message().doesNotContain("For input string").doesNotContain("empty String").doesNotContain("Exception");
        }
        assertThatThrownBy(() -> isolated(Map.of(), Map.of()).set("top", "abc").build()).hasMessageContaining("which is not a whole number");
    }

    @Test
    void profileDir_thatIsAFile_stopsStartup(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path file = java.nio.file.Files.writeString(tmp.resolve("profiles"), "not a directory");
        assertThatThrownBy(() -> isolated(Map.of(), Map.of("HOTLINE_PROFILE_DIR", file.toString())).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'profile-dir'").hasMessageContaining("is a file, not a directory");
        assertThat(isolated(Map.of(), Map.of()).set("profile-dir", tmp.resolve("new").toString()).build().profileDir()).isNotNull();
    }

    @Test
    void uiSettings() {
        HotlineConfig c = isolated(Map.of(), Map.of()).build();
        assertThat(c.uiPort()).isEqualTo(-1);
        assertThat(c.uiSession()).isEqualTo(java.time.Duration.ofHours(12));
        assertThat(c.storeQuery()).isTrue();
        c = isolated(Map.of(), Map.of("HOTLINE_UI_PORT", "0", "HOTLINE_UI_SESSION", "30m", "HOTLINE_STORE_QUERY", "false")).build();
        assertThat(c.uiPort()).isZero();
        assertThat(c.uiSession()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThat(c.storeQuery()).isFalse();
    }

    @Test
    void malformedValuesNameKeySourceAndAcceptedValues() {
        assertThatThrownBy(() -> isolated(Map.of(), Map.of("HOTLINE_PROFILE_ONE_IN", "0")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'profile-one-in'").hasMessageContaining("HOTLINE_PROFILE_ONE_IN")
                .hasMessageContaining("'0'").hasMessageContaining("a whole number >= 1");
        assertThatThrownBy(() -> isolated(Map.of(), Map.of()).set("enabled", "maybe").build())
                .hasMessageContaining("'enabled'").hasMessageContaining("true or false");
        assertThatThrownBy(() -> isolated(Map.of(), Map.of()).set("interval", "2 weeks").build())
                .hasMessageContaining("'interval'");
        assertThat(isolated(Map.of(), Map.of()).set("exclude-paths", "/a,,").build().excludePaths()).containsExactly("/a");
        assertThatThrownBy(() -> isolated(Map.of(), Map.of()).set("sampler-cpu-budget", "0").build())
                .hasMessageContaining("above 0");
    }

    @Test
    void describeListsEveryKey() {
        assertThat(HotlineConfig.describe()).containsKeys("enabled", "profile-dir", "text-output", "engine", "interval",
                "include-paths", "exclude-paths", "profile-one-in", "min-duration", "include-packages", "exclude-packages");
    }
}
