package dev.hotline.cli;

import dev.hotline.core.analysis.ProfileDiff;
import dev.hotline.core.report.ReportOptions;

import java.util.List;
import java.util.Set;

/** {@code hotline diff}: which lines and methods got slower or faster from A to B. */
final class DiffCommand implements Command {
    static final int DEFAULT_TOP = 20;

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String summary() {
        return "show which lines and methods got slower or faster between two profiles";
    }

    @Override
    public Arguments.Spec options() {
        return CommonOptions.reading(CommonOptions.report(new Arguments.Spec().flag("--all")));
    }

    @Override
    public String help() {
        return """
                Usage: hotline diff A B [options]

                Compares profile A (before) with profile B (after), line by line and method by method: total
                time (the line on the stack, callees included), self time (the line itself running or waiting),
                their share of each profile's sampled time, the change from A to B and the ratio. The largest
                changes come first, slower or faster; lines only in B are marked new, lines only in A gone.
                A or B may be a directory (or a merged profile): then its profiles are merged first, and the
                shares are the fairer comparison when the two sides hold different numbers of requests.

                Options:
                      --top N            rows of each table (default 20)
                      --all              every line and method, library code included
                """ + CommonOptions.REPORT_HELP + CommonOptions.READING_HELP + CommonOptions.COMMON_HELP + """

                Examples:
                  hotline diff before/GET.orders.000211ms.1795243759.json after/GET.orders.000388ms.1795250012.json
                  hotline diff profiles-v1 profiles-v2 --path '/orders/*' --include com.acme --top 10
                """;
    }

    @Override
    public int run(Invocation inv) throws UserError {
        Arguments args = inv.args();
        List<String> inputs = args.positional();
        if (inputs.size() != 2) {
            throw new UserError("diff needs two profiles, A and B (got " + inputs.size() + "; see hotline diff --help)");
        }
        ReportOptions.Builder options = CommonOptions.reportOptions(inv, DEFAULT_TOP);
        if (args.has("--all")) options.library(f -> false).excludePackages(List.of());
        ReportOptions built = options.build();
        ProfileCollector.Result a = CommonOptions.collect(inv, List.of(inputs.get(0)), Set.of());
        ProfileCollector.Result b = CommonOptions.collect(inv, List.of(inputs.get(1)), Set.of());
        StringBuilder out = new StringBuilder(8192);
        if (a.isMerge()) out.append("A is the ").append(lowerFirst(CommonOptions.mergeHeader(a, List.of(inputs.get(0))))).append('\n');
        if (b.isMerge()) out.append("B is the ").append(lowerFirst(CommonOptions.mergeHeader(b, List.of(inputs.get(1))))).append('\n');
        if (a.isMerge() || b.isMerge()) out.append('\n');
        out.append(ProfileDiff.compare(a.profile(), b.profile(), built).render(built.topMethods(), built.colours()));
        inv.out().print(out);
        inv.out().flush();
        return 0;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
