package dev.hotline.core.internal;

import java.util.Locale;

/**
 * Not API. Text shared by reports and exports. Makes strings from a profile (class names, request paths) safe in line-oriented text: a name holding
 * a newline must not forge lines of a report or an export, and one holding escape sequences or bidi controls
 * must not drive or garble the reader's terminal.
 */
public final class SafeText {
    private SafeText() {}

    /**
     * Escapes control characters (C0, DEL, C1) and the Unicode controls that reorder or break lines (bidi
     * overrides and isolates, line and paragraph separators) as {@code \n}, {@code \t}, {@code \\uXXXX}, and
     * cuts the result to {@code max} characters, ending in {@code ...}; {@code null} becomes {@code ""}.
     */
    public static String clean(String s, int max) {
        if (s == null) return "";
        StringBuilder b = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (hostile(c)) {
                if (b == null) b = new StringBuilder(n + 16).append(s, 0, i);
                switch (c) {
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return cut(b == null ? s : b.toString(), max);
    }

    /** {@code s} cut to {@code max} characters, ending in {@code ...}, never splitting a surrogate pair. */
    public static String cut(String s, int max) {
        if (s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "...";
    }

    /** Tabs expanded to 4-column stops, as source code is shown. */
    public static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) return line;
        StringBuilder b = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                do b.append(' '); while (b.length() % 4 != 0);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code 412.3 ms}. */
    public static String millis(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    /** A sampling interval: {@code 1ms}, {@code 1.50ms}, {@code 500us}, {@code ?} when unknown. */
    public static String interval(long ns) {
        if (ns <= 0) return "?";
        if (ns % 1_000_000 == 0) return ns / 1_000_000 + "ms";
        if (ns >= 1_000_000) return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        if (ns % 1000 == 0) return ns / 1000 + "us";
        return ns + "ns";
    }

    /** Whether {@code c} is escaped by {@link #clean}. */
    public static boolean hostile(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
    }
}
