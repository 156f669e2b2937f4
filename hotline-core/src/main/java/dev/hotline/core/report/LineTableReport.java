package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line table, in the style of wsgi_lineprof: one table per method, the hottest application methods
 * first, each sampled line with its samples, time (callees included, counted once per sample under
 * recursion) and share of the method's time, next to its source code.
 *
 * <pre>
 * File: com/acme/shop/Checkout.java  (source: /src/main/java/com/acme/shop/Checkout.java)
 * Method: com.acme.shop.Checkout.pay  —  total 412.3 ms (61.2%), 398 samples
 *   Line    Samples       Time   % Time  Code
 *   ====    =======       ====   ======  ====
 *     41         12     12.1ms     2.9%  var cart = carts.load(id);
 *     42        380    396.0ms    96.1%  gateway.charge(cart.total());
 * </pre>
 *
 * <p>Only methods that are not {@linkplain ReportOptions#isLibrary library code} and reach the minimum share of
 * the profile's sampled time are shown, at most {@link ReportOptions#topMethods()} of them. When the source
 * was found, the unsampled lines between the first and last sampled line are shown too, without numbers, so
 * the reader sees the context; long unsampled stretches are shortened. Exact engines' hit counts add Hits
 * and Per Hit columns. Thread-safe if its {@link SourceLocator} is.
 *
 * @since 0.1
 */
public final class LineTableReport {
    /** Unsampled stretches up to this long are shown whole; longer ones keep {@link #CONTEXT} lines each end. */
    static final int MAX_GAP = 12;
    static final int CONTEXT = 4;

    private final ReportOptions options;
    private final SourceLocator sources;

    /** A report over the options' source paths and the context class loader. */
    public LineTableReport(ReportOptions options) {
        this(options, SourceLocator.forOptions(options));
    }

    /** A report reading sources through {@code sources}, which may be shared between reports for its cache. */
    public LineTableReport(ReportOptions options, SourceLocator sources) {
        this.options = options;
        this.sources = sources;
    }

    /** The request summary, the profile's notes and the tables. Never throws for missing sources. */
    public String render(Profile profile) {
        StringBuilder out = new StringBuilder(4096);
        out.append(Text.summary(profile)).append('\n');
        Text.notes(out, profile);
        appendTables(out, profile);
        return out.toString();
    }

    /** The tables alone, each preceded by a blank line. */
    void appendTables(StringBuilder out, Profile p) {
        Map<Frame, List<LineStats>> linesByMethod = new HashMap<>();
        for (LineStats l : p.lines()) {
            linesByMethod.computeIfAbsent(l.frame().methodOnly(), k -> new ArrayList<>()).add(l);
        }
        List<MethodStats> shown = new ArrayList<>();
        int library = 0, belowShare = 0, beyondTop = 0;
        List<MethodStats> candidates = new ArrayList<>(p.methods());
        // Traced methods are ranked by their exact time too, so one the sampler missed still gets its table.
        candidates.sort(Comparator.comparingDouble((MethodStats m) -> -share(p, m)));
        ReportOptions app = options.forProfile(p);
        for (MethodStats m : candidates) {
            if (app.isLibrary(m.method())) {
                library++;
            } else if (share(p, m) < options.minShare()) {
                belowShare++;
            } else if (shown.size() >= options.topMethods()) {
                beyondTop++;
            } else {
                shown.add(m);
            }
        }
        String min = Text.percent(options.minShare());
        if (p.methods().isEmpty()) {
            out.append("\n(no samples, no line table)\n");
            return;
        }
        if (shown.isEmpty()) {
            out.append("\n(no application method at or above ").append(min).append(" of the sampled time; ")
                    .append(library).append(" library methods not shown: set include-packages or lower min-share)\n");
            return;
        }
        for (MethodStats m : shown) {
            out.append('\n');
            table(out, p, m, linesByMethod.getOrDefault(m.method(), List.of()));
        }
        if (beyondTop + belowShare > 0) {
            out.append("\n(").append(beyondTop + belowShare).append(" more application methods not shown: ")
                    .append(beyondTop).append(" beyond the top ").append(options.topMethods()).append(", ")
                    .append(belowShare).append(" below ").append(min).append(")\n");
        }
    }

    /** The method's share of the request: sampled, or for a traced method its exact cumtime if that is more. */
    private static double share(Profile p, MethodStats m) {
        double sampled = p.share(m.totalNs());
        if (!m.traced() || p.request().durationNs() <= 0) return sampled;
        return Math.max(sampled, Math.min(1.0, (double) m.cumtimeNs() / p.request().durationNs()));
    }

    private void table(StringBuilder out, Profile p, MethodStats m, List<LineStats> lines) {
        Frame mf = m.method();
        String rel = SourceLocator.relativePath(mf.className(), mf.fileName());
        String display = Text.clean(rel != null ? rel : mf.fileName() != null ? mf.fileName() : "?");
        SourceFile src = rel == null ? null : sources.find(mf.className(), mf.fileName());

        out.append("File: ").append(display);
        if (src != null) out.append("  (source: ").append(Text.clean(src.location())).append(')');
        out.append('\n');
        out.append("Method: ").append(Text.clean(mf.qualifiedMethod())).append(options.ascii() ? "  -  " : "  —  ")
                .append("total ").append(Text.msSpaced(m.totalNs()))
                .append(" (").append(Text.percent(p.share(m.totalNs()))).append("), ")
                .append(m.samples()).append(" samples");
        if (m.calls() >= 0) out.append(", ").append(m.calls()).append(" calls");
        if (m.traced()) out.append(", traced ").append(Text.msSpaced(m.cumtimeNs()));
        out.append('\n');
        if (src == null) out.append("(source not found for ").append(display).append("; set source-paths)\n");

        boolean hits = lines.stream().anyMatch(l -> l.hits() != LineStats.NOT_COUNTED);
        // Traced lines show exact times (line_profiler's Time, Per Hit) and the slowest hit; % of the exact cumtime.
        boolean exact = m.traced() && lines.stream().anyMatch(LineStats::traced);
        header(out, hits, exact);
        List<Row> rows = rows(lines, src);
        int indent = commonIndent(rows);
        for (Row r : rows) {
            StringBuilder row = new StringBuilder(96);
            if (r.elided > 0) {
                row.append(Text.padLeft("...", 6)).append(" ".repeat(exact ? 66 : hits ? 55 : 33))
                        .append("... (").append(r.elided).append(" lines not sampled)");
                out.append(row).append('\n');
                continue;
            }
            LineStats s = r.stats;
            long time = s == null ? 0 : exact ? Math.max(0, s.timeNs()) : s.totalNs();
            long whole = exact ? m.cumtimeNs() : m.totalNs();
            double share = s == null || whole <= 0 ? 0 : Math.min(1.0, (double) time / whole);
            row.append(Text.padLeft(r.line > 0 ? Integer.toString(r.line) : "?", 6));
            if (hits) row.append(Text.padLeft(s == null || s.hits() < 0 ? "" : Long.toString(s.hits()), 11));
            row.append(Text.padLeft(s == null ? "" : Long.toString(s.samples()), 11));
            row.append(Text.padLeft(s == null || (exact && !s.traced()) ? "" : Text.ms(time), 11));
            if (hits) {
                row.append(Text.padLeft(s == null || s.hits() <= 0 ? "" : Text.perHit((double) time / s.hits()), 11));
            }
            if (exact) row.append(Text.padLeft(s == null || !s.traced() ? "" : Text.perHit(s.maxNs()), 11));
            row.append(Text.padLeft(s == null ? "" : Text.percent(share), 9));
            row.append("  ").append(r.code == null ? "" : r.code.substring(Math.min(indent, leading(r.code))));
            String text = strip(row);
            String colour = options.colours() && s != null ? Text.colourFor(share) : "";
            out.append(colour).append(text).append(colour.isEmpty() ? "" : Text.RESET).append('\n');
        }
    }

    private static void header(StringBuilder out, boolean hits, boolean exact) {
        String[][] cols = exact
                ? new String[][] {{"Line", "6"}, {"Hits", "11"}, {"Samples", "11"}, {"Time", "11"},
                        {"Per Hit", "11"}, {"Max", "11"}, {"% Time", "9"}}
                : hits
                ? new String[][] {{"Line", "6"}, {"Hits", "11"}, {"Samples", "11"}, {"Time", "11"},
                        {"Per Hit", "11"}, {"% Time", "9"}}
                : new String[][] {{"Line", "6"}, {"Samples", "11"}, {"Time", "11"}, {"% Time", "9"}};
        StringBuilder names = new StringBuilder(80);
        StringBuilder rules = new StringBuilder(80);
        for (String[] c : cols) {
            int w = Integer.parseInt(c[1]);
            names.append(Text.padLeft(c[0], w));
            rules.append(Text.padLeft("=".repeat(c[0].length()), w));
        }
        out.append(names).append("  Code\n").append(rules).append("  ====\n");
    }

    private record Row(int line, LineStats stats, String code, int elided) {}

    /** Sampled lines in line order, unsampled context between them, lines without a number last. */
    private static List<Row> rows(List<LineStats> lines, SourceFile src) {
        List<LineStats> sorted = new ArrayList<>(lines);
        // -1 sorts last: the reader scans numbered lines top to bottom, then sees what could not be placed.
        sorted.sort(Comparator.comparingInt((LineStats l) -> l.frame().line() > 0 ? l.frame().line() : Integer.MAX_VALUE)
                .thenComparing(l -> l.frame().toString()));
        List<Row> rows = new ArrayList<>(sorted.size() * 2);
        int prev = -1;
        for (LineStats l : sorted) {
            int n = l.frame().line();
            if (n > 0 && src != null && prev > 0 && n - prev > 1) {
                int from = prev + 1, to = n - 1;
                if (to - from + 1 <= MAX_GAP) {
                    for (int i = from; i <= to; i++) rows.add(new Row(i, null, code(src, i), 0));
                } else {
                    for (int i = from; i < from + CONTEXT; i++) rows.add(new Row(i, null, code(src, i), 0));
                    rows.add(new Row(0, null, null, to - from + 1 - 2 * CONTEXT));
                    for (int i = to - CONTEXT + 1; i <= to; i++) rows.add(new Row(i, null, code(src, i), 0));
                }
            }
            rows.add(new Row(n, l, n > 0 && src != null ? code(src, n) : null, 0));
            if (n > 0 && n != prev) prev = n;
        }
        return rows;
    }

    private static String code(SourceFile src, int n) {
        String line = src.line(n);
        return line == null ? null : Text.code(line);
    }

    /** Indentation common to all shown code, removed so deep nesting does not push the code off screen. */
    private static int commonIndent(List<Row> rows) {
        int min = Integer.MAX_VALUE;
        for (Row r : rows) {
            if (r.code != null && !r.code.isBlank()) min = Math.min(min, leading(r.code));
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    private static String strip(StringBuilder row) {
        int end = row.length();
        while (end > 0 && row.charAt(end - 1) == ' ') end--;
        return row.substring(0, end);
    }

    @Override
    public String toString() {
        return "LineTableReport[" + options + ']';
    }
}
