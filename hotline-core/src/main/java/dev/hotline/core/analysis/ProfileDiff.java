package dev.hotline.core.analysis;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.LineStats;
import dev.hotline.core.model.MethodStats;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two profiles, A (before) and B (after), line by line and method by method: the time each spent
 * with the line on the stack (total) and on top of it (self), its share of its profile's sampled time, and
 * the change from A to B. Entries are ordered by the absolute change of their total time, largest first, so
 * the lines that got much slower or much faster come first; lines only in B are <em>new</em>, lines only in A
 * have <em>vanished</em>.
 *
 * <p>Either side may be a single request or a {@linkplain ProfileMerge merge} of many; comparing shares rather
 * than times is the fairer view when the two sides hold different numbers of requests. Immutable.
 *
 * @since 0.1
 */
public final class ProfileDiff {

    /**
     * One line or method in both profiles. A side where it does not occur has zero times.
     *
     * @param frame    the line, or for a method table the method (line {@code -1})
     * @param inA      whether it occurs in A
     * @param totalNsA time with it on the stack in A
     * @param selfNsA  time with it on top of the stack in A
     * @param shareA   {@code totalNsA} as a fraction of A's sampled time
     * @param inB      whether it occurs in B
     * @param totalNsB time with it on the stack in B
     * @param selfNsB  time with it on top of the stack in B
     * @param shareB   {@code totalNsB} as a fraction of B's sampled time
     * @since 0.1
     */
    public record Entry(Frame frame, boolean inA, long totalNsA, long selfNsA, double shareA,
                        boolean inB, long totalNsB, long selfNsB, double shareB) {

        /** Change of the total time from A to B: positive when B is slower. @since 0.1 */
        public long deltaNs() {
            return totalNsB - totalNsA;
        }

        /** Change of the self time from A to B. @since 0.1 */
        public long selfDeltaNs() {
            return selfNsB - selfNsA;
        }

        /** Change of the share from A to B, in fractions (0.1 is ten percentage points). @since 0.1 */
        public double shareDelta() {
            return shareB - shareA;
        }

        /**
         * {@code totalNsB / totalNsA}: 2 when B took twice as long. Infinite when A had no time for it but B had,
         * 1 when both had none.
         *
         * @since 0.1
         */
        public double ratio() {
            if (totalNsA == 0) return totalNsB == 0 ? 1 : Double.POSITIVE_INFINITY;
            return (double) totalNsB / totalNsA;
        }

        /** Only in B. @since 0.1 */
        public boolean isNew() {
            return inB && !inA;
        }

        /** Only in A. @since 0.1 */
        public boolean isVanished() {
            return inA && !inB;
        }
    }

    /** Largest absolute change of the total first, then of the self time, then by name: a stable order. */
    static final Comparator<Entry> LARGEST_CHANGE_FIRST =
            Comparator.comparingLong((Entry e) -> Math.abs(e.deltaNs())).reversed()
                    .thenComparing(Comparator.comparingLong((Entry e) -> Math.abs(e.selfDeltaNs())).reversed())
                    .thenComparing(e -> e.frame().toString());

    private final Profile a;
    private final Profile b;
    private final List<Entry> lines;
    private final List<Entry> methods;

    private ProfileDiff(Profile a, Profile b, List<Entry> lines, List<Entry> methods) {
        this.a = a;
        this.b = b;
        this.lines = List.copyOf(lines);
        this.methods = List.copyOf(methods);
    }

    /**
     * Compares every line and method of the two profiles, library code included.
     *
     * @since 0.1
     */
    public static ProfileDiff compare(Profile a, Profile b) {
        return compare(a, b, ReportOptions.builder().library(f -> false).minShare(0).build());
    }

    /**
     * Compares the lines and methods the line table would show: those that are not
     * {@linkplain ReportOptions#isLibrary library code} and reach the options' minimum share in A or in B.
     *
     * @since 0.1
     */
    public static ProfileDiff compare(Profile a, Profile b, ReportOptions options) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(options, "options");
        Map<Frame, long[]> lineTimes = new LinkedHashMap<>();
        for (LineStats l : a.lines()) put(lineTimes, l.frame(), 0, l.totalNs(), l.selfNs());
        for (LineStats l : b.lines()) put(lineTimes, l.frame(), 1, l.totalNs(), l.selfNs());
        Map<Frame, long[]> methodTimes = new LinkedHashMap<>();
        for (MethodStats m : a.methods()) put(methodTimes, m.method(), 0, m.totalNs(), m.selfNs());
        for (MethodStats m : b.methods()) put(methodTimes, m.method(), 1, m.totalNs(), m.selfNs());
        return new ProfileDiff(a, b, entries(lineTimes, a, b, options), entries(methodTimes, a, b, options));
    }

    /** times: [inA, totalA, selfA, inB, totalB, selfB]; a frame listed twice on one side is added up. */
    private static void put(Map<Frame, long[]> times, Frame f, int side, long totalNs, long selfNs) {
        long[] t = times.computeIfAbsent(f, k -> new long[6]);
        t[side * 3] = 1;
        t[side * 3 + 1] += totalNs;
        t[side * 3 + 2] += selfNs;
    }

    private static List<Entry> entries(Map<Frame, long[]> times, Profile a, Profile b, ReportOptions options) {
        ReportOptions app = options.forProfile(a.appPackages().isEmpty() ? b : a);
        List<Entry> out = new ArrayList<>(times.size());
        times.forEach((f, t) -> {
            if (app.isLibrary(f)) return;
            Entry e = new Entry(f, t[0] == 1, t[1], t[2], a.share(t[1]), t[3] == 1, t[4], t[5], b.share(t[4]));
            if (Math.max(e.shareA(), e.shareB()) >= options.minShare()) out.add(e);
        });
        out.sort(LARGEST_CHANGE_FIRST);
        return out;
    }

    /** The profile compared against (before). @since 0.1 */
    public Profile a() {
        return a;
    }

    /** The profile compared (after). @since 0.1 */
    public Profile b() {
        return b;
    }

    /** Per line, largest change of the total time first. @since 0.1 */
    public List<Entry> lines() {
        return lines;
    }

    /** Per method, largest change of the total time first. @since 0.1 */
    public List<Entry> methods() {
        return methods;
    }

    /** Lines only in B, largest first. @since 0.1 */
    public List<Entry> newLines() {
        return lines.stream().filter(Entry::isNew).toList();
    }

    /** Lines only in A, largest first. @since 0.1 */
    public List<Entry> vanishedLines() {
        return lines.stream().filter(Entry::isVanished).toList();
    }

    /** Change of the sampled time from A to B. @since 0.1 */
    public long sampledDeltaNs() {
        return b.sampling().sampledNs() - a.sampling().sampledNs();
    }

    /**
     * The comparison as text: both requests, then a table of the {@code top} lines and one of the {@code top}
     * methods with the largest changes.
     *
     * @since 0.1
     */
    public String render(int top) {
        return render(top, false);
    }

    /**
     * As {@link #render(int)}; with {@code colours}, rows that got slower are red and rows that got faster
     * green (ANSI escape sequences), when the change reaches 1% of the larger sampled time.
     *
     * @since 0.1
     */
    public String render(int top, boolean colours) {
        if (top < 0) throw new IllegalArgumentException("top must not be negative: " + top);
        return new DiffTable(this, top, colours).render();
    }
}
