package dev.hotline.demo;

import jakarta.servlet.http.HttpServletRequest;

import java.util.regex.Pattern;

/** Reads the query parameters of the demo endpoints; a bad one is answered with 400. */
final class Params {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9-]{1,40}");

    private Params() {}

    /** The value of {@code name}, or {@code defaultValue} when absent; it must lie in {@code min..max}. */
    static int intParam(HttpServletRequest req, String name, int defaultValue, int min, int max) {
        String raw = req.getParameter(name);
        if (raw == null || raw.isBlank()) return defaultValue;
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problem.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '" + raw + "'");
    }

    /** The value of {@code name}, or {@code defaultValue} when absent: letters, digits and '-' only. */
    static String wordParam(HttpServletRequest req, String name, String defaultValue) {
        String raw = req.getParameter(name);
        if (raw == null || raw.isBlank()) return defaultValue;
        if (!WORD.matcher(raw.trim()).matches()) {
            throw Problem.badRequest(name + " must be 1 to 40 letters, digits or '-'");
        }
        return raw.trim();
    }
}
