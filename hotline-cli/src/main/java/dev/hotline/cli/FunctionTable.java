package dev.hotline.cli;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A per-method table in the spirit of Python's pstats: self time, total time (callees included), their
 * shares and the samples of every method, library code included, sorted by total time, self time or samples.
 *
 * <pre>
 * Methods by total time (12 of 96 shown):
 *       Self  Self %      Total  Total %  Samples  Method
 *       ====  ======      =====  =======  =======  ======
 *      0.0ms    0.0%    209.7ms    99.3%      210  dev.hotline.demo.DemoServlet.doGet  (DemoServlet.java)
 * </pre>
 *
 * With include packages, only methods in them are listed; excluded packages never are.
 */
final class FunctionTable {
    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[90m";

    /** The column the table is sorted by. */
    enum Sort {
        TOTAL(Comparator.comparingLong(MethodStats::totalNs)),
        SELF(Comparator.comparingLong(MethodStats::selfNs)),
        SAMPLES(Comparator.comparingLong(MethodStats::samples));

        final Comparator<MethodStats> largestFirst;

        Sort(Comparator<MethodStats> order) {
            this.largestFirst = order.reversed().thenComparing(m -> m.method().toString());
        }

        static Sort parse(String text) throws UserError {
            for (Sort s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) return s;
            }
            throw new UserError("--sort: expected total, self or samples, got " + Messages.quote(text));
        }
    }

    private final ReportOptions options;
    private final Sort sort;
    private final int top;

    FunctionTable(ReportOptions options, Sort sort, int top) {
        this.options = options;
        this.sort = sort;
        this.top = top;
    }

    String render(Profile p) {
        List<MethodStats> listed = new ArrayList<>();
        for (MethodStats m : p.methods()) {
            if (shown(m.method()) && p.share(value(m)) >= options.minShare()) listed.add(m);
        }
        listed.sort(sort.largestFirst);
        int n = Math.min(top, listed.size());
        StringBuilder out = new StringBuilder(256 + n * 120);
        out.append("Methods by ").append(sort.name().toLowerCase(Locale.ROOT)).append(sort == Sort.SAMPLES ? "" : " time")
                .append(" (").append(n).append(" of ").append(p.methods().size()).append(" shown")
                .append(listed.size() > n ? "; --top to see more" : "")
                .append(listed.size() < p.methods().size() ? "; others below " + percent(options.minShare())
                        + " or outside the packages asked for" : "")
                .append("):\n");
        if (n == 0) return out.append("  (none)\n").toString();
        out.append(row("Self", "Self %", "Total", "Total %", "Samples", "Method")).append('\n');
        out.append(row("====", "======", "=====", "=======", "=======", "======")).append('\n');
        for (MethodStats m : listed.subList(0, n)) {
            String colour = options.colours() ? colourFor(p.share(m.totalNs())) : "";
            Frame f = m.method();
            String name = Messages.oneLine(f.qualifiedMethod()) + "  (" + Messages.oneLine(f.fileName() == null ? "?" : f.fileName()) + ")";
            out.append(colour)
                    .append(row(ms(m.selfNs()), percent(p.share(m.selfNs())), ms(m.totalNs()), percent(p.share(m.totalNs())),
                            Long.toString(m.samples()), name))
                    .append(colour.isEmpty() ? "" : RESET).append('\n');
        }
        return out.toString();
    }

    private boolean shown(Frame method) {
        String cls = method.className();
        for (String p : options.excludePackages()) {
            if (ReportOptions.matchesPackage(cls, p)) return false;
        }
        if (options.includePackages().isEmpty()) return true;
        for (String p : options.includePackages()) {
            if (ReportOptions.matchesPackage(cls, p)) return true;
        }
        return false;
    }

    private long value(MethodStats m) {
        return sort == Sort.SELF ? m.selfNs() : m.totalNs();
    }

    private static String row(String self, String selfShare, String total, String totalShare, String samples, String name) {
        return pad(self, 11) + pad(selfShare, 8) + pad(total, 11) + pad(totalShare, 9) + pad(samples, 9) + "  " + name;
    }

    /** The line table's scale: red from 50%, yellow from 5%, grey below 0.2%. */
    private static String colourFor(double share) {
        if (share >= 0.5) return RED;
        if (share >= 0.05) return YELLOW;
        if (share < 0.002) return DIM;
        return "";
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", f * 100);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
