package dev.hotline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every way an input file can be wrong gives exit status 1 and one line naming the file and the problem. */
class InputErrorsTest {
    @TempDir
    Path dir;

    private Cli.Run view(Path file) {
        return Cli.run("view", file.toString());
    }

    @Test
    void missingFileOrDirectory() {
        view(dir.resolve("nope.json")).failsWithOneLine(dir.resolve("nope.json") + ": no such file or directory");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void fifoAndDevices_refusedWithoutReading() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux"), "mkfifo and /dev/zero need Linux");
        Path fifo = dir.resolve("profile.json");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        view(fifo).failsWithOneLine("profile.json: not a regular file");
        Cli.run("view", "/dev/zero").failsWithOneLine("/dev/zero: not a regular file");
    }

    @Test
    void emptyAndBlankFiles() throws Exception {
        view(Files.createFile(dir.resolve("empty.json"))).failsWithOneLine("empty.json: empty file, not a profile");
        view(Files.writeString(dir.resolve("blank.json"), " \n\t\n")).failsWithOneLine("blank.json: only white space, not a Hotline JSON profile");
    }

    @Test
    void truncatedJson() throws Exception {
        String golden = Files.readString(Fixtures.GOLDEN);
        Path cut = Files.writeString(dir.resolve("cut.json"), golden.substring(0, golden.length() / 2));
        view(cut).failsWithOneLine("cut.json: ", "(the file ends too early: truncated?)");
        Path cutInNumber = Files.writeString(dir.resolve("cut2.json"), golden.substring(0, golden.indexOf("\"version\"") + 11));
        view(cutInNumber).failsWithOneLine("cut2.json: unexpected end of input");
    }

    @Test
    void binaryGarbageCompressedDataAndHtml() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        view(Files.write(dir.resolve("garbage.json"), garbage)).failsWithOneLine("garbage.json: binary data (a pprof profile?), not a Hotline JSON profile");

        Path gz = dir.resolve("profile.pb.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(new byte[] {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02});
        }
        view(gz).failsWithOneLine("profile.pb.gz: gzip-compressed data (a pprof profile?), not a Hotline JSON profile");
        view(Files.write(dir.resolve("raw.pb"), new byte[] {0x0a, 0x04, 0x08, 0x01, 0x10, 0x02, 0x1a, 0x00}))
                .failsWithOneLine("raw.pb: binary data");

        Path html = Files.writeString(dir.resolve("report.html"), "\uFEFF\n<!DOCTYPE html>\n<html><script>const p = {};</script></html>");
        view(html).failsWithOneLine("report.html: an HTML or XML document, not a Hotline JSON profile");
        view(Files.writeString(dir.resolve("latin1.json"), "{\"format\": \"caf\u00e9\"}", StandardCharsets.ISO_8859_1))
                .failsWithOneLine("latin1.json: invalid character encoding (UTF-8 expected)");
    }

    @Test
    void jsonOfAnotherKind() throws Exception {
        view(Files.writeString(dir.resolve("speedscope.json"), "{\"$schema\": \"https://www.speedscope.app/file-format-schema.json\", \"profiles\": []}"))
                .failsWithOneLine("speedscope.json: not a Hotline profile: no \"format\" member at $");
        view(Files.writeString(dir.resolve("array.json"), "[1, 2, 3]")).failsWithOneLine("array.json: expected an object but found an array at $");
        view(Files.writeString(dir.resolve("v9.json"), Files.readString(Fixtures.GOLDEN).replace("\"version\": 1", "\"version\": 9")))
                .failsWithOneLine("v9.json: profile format version 9 is newer than this reader supports (1): upgrade Hotline to read it");
        view(Files.writeString(dir.resolve("bad-node.json"), Files.readString(Fixtures.GOLDEN).replace("[0, 0, 17600000, 0, 17]", "[0, 7, 17600000, 0, 17]")))
                .failsWithOneLine("bad-node.json: parent 7 is not an earlier node (0..0) at $.nodes[1][1]");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws Exception {
        Path huge = dir.resolve("huge.json");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(1L << 30); // sparse: no gigabyte is written
        }
        long start = System.nanoTime();
        view(huge).failsWithOneLine("huge.json: 1 GiB is larger than the 256 MiB limit for one profile (raise it with --max-file-size)");
        assertThat(System.nanoTime() - start).as("refused without reading").isLessThan(TimeUnit.SECONDS.toNanos(2));

        Cli.run("view", Fixtures.GOLDEN.toString(), "--max-file-size", "1K")
                .failsWithOneLine("profile-v1.json: 5.", "KiB is larger than the 1 KiB limit for one profile");
        Cli.run("view", Fixtures.GOLDEN.toString(), "--max-file-size", "lots").failsWithOneLine("--max-file-size: expected a size above 0");
        Cli.run("view", Fixtures.GOLDEN.toString(), "--max-file-size", "1M").succeeds();
    }

    @Test
    void unreadableFile() throws Exception {
        Path locked = Files.copy(Fixtures.GOLDEN, dir.resolve("locked.json"));
        try {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        } catch (UnsupportedOperationException e) {
            assumeTrue(false, "no POSIX permissions here");
        }
        assumeTrue(!Files.isReadable(locked), "running as a user who reads everything");
        view(locked).failsWithOneLine("locked.json: permission denied");
    }

    @Test
    void aDirectoryWithoutProfiles() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "hello");
        Files.writeString(dir.resolve(".hidden.json"), "{}");
        view(dir).failsWithOneLine(dir + ": no profiles (*.json files) in this directory");
    }

    @Test
    void controlCharactersInNamesCannotBreakTheLine() throws Exception {
        Path odd = Files.writeString(dir.resolve("odd\nname\u001b[31m.json"), "");
        Cli.Run r = view(odd).failsWithOneLine("odd\\u000aname\\u001b[31m.json: empty file");
        assertThat(r.err()).doesNotContain("\u001b");
    }
}
