package dev.hotline.core.format;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code appPackages}: an additive member of version 1, absent in older files. */
class AppPackagesFormatTest {

    private static Profile profile() {
        ProfileBuilder b = new ProfileBuilder();
        b.sample(b.thread("main"), 0, 1_000_000, 1, new Frame[] {new Frame("com.acme.Shop", "buy", "Shop.java", 3)});
        return b.build("p-1", new RequestInfo("GET", "/", null, 200, Instant.parse("2026-01-01T00:00:00Z"), 1_000_000, null),
                "java", 1_000_000, false);
    }

    @Test
    void appPackagesRoundTrip() throws Exception {
        Profile p = profile().withAppPackages(List.of("com.acme", "org.springframework.samples.petclinic"));
        String json = ProfileJson.toJson(p);
        assertThat(json).contains("\"appPackages\": [\"com.acme\", \"org.springframework.samples.petclinic\"]");
        assertThat(ProfileJson.fromJson(json).appPackages()).containsExactly("com.acme", "org.springframework.samples.petclinic");
    }

    @Test
    void profileWithoutAppPackages_writesNoMember_andReadsBackEmpty() throws Exception {
        String json = ProfileJson.toJson(profile());
        assertThat(json).doesNotContain("appPackages");
        assertThat(ProfileJson.fromJson(json).appPackages()).isEmpty();
    }

    @Test
    void goldenFileFromBeforeStillReads() throws Exception {
        try (var in = ProfileJsonGoldenTest.golden(ProfileJsonGoldenTest.GOLDEN_V1)) {
            assertThat(ProfileJson.read(in).appPackages()).isEmpty();
        }
    }
}
