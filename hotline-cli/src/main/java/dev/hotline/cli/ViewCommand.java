package dev.hotline.cli;

import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.core.report.TextReports;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code hotline view}: the text reports of one profile, or of a directory of profiles merged. */
final class ViewCommand implements Command {
    static final int DEFAULT_FUNCTIONS = 30;

    @Override
    public String name() {
        return "view";
    }

    @Override
    public String summary() {
        return "show a profile's line table and call tree, or those of a directory of profiles merged";
    }

    @Override
    public Arguments.Spec options() {
        return CommonOptions.reading(CommonOptions.report(new Arguments.Spec()
                .flag("--lines").flag("--tree").flag("--functions").value("--sort")
                .repeated("--source-path").flag("--ascii")));
    }

    @Override
    public String help() {
        return """
                Usage: hotline view FILE|DIR... [options]

                Shows the line table (the time of each line of your hottest methods, next to its source) and the
                call tree of a saved profile. Given a directory, or several files, it shows the profile of all of
                them merged: every request's time added up, so the lines that cost the most overall come first.
                A file among many that is not a readable profile is skipped with a warning.

                What to show (the line table and the tree when none is given):
                      --lines            the line table
                      --tree             the call tree, library frames folded
                      --functions        a table of every method: self and total time, samples
                      --sort KEY         order of --functions: total (default), self, samples

                Options:
                      --top N            methods in the line table (default 10), rows of --functions (default 30)
                """ + CommonOptions.REPORT_HELP + """
                      --source-path DIR  where to find your sources for the line table's code column; repeat for
                                         several
                      --ascii            draw the tree with ASCII characters only
                """ + CommonOptions.READING_HELP + CommonOptions.COMMON_HELP + """

                Examples:
                  hotline view profiles/GET.orders.000211ms.1795243759.json --source-path src/main/java
                  hotline view profiles --include com.acme --path '/orders/**'
                  hotline view profiles --functions --sort self --top 20
                  hotline view profiles --since 2026-11-21T10:00:00Z --until 2026-11-21T11:00:00Z --tree
                """;
    }

    @Override
    public int run(Invocation inv) throws UserError {
        Arguments args = inv.args();
        List<String> inputs = args.positional();
        if (inputs.isEmpty()) throw new UserError("view needs a profile file or a directory (see hotline view --help)");
        boolean lines = args.has("--lines"), tree = args.has("--tree"), functions = args.has("--functions");
        if (!lines && !tree && !functions) lines = tree = true;
        FunctionTable.Sort sort = args.has("--sort") ? FunctionTable.Sort.parse(args.value("--sort")) : FunctionTable.Sort.TOTAL;
        ReportOptions options = CommonOptions.reportOptions(inv, 10)
                .sourcePaths(CommonOptions.sourcePaths(args))
                .ascii(args.has("--ascii"))
                .build();
        int functionRows = args.intValue("--top", DEFAULT_FUNCTIONS, 0);

        ProfileCollector.Result r = CommonOptions.collect(inv, inputs, Set.of());
        Profile p = r.profile();
        StringBuilder out = new StringBuilder(8192);
        if (r.isMerge()) out.append(CommonOptions.mergeHeader(r, inputs)).append("\n\n");
        Set<TextReports.Kind> kinds = EnumSet.noneOf(TextReports.Kind.class);
        if (lines) kinds.add(TextReports.Kind.LINES);
        if (tree) kinds.add(TextReports.Kind.TREE);
        SourceLocator sources = new SourceLocator(options.sourcePaths(), Thread.currentThread().getContextClassLoader());
        if (!kinds.isEmpty() || functions) out.append(TextReports.render(p, options, sources, kinds));
        if (functions) {
            out.append('\n');
            out.append(new FunctionTable(options, sort, functionRows).render(p));
        }
        inv.out().print(out);
        inv.out().flush();
        return 0;
    }
}
