package dev.hotline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @Test
    void helpListsEveryCommand() {
        for (String flag : List.of("--help", "-h", "help")) {
            Cli.Run r = Cli.run(flag).succeeds();
            assertThat(r.out()).startsWith("Usage: hotline COMMAND").contains("view", "convert", "merge", "diff", "serve", "Exit status");
            assertThat(r.err()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"view", "convert", "merge", "diff", "serve"})
    void everyCommandHasItsHelp(String command) {
        Cli.Run r = Cli.run(command, "--help").succeeds();
        assertThat(r.out()).startsWith("Usage: hotline " + command);
        assertThat(r.out()).contains("Examples:");
        assertThat(Cli.run(command, "-h").out()).isEqualTo(r.out());
        assertThat(Cli.run("help", command).out()).isEqualTo(r.out());
        assertThat(Cli.run(command, "some-file.json", "--help").out()).as("help wins over other arguments").isEqualTo(r.out());
    }

    @Test
    void convertHelpListsTheFormats() {
        assertThat(Cli.run("convert", "--help").out()).contains("hotline", ".json");
    }

    @Test
    void versionNamesTheRelease() {
        Cli.Run r = Cli.run("--version").succeeds();
        assertThat(r.out()).matches("hotline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .+\\)\\R");
    }

    @Test
    void noCommandPrintsTheUsageAndFails() {
        Cli.Run r = Cli.run();
        assertThat(r.exit()).isEqualTo(Main.USER_ERROR);
        assertThat(r.err()).startsWith("Usage: hotline").endsWith("hotline: no command given" + System.lineSeparator());
    }

    @Test
    void unknownCommandsAndOptionsAreOneLineErrors() {
        Cli.run("frobnicate").failsWithOneLine("unknown command 'frobnicate'", "view, convert, merge, diff, serve");
        Cli.run("--frob", "view").failsWithOneLine("unknown option '--frob' before the command");
        Cli.run("view", "--frob", "x.json").failsWithOneLine("unknown option '--frob' for view", "hotline view --help");
        Cli.run("view", "x.json", "--top").failsWithOneLine("--top needs a value");
        Cli.run("view", "x.json", "--lines=yes").failsWithOneLine("--lines takes no value");
        Cli.run("view", "x.json", "--color=sometimes").failsWithOneLine("--color: expected always, never or auto");
        Cli.run("view").failsWithOneLine("view needs a profile file or a directory");
        Cli.run("help", "nothing").failsWithOneLine("no help for 'nothing'");
    }

    @Test
    void serve_missingDirectoryIsAOneLineError() {
        Cli.run("serve", "no-such-profiles-dir", "--port", "8081").failsWithOneLine("not a directory: 'no-such-profiles-dir'");
    }

    /** A command that fails the way a bug would. */
    private static final class Broken implements Command {
        public String name() { return "broken"; }
        public String summary() { return "fails"; }
        public String help() { return "Usage: hotline broken"; }
        public Arguments.Spec options() { return new Arguments.Spec(); }
        public int run(Invocation inv) {
            throw new IllegalStateException("a bug\nover two lines");
        }
    }

    @Test
    void anInternalErrorIsOneLineAskingForAReportAndTheStackTraceOnlyWithDebug() {
        Main main = new Main(List.of(new Broken()));
        Cli.Run r = Cli.run(main, Terminal.none(), "broken");
        assertThat(r.exit()).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(r.errLines()).containsExactly("hotline: internal error: java.lang.IllegalStateException: a bug\\u000aover two lines; "
                + "please report it, with the command (--debug prints the stack trace)");

        Cli.Run debug = Cli.run(main, Terminal.none(), "broken", "--debug");
        assertThat(debug.exit()).isEqualTo(Main.INTERNAL_ERROR);
        assertThat(debug.err()).contains("please report it, with the command and the stack trace below", "\tat dev.hotline.cli.MainTest$Broken.run");
        assertThat(Cli.run(main, Terminal.none(), "--debug", "broken").err()).contains("\tat ");
    }

    @Test
    void optionValuesAndPositionalsMayComeInAnyOrderAndDoubleDashEndsOptions() throws Exception {
        Cli.Run r = Cli.run("view", "--top=3", "--lines", Fixtures.GOLDEN.toString(), "--include", "com.acme").succeeds();
        assertThat(r.out()).contains("Method: com.acme.shop.OrderServlet.doGet").doesNotContain("Method: com.acme.shop.OrderService.price");
        Cli.run("view", "--lines", "--", "--top").failsWithOneLine("--top: no such file or directory");
    }
}
