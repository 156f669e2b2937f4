package dev.hotline.cli;

import dev.hotline.core.report.ReportOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Options several commands share, their help text, and what they turn into. */
final class CommonOptions {
    private CommonOptions() {}

    /** Options of the commands that read profiles: which ones to take from directories, and the size limit. */
    static Arguments.Spec reading(Arguments.Spec spec) {
        return spec.repeated("--path").value("--since").value("--until").value("--max-file-size");
    }

    static final String READING_HELP = """
              --path GLOB        only requests whose path matches: * within a segment, ** across, ? one
                                 character (/orders/*, /api/**); repeat or separate with commas for several
              --since TIME       only requests started at or after TIME: 2026-11-21, 2026-11-21T10:00:00Z,
                                 2026-11-21T12:00:00+02:00 (no zone means UTC)
              --until TIME       only requests started before TIME
              --max-file-size N  refuse profile files larger than N (default 256M; K, M, G are binary units)
            """;

    /** Options of the commands that filter and colour report lines: view and diff. */
    static Arguments.Spec report(Arguments.Spec spec) {
        return spec.value("--top").repeated("--include").repeated("--exclude").value("--min-share");
    }

    static final String REPORT_HELP = """
              --include PKG      your packages (com.acme): everything else counts as library code, folded in
                                 the tree and left out of line tables; repeat or separate with commas
              --exclude PKG      packages always treated as library code
              --min-share P      leave out methods, lines and tree nodes below this share of the sampled time
                                 (default 1%; 0.5%, 0.005 and 0 are accepted)
            """;

    static final String COMMON_HELP = """
              --color[=WHEN]     colours: auto (default: when output is a terminal and NO_COLOR is unset),
                                 always, never
              --debug            print the stack trace of an internal error
          -h, --help             this help
            """;

    /** Report options from {@code --include}, {@code --exclude}, {@code --min-share} and {@code --top}. */
    static ReportOptions.Builder reportOptions(Invocation inv, int defaultTop) throws UserError {
        Arguments args = inv.args();
        ReportOptions.Builder b = ReportOptions.builder()
                .includePackages(args.list("--include"))
                .excludePackages(args.list("--exclude"))
                .topMethods(args.intValue("--top", defaultTop, 0))
                .colours(inv.colours());
        String share = args.value("--min-share");
        if (share != null) b.minShare(Messages.parseShare("--min-share", share));
        return b;
    }

    /** Every directory of {@code --source-path}, repeated or separated by the platform's path separator. */
    static List<Path> sourcePaths(Arguments args) throws UserError {
        List<Path> out = new ArrayList<>();
        for (String v : args.list("--source-path")) {
            for (String part : v.split(File.pathSeparator)) {
                if (part.isBlank()) continue;
                Path p = Path.of(part.strip());
                if (!Files.isDirectory(p)) {
                    throw new UserError("--source-path: " + Messages.oneLine(part) + " is not a directory");
                }
                out.add(p);
            }
        }
        return out;
    }

    /** The profiles the positional arguments name, merged when there are several or a directory. */
    static ProfileCollector.Result collect(Invocation inv, List<String> inputs, Set<Path> excluded) throws UserError {
        return new ProfileCollector(inv, inv.reader(), RequestFilter.of(inv.args())).collect(inputs, excluded);
    }

    /** The header above a merged profile's report: how many profiles, from where, how many skipped. */
    static String mergeHeader(ProfileCollector.Result r, List<String> inputs) {
        StringBuilder b = new StringBuilder("Merged profile of ").append(Messages.count(r.merged()))
                .append(r.merged() == 1 ? " request" : " requests").append(" from ")
                .append(Messages.oneLine(String.join(", ", inputs)));
        if (r.filteredOut() > 0) b.append(" (").append(Messages.count(r.filteredOut())).append(" left out by the filter)");
        if (r.skipped() > 0) {
            b.append(" (").append(Messages.count(r.skipped())).append(r.skipped() == 1 ? " file" : " files")
                    .append(" skipped: not readable profiles)");
        }
        return b.toString();
    }
}
