package dev.hotline.cli;

import dev.hotline.core.export.ProfileWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code hotline merge}: many profiles added up into one, written in any format. */
final class MergeCommand implements Command {

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String summary() {
        return "add many profiles up into one (an endpoint, a time window)";
    }

    @Override
    public Arguments.Spec options() {
        return CommonOptions.reading(new Arguments.Spec().value("--to").value("--output", "-o").flag("--force"));
    }

    @Override
    public String help() {
        return """
                Usage: hotline merge FILE...|DIR... -o OUT [options]

                Adds profiles up into one: the call trees are summed, and every line's and method's time is the
                sum over all the requests, so the merged profile shows where an endpoint spends its time over many
                requests rather than in one. Files are read one at a time (memory does not grow with their
                number); a file that is not a readable profile is skipped with a warning. The merged request has
                the method and path of the inputs when they all agree (* otherwise), the earliest start and the
                sum of the durations. OUT itself is never read as an input.

                Options:
                  -o, --output OUT       where to write (required); - for standard output. The format follows
                                         OUT's extension (.json: Hotline's own, readable by view and diff)
                      --to FORMAT        the format, whatever OUT's extension (hotline convert --help lists them)
                      --force            replace OUT when it exists (never replaced otherwise)
                """ + CommonOptions.READING_HELP + CommonOptions.COMMON_HELP + """

                Examples:
                  hotline merge profiles -o all.json
                  hotline merge profiles --path '/orders/*' --since 2026-11-21T10:00:00Z -o orders.json
                  hotline merge monday tuesday -o week.json --force
                """;
    }

    @Override
    public int run(Invocation inv) throws UserError, IOException {
        Arguments args = inv.args();
        List<String> inputs = args.positional();
        if (inputs.isEmpty()) throw new UserError("merge needs profile files or directories (see hotline merge --help)");
        String output = args.value("--output");
        if (output == null) throw new UserError("merge needs -o OUT: the file to write (- for standard output)");
        ProfileWriter writer = OutputFile.format(args.value("--to"), output);
        Set<Path> excluded = output.equals(OutputFile.STDOUT) ? Set.of() : Set.of(Path.of(output).toAbsolutePath().normalize());
        ProfileCollector.Result r = CommonOptions.collect(inv, inputs, excluded);
        long size = OutputFile.write(writer, r.profile(), output, args.has("--force"), inv.out());
        if (size >= 0) {
            inv.out().println("wrote " + Messages.oneLine(output) + " (" + writer.name() + ", " + Messages.size(size) + "): "
                    + Messages.count(r.merged()) + (r.merged() == 1 ? " profile" : " profiles") + " merged"
                    + (r.filteredOut() > 0 ? ", " + Messages.count(r.filteredOut()) + " left out by the filter" : "")
                    + (r.skipped() > 0 ? ", " + Messages.count(r.skipped()) + " unreadable files skipped" : ""));
        }
        return 0;
    }
}
