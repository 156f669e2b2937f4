package dev.hotline.core.export;

import dev.hotline.core.internal.SafeText;

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
        return SafeText.clean(s, MAX_NAME);
    }

    static boolean hostile(char c) {
        return SafeText.hostile(c);
    }

    /** {@code 412.3 ms}. */
    static String ms(long ns) {
        return SafeText.millis(ns);
    }

    /** A sampling interval: {@code 1ms}, {@code 1.50ms}, {@code 500us}, {@code ?} when unknown. */
    static String interval(long ns) {
        return SafeText.interval(ns);
    }
}
