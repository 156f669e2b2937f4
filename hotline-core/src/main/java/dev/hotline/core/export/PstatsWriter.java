package dev.hotline.core.export;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;
import dev.hotline.core.report.SourceLocator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the method table as text in the style of Python's {@code pstats} / {@code cProfile} output, for
 * readers who know that table:
 *
 * <pre>
 *    ncalls  tottime  percall  cumtime  percall filename:lineno(function)
 *        85    0.003        -    0.085        - com/acme/shop/Checkout.java:19(Checkout.pay)
 * </pre>
 *
 * <p>{@code tottime} is the method's self time and {@code cumtime} its total time (callees included, counted
 * once per sample under recursion), in seconds. A sampling engine does not count calls, so in a sampled
 * profile {@code ncalls} holds the method's sample count and both {@code percall} columns are {@code -}; the
 * header says so. When an exact engine counted calls ({@link MethodStats#calls()} {@code >= 0}) they are shown
 * with their per-call times. {@code lineno} is the method's first sampled line, {@code 0} when none is known;
 * {@code filename} is the source path below a source root, {@code ~} when the class recorded no file.
 *
 * @since 0.1
 */
public final class PstatsWriter implements ProfileWriter {

    /**
     * The order of the rows, as {@code pstats.SortKey} names them.
     *
     * @since 0.1
     */
    public enum SortKey {
        /** By cumulative time ({@code cumtime}), the default. */
        CUMULATIVE,
        /** By internal time ({@code tottime}): where the time is spent in the method itself. */
        TIME
    }

    private final SortKey sortKey;

    /** A writer sorting by cumulative time. */
    public PstatsWriter() {
        this(SortKey.CUMULATIVE);
    }

    /** A writer sorting by {@code sortKey}. */
    public PstatsWriter(SortKey sortKey) {
        this.sortKey = Objects.requireNonNull(sortKey, "sortKey");
    }

    /** The order of the rows. */
    public SortKey sortKey() {
        return sortKey;
    }

    @Override
    public String name() {
        return sortKey == SortKey.CUMULATIVE ? "pstats" : "pstats-tottime";
    }

    @Override
    public List<String> extensions() {
        return sortKey == SortKey.CUMULATIVE ? List.of("pstats.txt", "stats") : List.of();
    }

    @Override
    public String description() {
        return sortKey == SortKey.CUMULATIVE
                ? "method table like Python's pstats, sorted by cumulative time"
                : "method table like Python's pstats, sorted by internal time (tottime)";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write(render(profile));
        w.flush();
    }

    /** The whole table as text. */
    String render(Profile p) {
        boolean exact = p.methods().stream().anyMatch(m -> m.calls() >= 0);
        StringBuilder out = new StringBuilder(4096);
        header(out, p, exact);
        out.append("   Ordered by: ").append(sortKey == SortKey.CUMULATIVE ? "cumulative time" : "internal time")
                .append("\n\n");
        out.append("   ncalls  tottime  percall  cumtime  percall filename:lineno(function)\n");
        Map<Frame, Integer> firstLines = firstLines(p);
        List<MethodStats> rows = new ArrayList<>(p.methods());
        Comparator<MethodStats> cumulative = Comparator.comparingLong(PstatsWriter::cumNs).reversed();
        Comparator<MethodStats> internal = Comparator.comparingLong(PstatsWriter::totNs).reversed();
        rows.sort((sortKey == SortKey.CUMULATIVE ? cumulative.thenComparing(internal) : internal.thenComparing(cumulative))
                .thenComparing(m -> m.method().toString()));
        for (MethodStats m : rows) {
            String ncalls;
            String perTot = "-", perCum = "-";
            if (!exact) {
                ncalls = Long.toString(m.samples());
            } else if (m.calls() < 0) {
                ncalls = "-";
            } else {
                ncalls = Long.toString(m.calls());
                if (m.calls() > 0) {
                    perTot = seconds((double) totNs(m) / m.calls());
                    perCum = seconds((double) cumNs(m) / m.calls());
                }
            }
            out.append(pad(ncalls, 9)).append(' ').append(seconds(totNs(m))).append(' ').append(pad(perTot, 8))
                    .append(' ').append(seconds(cumNs(m))).append(' ').append(pad(perCum, 8)).append(' ')
                    .append(function(m.method(), firstLines.getOrDefault(m.method(), 0))).append('\n');
        }
        return out.toString();
    }

    /** Exact tottime for a traced method, sampled self time otherwise. */
    private static long totNs(MethodStats m) {
        return m.traced() ? m.tottimeNs() : m.selfNs();
    }

    /** Exact cumtime for a traced method, sampled time on the stack otherwise. */
    private static long cumNs(MethodStats m) {
        return m.traced() ? m.cumtimeNs() : m.totalNs();
    }

    private static void header(StringBuilder out, Profile p, boolean exact) {
        RequestInfo r = p.request();
        SamplingInfo s = p.sampling();
        out.append("Hotline profile ").append(PlainText.clean(p.id())).append(": ")
                .append(PlainText.clean(r.method())).append(' ').append(PlainText.clean(r.path()));
        if (r.query() != null && !r.query().isEmpty()) out.append('?').append(PlainText.clean(r.query()));
        out.append("  status ").append(r.status() == 0 ? "-" : Integer.toString(r.status()))
                .append("  ").append(PlainText.ms(r.durationNs()));
        if (r.error() != null) out.append("  error ").append(PlainText.clean(r.error()));
        if (r.traceId() != null) out.append("  trace ").append(PlainText.clean(r.traceId()));
        if (r.spanId() != null) out.append(" span ").append(PlainText.clean(r.spanId()));
        out.append('\n');
        out.append("engine ").append(PlainText.clean(s.engine())).append(", interval ")
                .append(PlainText.interval(s.intervalNs())).append(", ").append(s.sampleCount()).append(" samples, ")
                .append(PlainText.ms(s.sampledNs())).append(" sampled, ").append(p.threads().size())
                .append(p.threads().size() == 1 ? " thread\n" : " threads\n");
        out.append(exact ? "ncalls = calls counted by the engine; tottime = self, cumtime = total, in seconds\n"
                : "ncalls = samples (sampled profile; exact calls need the agent); tottime = self, cumtime = total, in seconds\n");
        for (String note : p.notes()) out.append("Note: ").append(PlainText.clean(note)).append('\n');
        out.append('\n');
        if (exact) {
            long calls = p.methods().stream().mapToLong(m -> Math.max(0, m.calls())).sum();
            out.append(pad(Long.toString(calls), 9)).append(" function calls");
        } else {
            out.append(pad(Long.toString(s.sampleCount()), 9)).append(" samples");
        }
        out.append(" in ").append(String.format(Locale.ROOT, "%.3f", s.sampledNs() / 1e9)).append(" seconds\n\n");
    }

    /** Each method's first sampled line. */
    private static Map<Frame, Integer> firstLines(Profile p) {
        Map<Frame, Integer> first = new HashMap<>();
        for (LineStats l : p.lines()) {
            int line = l.frame().line();
            if (line > 0) first.merge(l.frame().methodOnly(), line, Math::min);
        }
        return first;
    }

    /** {@code com/acme/shop/Checkout.java:19(Checkout.pay)}, or {@code ~:0(com.acme.X.run)} without a file. */
    static String function(Frame method, int line) {
        String rel = method.fileName() == null ? null : SourceLocator.relativePath(method.className(), method.fileName());
        if (rel == null) {
            String file = method.fileName() == null ? "~" : method.fileName();
            return PlainText.clean(file + ':' + line + '(' + method.qualifiedMethod() + ')');
        }
        String simple = method.className().substring(method.className().lastIndexOf('.') + 1);
        return PlainText.clean(rel + ':' + line + '(' + simple + '.' + method.methodName() + ')');
    }

    private static String seconds(double ns) {
        return String.format(Locale.ROOT, "%8.3f", ns / 1e9);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    @Override
    public String toString() {
        return "PstatsWriter[" + sortKey + ']';
    }
}
