package dev.hotline.cli;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.hotline.cli.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheFormatNamedByTo() throws Exception {
        Path out = dir.resolve("copy.data");
        Cli.Run r = Cli.run("convert", Fixtures.GOLDEN.toString(), "--to", "hotline", "-o", out.toString()).succeeds();
        assertThat(r.out()).matches("wrote .*copy\\.data \\(hotline, \\d+\\.\\d KiB\\)\\R");
        assertThat(ProfileJson.read(out).id()).isEqualTo("m3j7k2x1-00042");
        assertThat(dir.toFile().list()).as("no temporary file left").containsExactly("copy.data");
        Path reference = Files.writeString(dir.resolve("reference"), "x");
        assertThat(Files.getPosixFilePermissions(out)).as("the usual rights, not a temporary file's")
                .isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void theFormatFollowsTheOutputsExtension() throws Exception {
        Path out = dir.resolve("copy.JSON");
        Cli.run("convert", Fixtures.GOLDEN.toString(), "--output=" + out).succeeds();
        assertThat(ProfileJson.read(out).lines()).hasSize(11);
        Cli.run("convert", Fixtures.GOLDEN.toString(), "-o", dir.resolve("x.unknown").toString())
                .failsWithOneLine("cannot tell the format from the name", "give --to FORMAT, one of hotline", "hotline: .json");
    }

    @Test
    void withoutOutputItWritesBesideTheInputAndNeverOverwrites() throws Exception {
        Path in = Fixtures.saveAs(dir.resolve("GET.cart.000012ms.1795250000.profile"), Fixtures.request("/cart", T0, 5, 7));
        Cli.run("convert", in.toString(), "--to", "hotline").succeeds();
        Path beside = dir.resolve("GET.cart.000012ms.1795250000.profile.json");
        assertThat(ProfileJson.read(beside).request().path()).isEqualTo("/cart");

        Files.writeString(beside, "keep me");
        Cli.run("convert", in.toString(), "--to", "hotline")
                .failsWithOneLine(beside + " already exists: add --force to replace it");
        assertThat(Files.readString(beside)).isEqualTo("keep me");
        Cli.run("convert", in.toString(), "--to", "hotline", "--force").succeeds();
        assertThat(ProfileJson.read(beside).request().path()).isEqualTo("/cart");

        Path json = Fixtures.saveAs(dir.resolve("GET.x.json"), Fixtures.request("/x", T0, 1, 1));
        Cli.run("convert", json.toString(), "--to", "hotline").failsWithOneLine("GET.x.json already exists");
    }

    @Test
    void dashWritesToStandardOutput() throws Exception {
        Cli.Run r = Cli.run("convert", Fixtures.GOLDEN.toString(), "--to", "hotline", "-o", "-").succeeds();
        Profile p = ProfileJson.fromJson(r.out());
        assertThat(p.id()).isEqualTo("m3j7k2x1-00042");
        assertThat(r.err()).isEmpty();
        Cli.run("convert", Fixtures.GOLDEN.toString(), "-o", "-").failsWithOneLine("say which format with --to FORMAT: one of hotline");
    }

    @Test
    void anUnknownFormatListsTheKnownOnes() {
        Cli.Run r = Cli.run("convert", Fixtures.GOLDEN.toString(), "--to", "flamegraph-9000");
        r.failsWithOneLine("unknown format 'flamegraph-9000': one of hotline");
        Cli.run("convert", Fixtures.GOLDEN.toString()).failsWithOneLine("say which format with --to FORMAT");
    }

    @Test
    void aDirectoryIsConvertedMerged() throws Exception {
        Path profiles = Files.createDirectory(dir.resolve("profiles"));
        Fixtures.save(profiles, Fixtures.request("/a", T0, 3, 4));
        Fixtures.save(profiles, Fixtures.request("/a", T0.plusSeconds(2), 3, 4));
        Cli.Run r = Cli.run("convert", profiles.toString(), "--to", "hotline").succeeds();
        assertThat(r.out()).contains("2 profiles merged");
        Profile merged = ProfileJson.read(dir.resolve("profiles.json"));
        assertThat(merged.sampling().sampleCount()).isEqualTo(14);
    }

    @Test
    void unwritableOutputsAreOneLineErrors() {
        String golden = Fixtures.GOLDEN.toString();
        Cli.run("convert", golden, "-o", dir.resolve("no/such/dir/x.json").toString())
                .failsWithOneLine("cannot write", "its directory does not exist");
        Cli.run("convert", golden, "-o", dir.toString(), "--to", "hotline").failsWithOneLine("is a directory: name the output file");
    }
}
