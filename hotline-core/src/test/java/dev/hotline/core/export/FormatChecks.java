package dev.hotline.core.export;

import dev.hotline.core.model.Profile;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Golden files and external tools for the export tests.
 *
 * <p>Golden files live in {@code src/test/resources/dev/hotline/core/export/}. After a deliberate change of a
 * format, regenerate them with {@code mvn -pl hotline-core test -Dexport.golden.update=true} and review the diff.
 *
 * <p>A test that needs a tool ({@code node}, {@code protoc}...) is skipped when the tool is missing, except under
 * CI ({@code CI=true}), where it fails: CI must install what these tests need.
 */
final class FormatChecks {
    static final boolean UPDATE = Boolean.getBoolean("export.golden.update");
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Path GOLDEN_DIR = MODULE.resolve("src/test/resources/dev/hotline/core/export");

    private FormatChecks() {}

    static byte[] write(ProfileWriter writer, Profile profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String text(ProfileWriter writer, Profile profile) {
        return new String(write(writer, profile), StandardCharsets.UTF_8);
    }

    /** Compares with the golden file {@code name}, or rewrites it when {@code -Dexport.golden.update=true}. */
    static void assertGolden(String name, byte[] actual, boolean text) throws IOException {
        if (UPDATE) {
            Files.createDirectories(GOLDEN_DIR);
            Files.write(GOLDEN_DIR.resolve(name), actual);
            return;
        }
        byte[] expected;
        try (InputStream in = FormatChecks.class.getResourceAsStream(name)) {
            if (in == null) fail("golden file " + name + " is missing: run the tests with -Dexport.golden.update=true");
            expected = in.readAllBytes();
        }
        String hint = name + " differs from the golden file: if the change is meant, rerun with -Dexport.golden.update=true";
        if (text) {
            assertThat(new String(actual, StandardCharsets.UTF_8)).as(hint).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
        assertThat(actual).as(hint).isEqualTo(expected);
    }

    /** Skips the test, or fails it under CI, unless every command is on the PATH. */
    static void requireCommands(String installHint, String... commands) {
        for (String c : commands) requireThat(onPath(c), c + " is not on the PATH (" + installHint + ")");
    }

    static void requireThat(boolean present, String whatIsMissing) {
        if (present) return;
        if (CI) fail(whatIsMissing + ": CI must install it");
        assumeTrue(false, whatIsMissing + ": test skipped (it fails under CI=true)");
    }

    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    record Result(int exitCode, String output) {}

    /** Runs a command in {@code dir}, stdout and stderr together; kills it after {@code timeoutSeconds}. */
    static Result run(Path dir, long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("hotline-tool", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            p.getOutputStream().close(); // no input
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + read(log));
            }
            return new Result(p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
