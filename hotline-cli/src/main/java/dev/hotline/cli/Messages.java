package dev.hotline.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** Text of the messages on standard error: one line each, whatever a file name or a file's content holds. */
final class Messages {
    private static final int MAX_LINE = 2000;

    private Messages() {}

    /** Control characters and line breaks escaped, cut to a bounded length: a message stays one line. */
    static String oneLine(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LINE) + 8);
        for (int i = 0; i < s.length() && b.length() < MAX_LINE; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_LINE && s.length() > MAX_LINE) b.append("...");
        return b.toString();
    }

    /** {@code 'value'}, for values the user gave. */
    static String quote(String s) {
        return "'" + oneLine(s) + "'";
    }

    /** What went wrong with a file, without the exception class: {@code no such file}, {@code permission denied}. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NotDirectoryException) return "not a directory";
        if (e instanceof FileSystemException fse && fse.getReason() != null) return fse.getReason();
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** {@code 1,234}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 256 MiB}, {@code 1.5 GiB}, {@code 812 bytes}. */
    static String size(long bytes) {
        if (bytes < 1024) return bytes + (bytes == 1 ? " byte" : " bytes");
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v))
                + " " + units[u];
    }

    /** {@code 256M}, {@code 1G}, {@code 512KiB}, {@code 1000}: bytes, binary units. */
    static long parseSize(String option, String text) throws UserError {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ib")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long unit = 1;
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1).strip();
        try {
            long v = Long.parseLong(t);
            if (v > 0) return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new UserError(option + ": expected a size above 0 such as 256M, 1G or 500000, got " + quote(text));
    }

    /** {@code 5%} or {@code 0.05}: a fraction in [0, 1], as the {@code min-share} setting takes it. */
    static double parseShare(String option, String text) throws UserError {
        String t = text.strip();
        try {
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).strip()) / 100 : Double.parseDouble(t);
            if (v >= 0 && v <= 1) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(option + ": expected a share such as 1%, 0.5% or 0.01, got " + quote(text));
    }
}
