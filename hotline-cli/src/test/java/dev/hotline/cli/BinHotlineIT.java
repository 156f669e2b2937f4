package dev.hotline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * bin/hotline as users run it: a POSIX sh script finding the packaged jar. Runs in the integration-test phase,
 * after {@code package} built target/hotline-cli.jar; skipped where the jar or a shell is missing.
 */
class BinHotlineIT {
    static final Path SCRIPT = Path.of("../bin/hotline");
    static final Path JAR = Path.of("target/hotline-cli.jar");

    @Test
    void helpRunsThroughTheScriptAndThePackagedJar() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "target/hotline-cli.jar not built (run mvn package first)");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        Result r = run(SCRIPT, "--help");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).startsWith("Usage: hotline COMMAND").contains("view", "convert", "merge", "diff", "serve");

        Result view = run(SCRIPT, "view", Fixtures.GOLDEN.toString(), "--tree");
        assertThat(view.exit).as(view.output).isZero();
        assertThat(view.output).contains("├─ 17.6 ms  java.lang.Thread.run").doesNotContain("\u001b[");
    }

    @Test
    void withoutTheJarTheScriptSaysHowToBuildIt(@TempDir Path root) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path copy = Files.copy(SCRIPT, bin.resolve("hotline"));
        Result r = run(copy, "--help");
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("hotline-cli/target/hotline-cli.jar is not built yet; build it with:",
                "mvn -B -q -DskipTests package");
    }

    private record Result(int exit, String output) {}

    private static Result run(Path script, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "/bin/sh";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
