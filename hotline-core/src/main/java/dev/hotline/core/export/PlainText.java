package dev.hotline.core.export;

import java.util.Locale;

/**
 * Makes profile strings safe for line-oriented text formats (callgrind, pstats): a class name or request path
 * holding a newline must not forge lines of the output, and one holding escape sequences or bidi controls must
 * not drive or garble the reader's terminal.
 */
final class PlainText {
    /** Longest name written; longer ones are cut and end in {@code ...}. */
    static final int MAX_NAME = 1000;

    private PlainText() {}

    /**
     * Escapes control characters (C0, DEL, C1) and the Unicode controls that reorder or break lines (bidi
     * overrides and isolates, line and paragraph separators) as {@code \n}, {@code \t}, {@code \\uXXXX}, and
     * cuts the result to {@link #MAX_NAME} characters; {@code null} becomes {@code ""}.
     */
    static String clean(String s) {
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
        String r = b == null ? s : b.toString();
        if (r.length() > MAX_NAME) {
            int end = Character.isHighSurrogate(r.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
            r = r.substring(0, end) + "...";
        }
        return r;
    }

    static boolean hostile(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
    }

    /** {@code 412.3 ms}. */
    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    /** A sampling interval: {@code 1ms}, {@code 1.50ms}, {@code 500us}, {@code ?} when unknown. */
    static String interval(long ns) {
        if (ns <= 0) return "?";
        if (ns % 1_000_000 == 0) return ns / 1_000_000 + "ms";
        if (ns >= 1_000_000) return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        if (ns % 1000 == 0) return ns / 1000 + "us";
        return ns + "ns";
    }
}
