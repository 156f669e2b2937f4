package dev.hotline.cli;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hotline.cli.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class MergeCommandTest {
    @TempDir
    Path dir;

    private Path profiles() throws Exception {
        Path profiles = Files.createDirectories(dir.resolve("profiles"));
        Fixtures.save(profiles, Fixtures.request("/orders/1", T0, 30, 10));
        Fixtures.save(profiles, Fixtures.request("/orders/2", T0.plusSeconds(3600), 50, 10));
        Fixtures.save(profiles, Fixtures.request("/cart", T0.plusSeconds(7200), 0, 40));
        return profiles;
    }

    @Test
    void mergesADirectoryIntoOneProfile() throws Exception {
        Path profiles = profiles();
        Path out = dir.resolve("all.json");
        Cli.Run r = Cli.run("merge", profiles.toString(), "-o", out.toString()).succeeds();
        assertThat(r.out()).matches("wrote .*all\\.json \\(hotline, .+\\): 3 profiles merged\\R");
        Profile merged = ProfileJson.read(out);
        assertThat(merged.sampling().sampleCount()).isEqualTo(140);
        assertThat(merged.request().path()).isEqualTo("*");
        assertThat(merged.notes()).contains("merged 3 profiles from 2026-11-21T10:00:00Z to 2026-11-21T12:00:00Z");
    }

    @Test
    void selectsAnEndpointAndATimeWindow() throws Exception {
        Path profiles = profiles();
        Path out = dir.resolve("orders.json");
        Cli.Run r = Cli.run("merge", profiles.toString(), "-o", out.toString(), "--path", "/orders/*", "--until", "2026-11-21T10:30:00Z");
        assertThat(r.succeeds().out()).contains("1 profile merged, 2 left out by the filter");
        Profile merged = ProfileJson.read(out);
        assertThat(merged.request().path()).isEqualTo("/orders/1");
        assertThat(merged.sampling().sampleCount()).isEqualTo(40);

        Cli.run("merge", profiles.toString(), "-o", dir.resolve("none.json").toString(), "--since", "2027-01-01")
                .failsWithOneLine("no profile matches --since 2027-01-01T00:00:00Z (3 profiles read)");
        assertThat(dir.resolve("none.json")).doesNotExist();
    }

    @Test
    void theOutputInsideTheDirectoryIsNotReadBack() throws Exception {
        Path profiles = profiles();
        Path out = profiles.resolve("merged.json");
        Cli.run("merge", profiles.toString(), "-o", out.toString()).succeeds();
        Cli.run("merge", profiles.toString(), "-o", out.toString()).failsWithOneLine("merged.json already exists");
        Cli.Run again = Cli.run("merge", profiles.toString(), "-o", out.toString(), "--force").succeeds();
        assertThat(again.out()).contains(": 3 profiles merged");
        assertThat(ProfileJson.read(out).sampling().sampleCount()).isEqualTo(140);
    }

    @Test
    void mergesFilesAndDirectoriesTogetherAndWritesToStandardOutput() throws Exception {
        Path profiles = profiles();
        Path extra = Fixtures.saveAs(dir.resolve("extra.json"), Fixtures.request("/cart", T0, 1, 1));
        Cli.Run r = Cli.run("merge", profiles.toString(), extra.toString(), "-o", "-", "--to", "hotline").succeeds();
        assertThat(ProfileJson.fromJson(r.out()).sampling().sampleCount()).isEqualTo(142);
    }

    @Test
    void argumentsAreChecked() throws Exception {
        Path profiles = profiles();
        Cli.run("merge", profiles.toString()).failsWithOneLine("merge needs -o OUT");
        Cli.run("merge", "-o", "x.json").failsWithOneLine("merge needs profile files or directories");
        Cli.run("merge", profiles.toString(), dir.resolve("missing").toString(), "-o", dir.resolve("x.json").toString())
                .failsWithOneLine("missing: no such file or directory");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Cli.run("merge", empty.toString(), "-o", dir.resolve("x.json").toString())
                .failsWithOneLine("empty: no profiles (*.json files) in this directory");
    }
}
