package dev.hotline.core.internal;

import java.util.Locale;

/**
 * Not API. Makes strings from a profile (class names, request paths) safe in line-oriented text: a name holding
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
        String r = b == null ? s : b.toString();
        if (r.length() > max) {
            int end = Character.isHighSurrogate(r.charAt(max - 1)) ? max - 1 : max;
            r = r.substring(0, end) + "...";
        }
        return r;
    }

    /** Whether {@code c} is escaped by {@link #clean}. */
    public static boolean hostile(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c || c == 0x2028 || c == 0x2029;
    }
}
