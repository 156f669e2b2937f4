package dev.hotline.core.analysis;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.core.report.TextReports;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link ProfileDiff} as text:
 *
 * <pre>
 * A: 17.9 ms  GET /orders/42  200  engine=async-profiler interval=1ms samples=18 effective=1.08ms
 * B: 35.2 ms  GET /orders/42  200  engine=async-profiler interval=1ms samples=35 effective=1.00ms
 * Sampled time: 19.5 ms -&gt; 35.0 ms (+15.5 ms, 1.79x)
 *
 * Lines, largest change of total time first (5 of 9 shown; 1 new, 0 gone):
 *   Total A  Self A    % A   Total B  Self B    % B     Delta   Ratio  Line
 *   =======  ======    ===   =======  ======    ===     =====   =====  ====
 *    12.0ms   0.0ms  61.5%    27.0ms   0.0ms  77.1%   +15.0ms   2.25x  com.acme.OrderRepository.load  OrderRepository.java:77
 * </pre>
 */
final class DiffTable {
    private static final String RESET = "\u001b[0m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final int MAX_NAME = 300;

    private final ProfileDiff diff;
    private final int top;
    private final boolean colours;
    private final long colourThresholdNs;

    DiffTable(ProfileDiff diff, int top, boolean colours) {
        this.diff = diff;
        this.top = top;
        this.colours = colours;
        this.colourThresholdNs = Math.max(diff.a().sampling().sampledNs(), diff.b().sampling().sampledNs()) / 100;
    }

    String render() {
        Profile a = diff.a(), b = diff.b();
        StringBuilder out = new StringBuilder(4096);
        out.append("A: ").append(summary(a)).append('\n');
        out.append("B: ").append(summary(b)).append('\n');
        long sa = a.sampling().sampledNs(), sb = b.sampling().sampledNs();
        out.append("Sampled time: ").append(msSpaced(sa)).append(" -> ").append(msSpaced(sb))
                .append(" (").append(signedMs(sb - sa).replace("ms", " ms")).append(", ").append(ratio(sa, sb)).append(")\n");
        table(out, "Lines", "Line", diff.lines(), true);
        table(out, "Methods", "Method", diff.methods(), false);
        return out.toString();
    }

    private void table(StringBuilder out, String title, String column, List<ProfileDiff.Entry> entries, boolean withLine) {
        long added = entries.stream().filter(ProfileDiff.Entry::isNew).count();
        long gone = entries.stream().filter(ProfileDiff.Entry::isVanished).count();
        int shown = Math.min(top, entries.size());
        out.append('\n').append(title).append(", largest change of total time first (").append(shown).append(" of ")
                .append(entries.size()).append(" shown; ").append(added).append(" new, ").append(gone).append(" gone):\n");
        if (entries.isEmpty()) {
            out.append("  (none)\n");
            return;
        }
        if (shown == 0) return;
        out.append(row("Total A", "Self A", "% A", "Total B", "Self B", "% B", "Delta", "Ratio", column)).append('\n');
        out.append(row("=======", "======", "===", "=======", "======", "===", "=====", "=====", "=".repeat(column.length())))
                .append('\n');
        for (ProfileDiff.Entry e : entries.subList(0, shown)) {
            String colour = colourFor(e);
            out.append(colour);
            out.append(row(e.inA() ? ms(e.totalNsA()) : "-", e.inA() ? ms(e.selfNsA()) : "-", e.inA() ? percent(e.shareA()) : "-",
                    e.inB() ? ms(e.totalNsB()) : "-", e.inB() ? ms(e.selfNsB()) : "-", e.inB() ? percent(e.shareB()) : "-",
                    signedMs(e.deltaNs()), e.isNew() ? "new" : e.isVanished() ? "gone" : ratioOf(e.ratio()),
                    name(e.frame(), withLine)));
            if (!colour.isEmpty()) out.append(RESET);
            out.append('\n');
        }
    }

    private String colourFor(ProfileDiff.Entry e) {
        if (!colours || Math.abs(e.deltaNs()) < Math.max(1, colourThresholdNs)) return "";
        return e.deltaNs() > 0 ? RED : GREEN;
    }

    /** One row: both sides' total, self and share, the change, the ratio and the name, in fixed columns. */
    private static String row(String totalA, String selfA, String shareA, String totalB, String selfB, String shareB,
                              String delta, String ratio, String name) {
        return pad(totalA, 9) + pad(selfA, 8) + pad(shareA, 7) + "  " + pad(totalB, 8) + pad(selfB, 8) + pad(shareB, 7)
                + pad(delta, 10) + pad(ratio, 8) + "  " + name;
    }

    private static String name(Frame f, boolean withLine) {
        String file = f.fileName() == null ? "?" : f.fileName();
        String where = withLine ? file + ":" + (f.line() > 0 ? Integer.toString(f.line()) : "?") : file;
        return clean(f.qualifiedMethod()) + "  " + clean(where);
    }

    private static String summary(Profile p) {
        String text = TextReports.render(p, ReportOptions.defaults(), new SourceLocator(List.of(), null),
                EnumSet.noneOf(TextReports.Kind.class));
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
    }

    private static String msSpaced(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    static String signedMs(long ns) {
        return (ns > 0 ? "+" : ns < 0 ? "-" : "") + ms(Math.abs(ns));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    private static String ratio(long a, long b) {
        return a == 0 ? (b == 0 ? "1.00x" : "new") : ratioOf((double) b / a);
    }

    static String ratioOf(double r) {
        if (Double.isInfinite(r)) return "new";
        return r >= 100 ? String.format(Locale.ROOT, "%.0fx", r) : String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Names come from files anyone could have written: no control characters, bounded length. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_NAME) + 8);
        for (int i = 0; i < s.length() && b.length() < MAX_NAME; i++) {
            char c = s.charAt(i);
            boolean hostile = c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
            if (hostile) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        if (b.length() >= MAX_NAME && s.length() > MAX_NAME) b.append("...");
        return b.toString();
    }
}
