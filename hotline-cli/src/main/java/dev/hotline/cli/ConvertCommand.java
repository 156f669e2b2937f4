package dev.hotline.cli;

import dev.hotline.core.export.ProfileFormats;
import dev.hotline.core.export.ProfileWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code hotline convert}: one profile (or a directory merged) written in another format. */
final class ConvertCommand implements Command {

    @Override
    public String name() {
        return "convert";
    }

    @Override
    public String summary() {
        return "write a profile in another format, for other tools";
    }

    @Override
    public Arguments.Spec options() {
        return CommonOptions.reading(new Arguments.Spec().value("--to").value("--output", "-o").flag("--force"));
    }

    @Override
    public String help() {
        StringBuilder formats = new StringBuilder();
        for (ProfileWriter w : ProfileFormats.all()) {
            formats.append(String.format(Locale.ROOT, "  %-12s .%-18s %s%n", w.name(), String.join(" .", w.extensions()), w.description()));
        }
        return """
                Usage: hotline convert FILE|DIR --to FORMAT [-o OUT] [options]

                Writes a saved profile in another format. Given a directory (or several files), converts the
                profile of all of them merged.

                Options:
                      --to FORMAT        the format (below); when absent, the one OUT's extension selects
                  -o, --output OUT       where to write; - for standard output. Default: beside FILE, with the
                                         format's extension in place of .json (beside DIR for a directory)
                      --force            replace OUT when it exists (never replaced otherwise)
                """ + CommonOptions.READING_HELP + CommonOptions.COMMON_HELP + """

                Formats:
                """ + formats + """

                Examples:
                  hotline convert profiles/GET.orders.000211ms.1795243759.json --to hotline -o orders.json
                  hotline convert profiles/GET.orders.000211ms.1795243759.json -o - --to hotline | jq .lines[0]
                """;
    }

    @Override
    public int run(Invocation inv) throws UserError, IOException {
        Arguments args = inv.args();
        List<String> inputs = args.positional();
        if (inputs.isEmpty()) throw new UserError("convert needs a profile file (see hotline convert --help)");
        String output = args.value("--output");
        ProfileWriter writer = OutputFile.format(args.value("--to"), output);
        if (output == null) output = besideInput(inputs.get(0), writer);
        Set<Path> excluded = output.equals(OutputFile.STDOUT) ? Set.of() : Set.of(Path.of(output).toAbsolutePath().normalize());
        ProfileCollector.Result r = CommonOptions.collect(inv, inputs, excluded);
        long size = OutputFile.write(writer, r.profile(), output, args.has("--force"), inv.out());
        if (size >= 0) {
            inv.out().println("wrote " + Messages.oneLine(output) + " (" + writer.name() + ", " + Messages.size(size)
                    + (r.isMerge() ? ", " + Messages.count(r.merged()) + " profiles merged" : "") + ")");
        }
        return 0;
    }

    /** {@code dir/GET.x.000012ms.1552408596.json} becomes {@code dir/GET.x.000012ms.1552408596.speedscope.json}. */
    static String besideInput(String input, ProfileWriter writer) {
        Path in = Path.of(input).normalize();
        if (in.getFileName() == null || in.getFileName().toString().isEmpty() || in.getFileName().toString().equals("..")) {
            in = in.toAbsolutePath().normalize(); // "." or "..": name the output after the real directory
        }
        String name = in.getFileName() == null ? "profiles" : in.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) name = name.substring(0, name.length() - ".json".length());
        String out = name + "." + writer.extensions().get(0);
        Path parent = in.getParent();
        return parent == null ? out : parent.resolve(out).toString();
    }
}
