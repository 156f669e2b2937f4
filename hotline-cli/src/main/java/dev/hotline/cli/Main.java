package dev.hotline.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code hotline} command line: {@code view}, {@code convert}, {@code merge}, {@code diff} and {@code serve}
 * over saved profiles.
 *
 * <p>Exit status: 0 on success; 1 for what the user can fix (bad arguments; a missing, unreadable, corrupt or
 * wrong kind of file), with one line on standard error naming the file and the problem; 2 for an internal
 * error, with one line asking to report it (and the stack trace with {@code --debug}).
 *
 * @since 0.1
 */
public final class Main {
    /** Exit status of a success. @since 0.1 */
    public static final int OK = 0;
    /** Exit status when the arguments or an input file are wrong. @since 0.1 */
    public static final int USER_ERROR = 1;
    /** Exit status of an internal error. @since 0.1 */
    public static final int INTERNAL_ERROR = 2;

    private final Map<String, Command> commands = new LinkedHashMap<>();

    /** The command line with {@code commands}, in the order help lists them. */
    Main(List<Command> commands) {
        for (Command c : commands) this.commands.put(c.name(), c);
    }

    /** The command line with every command. */
    static Main standard() {
        return new Main(List.of(new ViewCommand(), new ConvertCommand(), new MergeCommand(), new DiffCommand(), new ServeCommand()));
    }

    /**
     * Runs the command line and exits with its status. Output is UTF-8.
     *
     * @since 0.1
     */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, out, err, Terminal.detect());
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command line with the given streams, for embedding and tests; never exits the JVM.
     *
     * @return the exit status: {@link #OK}, {@link #USER_ERROR} or {@link #INTERNAL_ERROR}
     * @since 0.1
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Terminal.none());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
        return standard().execute(args, out, err, terminal);
    }

    /** Runs one command line; the exit status as {@link #run(String[], PrintStream, PrintStream)} gives it. */
    int execute(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
        List<String> list = Arrays.asList(args);
        boolean debug = optionsOf(list).contains("--debug");
        try {
            return dispatch(list, out, err, terminal);
        } catch (UserError e) {
            out.flush();
            err.println("hotline: " + Messages.oneLine(e.getMessage()));
            return USER_ERROR;
        } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError e) {
            out.flush();
            err.println("hotline: internal error: " + Messages.oneLine(e.toString()) + "; please report it, with the command"
                    + (debug ? " and the stack trace below" : " (--debug prints the stack trace)"));
            if (debug) e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            out.flush();
        }
    }

    private int dispatch(List<String> args, PrintStream out, PrintStream err, Terminal terminal) throws UserError, IOException {
        List<String> leading = new ArrayList<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--")) {
            String a = args.get(i++);
            switch (a) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return OK;
                }
                case "--version" -> {
                    out.println("hotline " + version() + " (Java " + System.getProperty("java.version") + ")");
                    return OK;
                }
                default -> {
                    if (!a.equals("--debug") && !a.startsWith("--color")) {
                        throw new UserError("unknown option " + Messages.quote(a) + " before the command (see hotline --help)");
                    }
                    leading.add(a);
                    if (a.equals("--color") && i < args.size() && List.of("always", "never", "auto").contains(args.get(i))) {
                        leading.add(args.get(i++));
                    }
                }
            }
        }
        if (i < args.size() && args.get(i).equals("--")) i++;
        if (i >= args.size()) {
            err.print(usage());
            throw new UserError("no command given");
        }
        String name = args.get(i++);
        if (name.equals("help")) return help(args.subList(i, args.size()), out);
        Command command = commands.get(name);
        if (command == null) {
            throw new UserError("unknown command " + Messages.quote(name) + "; commands: " + String.join(", ", commands.keySet())
                    + " (see hotline --help)");
        }
        List<String> rest = new ArrayList<>(leading);
        rest.addAll(args.subList(i, args.size()));
        Arguments parsed = Arguments.parse(name, rest, Command.withCommonOptions(command.options()));
        if (parsed.has("--help")) {
            out.print(command.help());
            return OK;
        }
        return command.run(new Invocation(parsed, out, err, terminal));
    }

    /** {@code hotline help} and {@code hotline help COMMAND}. */
    private int help(List<String> args, PrintStream out) throws UserError {
        if (args.isEmpty()) {
            out.print(usage());
            return OK;
        }
        Command c = commands.get(args.get(0));
        if (c == null) throw new UserError("no help for " + Messages.quote(args.get(0)) + ": commands are " + String.join(", ", commands.keySet()));
        out.print(c.help());
        return OK;
    }

    String usage() {
        StringBuilder list = new StringBuilder();
        for (Command c : commands.values()) {
            list.append(String.format(Locale.ROOT, "  %-9s%s%n", c.name(), c.summary()));
        }
        return """
                Usage: hotline COMMAND [options] ...

                Reads the profiles Hotline saves (one JSON file per request) and shows, converts, merges and
                compares them.

                Commands:
                """ + list + """

                Options:
                  -h, --help             this help; hotline COMMAND --help for a command's
                      --version          print the version
                      --color[=WHEN]     colours: auto (default: when output is a terminal and NO_COLOR is
                                         unset), always, never
                      --debug            print the stack trace of an internal error

                Exit status: 0 success; 1 bad arguments, or an input file missing, unreadable or not a
                profile; 2 internal error (please report it).

                Examples:
                  hotline view profiles/GET.orders.000211ms.1795243759.json
                  hotline view profiles --path '/orders/**' --functions
                  hotline convert profiles/GET.orders.000211ms.1795243759.json -o orders.json
                  hotline merge profiles --since 2026-11-21T10:00:00Z -o morning.json
                  hotline diff before.json after.json --top 10
                """;
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The arguments before {@code --}, where options can be. */
    private static List<String> optionsOf(List<String> args) {
        int end = args.indexOf("--");
        return end < 0 ? args : args.subList(0, end);
    }
}
