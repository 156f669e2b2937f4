package dev.hotline.agent;

import dev.hotline.core.ConfigException;
import dev.hotline.core.HotlineConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentArgumentsTest {
    @Test
    void listValue_continuesOverCommas() {
        assertThat(AgentArguments.parse("packages=com.acme.shop,com.acme.lib,profile-dir=/tmp/p,top=5"))
                .containsExactly(Map.entry("packages", "com.acme.shop,com.acme.lib"), Map.entry("profile-dir", "/tmp/p"),
                        Map.entry("top", "5"));
    }

    @Test
    void emptyOrMissing_isNoArgument() {
        assertThat(AgentArguments.parse(null)).isEmpty();
        assertThat(AgentArguments.parse("")).isEmpty();
        assertThat(AgentArguments.parse("packages=a,,b,")).containsExactly(Map.entry("packages", "a,b"));
    }

    @Test
    void valueWithoutKey_isAClearError() {
        assertThatThrownBy(() -> AgentArguments.parse("com.acme,packages=x"))
                .hasMessageContaining("agent argument 'com.acme' has no key");
        assertThatThrownBy(() -> AgentArguments.parse("=x")).hasMessageContaining("has no key");
        assertThatThrownBy(() -> AgentArguments.parse("top=1,top=2")).hasMessageContaining("'top' is given twice");
    }

    private static HotlineConfig.Builder isolated(Properties props, Map<String, String> env) {
        return HotlineConfig.builder().systemProperties(props).environment(env);
    }

    @Test
    void agentArguments_rankBelowPropertiesAndEnvironment() {
        Properties props = new Properties();
        props.setProperty("hotline.top", "7");
        HotlineConfig c = HotlineAgent.configure("top=3,min-share=5%,interval=2ms,packages=com.acme",
                isolated(props, Map.of("HOTLINE_INTERVAL", "5ms")));
        assertThat(c.top()).isEqualTo(7);
        assertThat(c.origin("top")).isEqualTo("system property hotline.top");
        assertThat(c.intervalNs()).isEqualTo(5_000_000L);
        assertThat(c.minShare()).isEqualTo(0.05);
        assertThat(c.origin("min-share")).isEqualTo("agent argument");
        assertThat(c.packages()).containsExactly("com.acme");
    }

    @Test
    void reportsDefaultToTheTracedPackages_andProfilesToAFolder() {
        HotlineConfig c = HotlineAgent.configure("packages=com.acme.shop,com.acme.lib", isolated(new Properties(), Map.of()));
        assertThat(c.includePackages()).containsExactly("com.acme.shop", "com.acme.lib");
        assertThat(c.profileDir()).isEqualTo(Path.of(HotlineAgent.DEFAULT_PROFILE_DIR));
        HotlineConfig own = HotlineAgent.configure("packages=com.acme,include-packages=org.other,profile-dir=",
                isolated(new Properties(), Map.of()));
        assertThat(own.includePackages()).containsExactly("org.other");
        assertThat(own.profileDir()).isNull();
    }

    @Test
    void unknownOrMalformedSetting_namesTheKeyAndTheAgent() {
        assertThatThrownBy(() -> HotlineAgent.configure("engine=turbo", isolated(new Properties(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'engine' from agent argument has the value 'turbo', which is not one of auto, async-profiler, java");
        assertThatThrownBy(() -> HotlineAgent.configure("pakages=com.acme", isolated(new Properties(), Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'pakages' (agent argument)");
    }

    @Test
    void kubernetesServiceVariables_doNotStopTheAgent() {
        HotlineConfig c = HotlineAgent.configure("packages=com.acme", isolated(new Properties(),
                Map.of("HOTLINE_SERVICE_HOST", "10.96.0.12", "HOTLINE_SERVICE_PORT", "8080", "HOTLINE_PORT", "tcp://10.96.0.12:8080")));
        assertThat(c.packages()).containsExactly("com.acme");
    }

    @Test
    void refusedSettings_messageSaysWhatHappens() {
        String m = HotlineAgent.refused("Hotline setting 'enabled' from environment variable HOTLINE_ENABLED has the value 'maybe'");
        assertThat(m).contains("HOTLINE_ENABLED", "not attached").doesNotContain("application starts");
    }
}
