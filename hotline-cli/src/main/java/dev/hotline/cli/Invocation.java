package dev.hotline.cli;

import java.io.PrintStream;

/**
 * One run of a command: its parsed arguments, where output, warnings and progress go, and the options every
 * command shares ({@code --color}, {@code --max-file-size}, {@code --debug}).
 */
final class Invocation {
    /** At most this many warnings are printed one by one; the rest are counted. */
    static final int MAX_WARNINGS = 20;

    private final Arguments args;
    private final PrintStream out;
    private final PrintStream err;
    private final Terminal terminal;
    private final Progress progress;
    private int warnings;

    Invocation(Arguments args, PrintStream out, PrintStream err, Terminal terminal) {
        this.args = args;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.progress = new Progress(err, terminal.stderrIsTerminal());
    }

    Arguments args() {
        return args;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Progress progress() {
        return progress;
    }

    /**
     * Whether to colour standard output: {@code --color=always} or {@code never} when given, otherwise only when
     * it is a terminal and {@code NO_COLOR} is not set.
     */
    boolean colours() throws UserError {
        String when = args.has("--color") ? args.value("--color") : "auto";
        if (when == null) when = "always";
        return switch (when) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> terminal.stdoutIsTerminal() && !terminal.noColorRequested();
            default -> throw new UserError("--color: expected always, never or auto, got " + Messages.quote(when));
        };
    }

    ProfileFileReader reader() throws UserError {
        String limit = args.value("--max-file-size");
        return new ProfileFileReader(limit == null ? ProfileFileReader.DEFAULT_MAX_BYTES : Messages.parseSize("--max-file-size", limit));
    }

    /** A warning line on standard error; past {@link #MAX_WARNINGS}, only counted. */
    void warn(String message) {
        warnings++;
        if (warnings > MAX_WARNINGS) return;
        progress.clear();
        err.println("hotline: warning: " + Messages.oneLine(message));
    }

    /** Warnings given so far, printed or not. */
    int warnings() {
        return warnings;
    }

    /** Warnings given but not printed. */
    int warningsNotShown() {
        return Math.max(0, warnings - MAX_WARNINGS);
    }
}
