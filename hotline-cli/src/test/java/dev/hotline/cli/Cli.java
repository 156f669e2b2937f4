package dev.hotline.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the command line in-process, capturing what it prints and its exit status. */
final class Cli {
    private Cli() {}

    /** A finished run. */
    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** Exit status 1 with one line on stderr that says {@code expected}, and nothing like a stack trace. */
        Run failsWithOneLine(String... expected) {
            assertThat(exit).as("exit status; stderr: %s", err).isEqualTo(Main.USER_ERROR);
            assertThat(errLines()).as("stderr").hasSize(1);
            assertThat(err).startsWith("hotline: ").contains(expected);
            assertNoStackTrace();
            return this;
        }

        Run succeeds() {
            assertThat(exit).as("exit status; stderr: %s", err).isEqualTo(Main.OK);
            return this;
        }

        void assertNoStackTrace() {
            assertThat(err).doesNotContain("\tat ", "Exception:", "Caused by");
        }
    }

    static Run run(String... args) {
        return run(Terminal.none(), args);
    }

    static Run run(Terminal terminal, String... args) {
        return run(Main.standard(), terminal, args);
    }

    static Run run(Main main, Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = main.execute(args, o, e, terminal);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
