package dev.hotline.core.report;

import dev.hotline.core.internal.SafeText;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.model.SamplingInfo;

import java.util.Locale;

/**
 * Formatting shared by the text reports: escaping, numbers, the request summary and ANSI colours.
 *
 * <p>Every string that comes from a profile (class, method and file names, the request path, notes, source
 * code) passes through {@link #clean}: a profile may be read back from a file someone else wrote, and a name
 * holding a newline or an escape sequence must not forge report lines or drive the reader's terminal.
 */
final class Text {
    static final int MAX_NAME = 1000;
    static final int MAX_CODE = 400;

    static final String RESET = "\u001b[0m";
    static final String RED = "\u001b[31m";
    static final String YELLOW = "\u001b[33m";
    static final String DIM = "\u001b[90m";

    private Text() {}

    /** {@link #clean(String, int)} with the limit for names. */
    static String clean(String s) {
        return clean(s, MAX_NAME);
    }

    /**
     * Escapes control characters (C0, DEL, C1) and the Unicode controls that reorder or break lines (bidi
     * overrides and isolates, line and paragraph separators), and cuts the result to {@code max} characters.
     */
    static String clean(String s, int max) {
        return SafeText.clean(s, max);
    }

    static boolean hostile(char c) {
        return SafeText.hostile(c);
    }

    /** A source line for display: tabs expanded to 4-column stops, then cleaned. */
    static String code(String line) {
        return clean(SafeText.expandTabs(line), MAX_CODE);
    }

    /** {@code 12.1ms}: the table's unit everywhere, so columns compare at a glance. */
    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
    }

    /** {@code 412.3 ms}. */
    static String msSpaced(long ns) {
        return SafeText.millis(ns);
    }

    /** Per-hit times are often far below a millisecond, so they switch units. */
    static String perHit(double ns) {
        if (ns >= 1e6) return String.format(Locale.ROOT, "%.1fms", ns / 1e6);
        if (ns >= 1e3) return String.format(Locale.ROOT, "%.1fus", ns / 1e3);
        return String.format(Locale.ROOT, "%.0fns", ns);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A sampling interval: {@code 1ms}, {@code 1.5ms}, {@code 500us}. */
    static String interval(long ns) {
        return SafeText.interval(ns);
    }

    /**
     * The one-line request summary both reports start with:
     * {@code 412.3 ms  GET /checkout  200  engine=java interval=1ms samples=412 effective=1.0ms}, with
     * {@code trace=... span=...} after the status when the request's distributed trace is known.
     */
    static String summary(Profile p) {
        RequestInfo r = p.request();
        SamplingInfo s = p.sampling();
        StringBuilder b = new StringBuilder(128);
        b.append(msSpaced(r.durationNs())).append("  ").append(clean(r.method())).append(' ').append(clean(r.path()));
        if (r.query() != null && !r.query().isEmpty()) b.append('?').append(clean(r.query()));
        b.append("  ").append(r.status() == 0 ? "-" : Integer.toString(r.status()));
        if (r.error() != null) b.append("  error=").append(clean(r.error()));
        if (r.traceId() != null) b.append("  trace=").append(clean(r.traceId()));
        if (r.spanId() != null) b.append(" span=").append(clean(r.spanId()));
        b.append("  engine=").append(clean(s.engine()))
                .append(" interval=").append(interval(s.intervalNs()))
                .append(" samples=").append(s.sampleCount())
                .append(" effective=").append(s.sampleCount() == 0 ? "-" : interval(s.effectiveIntervalNs()));
        // Several threads can add up to more sampled time than the request lasted; say so rather than
        // leave the reader puzzling over children longer than their root.
        if (p.threads().size() > 1) {
            b.append(" threads=").append(p.threads().size()).append(" sampled=").append(ms(s.sampledNs()));
        }
        return b.toString();
    }

    static void notes(StringBuilder out, Profile p) {
        for (String note : p.notes()) out.append("Note: ").append(clean(note)).append('\n');
    }

    /** wsgi_lineprof's scale: grey below 0.2%, yellow from 5%, red from 50%. */
    static String colourFor(double fraction) {
        if (fraction >= 0.5) return RED;
        if (fraction >= 0.05) return YELLOW;
        if (fraction < 0.002) return DIM;
        return "";
    }

    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
