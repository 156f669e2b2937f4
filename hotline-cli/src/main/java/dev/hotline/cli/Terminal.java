package dev.hotline.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the command line knows about where its output goes, and the environment it reads {@code NO_COLOR} from.
 *
 * @param stdoutIsTerminal standard output is a terminal: colours are allowed
 * @param stderrIsTerminal standard error is a terminal: progress is shown there
 * @param environment      the environment variables
 */
record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, Map<String, String> environment) {

    /** Set by {@code bin/hotline} from {@code [ -t 1 ]} and {@code [ -t 2 ]}, which Java cannot ask itself. */
    static final String STDOUT_PROPERTY = "hotline.stdout.terminal";
    static final String STDERR_PROPERTY = "hotline.stderr.terminal";

    Terminal {
        environment = Map.copyOf(environment);
    }

    /** Output to pipes or files, no environment: what tests start from. */
    static Terminal none() {
        return new Terminal(false, false, Map.of());
    }

    /**
     * This process's terminal: the launcher script's answer when it gave one, else {@link System#console()},
     * which is only there when standard input and output are both terminals (on Java 22 and later, where it is
     * always there, its {@code isTerminal()} says).
     */
    static Terminal detect() {
        boolean console = consoleIsTerminal();
        return new Terminal(flag(STDOUT_PROPERTY, console), flag(STDERR_PROPERTY, console), System.getenv());
    }

    /** {@code NO_COLOR} set to anything but the empty string turns colours off (https://no-color.org). */
    boolean noColorRequested() {
        String v = environment.get("NO_COLOR");
        return v != null && !v.isEmpty();
    }

    private static boolean flag(String property, boolean fallback) {
        String v = System.getProperty(property);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    private static boolean consoleIsTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true; // before Java 22 a console exists only for a terminal
        }
    }
}
