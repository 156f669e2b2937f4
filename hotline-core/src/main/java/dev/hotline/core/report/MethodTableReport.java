package dev.hotline.core.report;

import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The method table of exact tracing, in the style of Python's pstats, one row per traced method:
 *
 * <pre>
 *    ncalls  tottime  percall  cumtime  percall  filename:lineno(function)
 *         1    0.210    0.210   12.480   12.480  Checkout.java:38(com.acme.shop.Checkout.pay)
 *        40   12.270    0.307   12.270    0.307  Checkout.java:61(com.acme.shop.Checkout.price)
 * </pre>
 *
 * Times are in milliseconds (pstats uses seconds, too coarse for one request). {@code tottime} excludes traced
 * callees, {@code cumtime} includes them and counts a recursive call once; the line is the method's first
 * traced line. Sorted by tottime or cumtime, highest first. Sampled-only profiles have no rows. Thread-safe.
 *
 * @since 0.2
 */
public final class MethodTableReport {

    /** The column the rows are sorted by, highest first. */
    public enum Sort { TOTTIME, CUMTIME }

    private final Sort sort;
    private final int limit;

    /** @param limit most rows shown; the rest are counted in a last line */
    public MethodTableReport(Sort sort, int limit) {
        this.sort = sort;
        this.limit = Math.max(1, limit);
    }

    /** The request summary, the profile's notes and the table. */
    public String render(Profile profile) {
        StringBuilder out = new StringBuilder(2048);
        out.append(Text.summary(profile)).append('\n');
        Text.notes(out, profile);
        appendTable(out, profile);
        return out.toString();
    }

    /** The table alone, preceded by a blank line. */
    void appendTable(StringBuilder out, Profile p) {
        List<MethodStats> traced = new ArrayList<>();
        for (MethodStats m : p.methods()) if (m.traced()) traced.add(m);
        out.append('\n');
        if (traced.isEmpty()) {
            out.append("(no traced methods: exact method figures need the Java agent and its packages setting)\n");
            return;
        }
        Comparator<MethodStats> order = sort == Sort.TOTTIME
                ? Comparator.comparingLong(MethodStats::tottimeNs).reversed()
                : Comparator.comparingLong(MethodStats::cumtimeNs).reversed();
        traced.sort(order.thenComparing(m -> m.method().toString()));
        Map<String, Integer> firstLine = new HashMap<>();
        for (LineStats l : p.lines()) {
            if (l.frame().line() > 0) firstLine.merge(l.frame().methodOnly().toString(), l.frame().line(), Math::min);
        }
        long calls = traced.stream().mapToLong(m -> Math.max(0, m.calls())).sum();
        out.append(calls).append(" calls to ").append(traced.size()).append(" traced methods, ordered by ")
                .append(sort.name().toLowerCase(Locale.ROOT)).append(" (times in ms)\n\n");
        out.append("   ncalls    tottime    percall    cumtime    percall  filename:lineno(function)\n");
        int shown = 0;
        for (MethodStats m : traced) {
            if (shown++ == limit) {
                out.append("(").append(traced.size() - limit).append(" more traced methods not shown)\n");
                break;
            }
            long n = Math.max(0, m.calls());
            out.append(Text.padLeft(Long.toString(n), 9))
                    .append(Text.padLeft(millis(m.tottimeNs()), 11))
                    .append(Text.padLeft(n == 0 ? "" : millis((double) m.tottimeNs() / n), 11))
                    .append(Text.padLeft(millis(m.cumtimeNs()), 11))
                    .append(Text.padLeft(n == 0 ? "" : millis((double) m.cumtimeNs() / n), 11))
                    .append("  ").append(Text.clean(m.method().fileName() == null ? "?" : m.method().fileName()))
                    .append(':').append(firstLine.getOrDefault(m.method().toString(), 0))
                    .append('(').append(Text.clean(m.method().qualifiedMethod())).append(")\n");
        }
    }

    private static String millis(double ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }
}
