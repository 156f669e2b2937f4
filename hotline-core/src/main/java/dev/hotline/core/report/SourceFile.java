package dev.hotline.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one source file, split into lines. Immutable.
 *
 * @since 0.1
 */
public final class SourceFile {
    private final String location;
    private final String[] lines;
    private final long chars;

    SourceFile(String location, String text) {
        this.location = location;
        this.chars = text.length();
        this.lines = split(text);
    }

    /** Where the text was read from, for display: a file path, or {@code jar!/entry}. */
    public String location() {
        return location;
    }

    /** Number of lines. */
    public int lineCount() {
        return lines.length;
    }

    /** Line {@code n} (1-based) without its line terminator, or {@code null} when the file has no such line. */
    public String line(int n) {
        return n >= 1 && n <= lines.length ? lines[n - 1] : null;
    }

    long chars() {
        return chars;
    }

    /** Splits on {@code \n}, {@code \r\n} and {@code \r}, as javac counts lines. */
    private static String[] split(String text) {
        List<String> out = new ArrayList<>(text.length() / 40 + 1);
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        if (start < n) out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    @Override
    public String toString() {
        return "SourceFile[" + location + ", " + lines.length + " lines]";
    }
}
