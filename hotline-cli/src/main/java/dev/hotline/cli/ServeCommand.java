package dev.hotline.cli;

/** {@code hotline serve}: the results page is not part of this version; says what to use meanwhile. */
final class ServeCommand implements Command {
    static final String NOT_YET = "hotline serve needs the results page, which is not part of this version yet; "
            + "meanwhile: hotline view DIR or hotline convert FILE --to html";

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "(not in this version) browse a directory of profiles in a web page";
    }

    @Override
    public Arguments.Spec options() {
        return new Arguments.Spec().value("--port");
    }

    @Override
    public String help() {
        return """
                Usage: hotline serve DIR [--port N]

                Will serve a results page for a directory of profiles. The page is not part of this version:
                the command says so and exits with status 1. Meanwhile, hotline view DIR shows the merged
                profile of a directory as text.
                """;
    }

    @Override
    public int run(Invocation inv) {
        inv.err().println(NOT_YET);
        return 1;
    }
}
