package dev.hotline.spring.boot;

import dev.hotline.core.HotlineConfig;
import dev.hotline.spring.boot.internal.ConfigurationMetadataAccess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationMetadataTest {

    @Test
    void packagedMetadata_namesEveryHotlineKey_andNothingElse() throws Exception {
        // The file the build wrote into the jar's classes, read back from the class path.
        String json;
        try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"name\": \"hotline\\.([a-z-]+)\", \"type\"").matcher(json);
        while (m.find()) names.add(m.group(1));
        assertThat(names).containsExactlyElementsOf(HotlineConfig.describe().keySet());
        assertThat(json).isEqualTo(ConfigurationMetadataAccess.json());
        assertThat(json).contains("{\"name\": \"hotline.enabled\", \"type\": \"java.lang.Boolean\"", "\"defaultValue\": true")
                .contains("{\"name\": \"hotline.engine\", \"values\": [{\"value\": \"auto\"}, {\"value\": \"async-profiler\"}, {\"value\": \"java\"}]}");
        assertThat(Files.exists(Path.of("target/classes/META-INF/spring-configuration-metadata.json"))).isTrue();
    }
}
