package dev.hotline.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query or form parameters (first value wins), and the checks that turn bad ones into clear 400 answers. */
final class Params {
    private final Map<String, String> values = new LinkedHashMap<>();

    static final class BadParameter extends RuntimeException {
        BadParameter(String message) {
            super(message, null, false, false);
        }
    }

    Params(String raw) {
        if (raw == null || raw.isEmpty()) return;
        if (raw.length() > 16_384) throw new BadParameter("query string too long");
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.putIfAbsent(name, value);
        }
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameter("malformed percent-encoding in the query");
        }
    }

    String get(String name) {
        return values.get(name);
    }

    String oneOf(String name, String def, String... allowed) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) return def;
        for (String a : allowed) if (a.equals(v)) return v;
        throw new BadParameter("parameter '" + name + "' must be one of " + String.join(", ", allowed));
    }

    int integer(String name, int def, int min, int max) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) return def;
        if (v.length() > 10 || !v.chars().allMatch(Character::isDigit)) {
            throw new BadParameter("parameter '" + name + "' must be a whole number from " + min + " to " + max);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) throw new BadParameter("parameter '" + name + "' must be from " + min + " to " + max);
        return (int) n;
    }

    /**
     * {@code status}: an exact code ({@code 200}) or a class ({@code 2xx} to {@code 5xx}); each -1 when not given.
     */
    record Status(int exact, int statusClass) {}

    Status status() {
        String s = values.get("status");
        if (s == null || s.isEmpty()) return new Status(-1, -1);
        if (s.matches("[1-5]xx")) return new Status(-1, s.charAt(0) - '0');
        if (s.matches("[1-9][0-9]{2}")) return new Status(Integer.parseInt(s), -1);
        throw new BadParameter("parameter 'status' must be a status code (200) or a class (2xx to 5xx)");
    }

    double number(String name, double min, double max) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) return Double.NaN;
        double d;
        try {
            if (v.length() > 20 || !v.matches("[0-9]+(\\.[0-9]+)?")) throw new NumberFormatException();
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadParameter("parameter '" + name + "' must be a non-negative number");
        }
        if (d < min || d > max) throw new BadParameter("parameter '" + name + "' must be from " + (long) min + " to " + (long) max);
        return d;
    }
}
