package dev.hotline.core.export;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HotlineJsonWriterTest {

    @Test
    void isTheFirstFormatAndOwnsPlainJsonFiles() {
        assertThat(ProfileFormats.all().get(0)).isInstanceOf(HotlineJsonWriter.class);
        assertThat(ProfileFormats.byName("Hotline")).isInstanceOf(HotlineJsonWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("out/merged.JSON"))).isInstanceOf(HotlineJsonWriter.class);
        assertThat(ProfileFormats.names()).startsWith("hotline");
    }

    @Test
    void writesWhatTheReaderReadsBack() throws Exception {
        Profile p = SampleProfiles.hostile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HotlineJsonWriter().write(p, out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(ProfileJson.toJson(p));
        SampleProfiles.assertSameProfile(ProfileJson.fromJson(json), p);
    }
}
