package dev.hotline.cli;

import java.io.IOException;

/** One of the command line's commands: {@code view}, {@code convert}, {@code merge}, {@code diff}, {@code serve}. */
interface Command {

    /** The name typed after {@code hotline}. */
    String name();

    /** One line for the list of commands. */
    String summary();

    /** The full help: usage, options, examples. */
    String help();

    /** The options it accepts, besides the common ones every command takes. */
    Arguments.Spec options();

    /**
     * Runs the command.
     *
     * @return the exit status
     * @throws UserError   for what the user can fix; exit status 1
     * @throws IOException when output cannot be written
     */
    int run(Invocation invocation) throws UserError, IOException;

    /** The options every command takes, added to {@link #options()}. */
    static Arguments.Spec withCommonOptions(Arguments.Spec spec) {
        return spec.flag("--help", "-h")
                .flag("--debug")
                .optionalValue("--color", java.util.List.of("always", "never", "auto"));
    }
}
