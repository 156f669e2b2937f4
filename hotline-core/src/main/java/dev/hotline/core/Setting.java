package dev.hotline.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its kebab-case name, default, parser and the description printed in errors and docs.
 * Package-private: users see keys as strings and {@link HotlineConfig}'s getters.
 */
final class Setting<T> {
    final String key;
    final String defaultValue;
    final String accepted;
    final String description;
    private final Function<String, T> parser;

    private Setting(String key, String defaultValue, String accepted, String description, Function<String, T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.accepted = accepted;
        this.description = description;
        this.parser = parser;
    }

    static <T> Setting<T> of(String key, String def, String accepted, String description, Function<String, T> parser) {
        return new Setting<>(key, def, accepted, description, parser);
    }

    /** {@code profile-dir} → {@code hotline.profile-dir}. */
    String systemProperty() {
        return "hotline." + key;
    }

    /** {@code profile-dir} → {@code HOTLINE_PROFILE_DIR}. */
    String environmentVariable() {
        return "HOTLINE_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    T parse(String raw, String source) {
        try {
            return parser.apply(raw.trim());
        } catch (Invalid e) {
            throw malformed(raw, source, e.getMessage());
        } catch (RuntimeException e) {
            // Messages of the JDK's parsers ("For input string", "empty String") mean nothing to users.
            throw malformed(raw, source, null);
        }
    }

    private ConfigException malformed(String raw, String source, String why) {
        // Secrets are never echoed; a URL is echoed with its password masked.
        String shown = key.equals("ui-token") || key.equals("store-password") ? "****"
                : key.equals("store") ? dev.hotline.core.fleet.FleetConnections.masked(raw) : raw;
        return new ConfigException("Hotline setting '" + key + "' from " + source + " has the value '" + shown + "'"
                + (why == null ? "" : ", which " + why) + "; accepted: " + accepted + ".");
    }

    /** A value refused by one of the parsers, with the reason in plain words ("must be at least 1"). */
    static final class Invalid extends IllegalArgumentException {
        Invalid(String why) {
            super(why, null);
        }
    }

    // ---- parsers -------------------------------------------------------------------------------------------

    /** {@code true} or {@code false}, in any case; nothing else, so that what is accepted is what is documented. */
    static boolean bool(String s) {
        if (s.equalsIgnoreCase("true")) return true;
        if (s.equalsIgnoreCase("false")) return false;
        throw new Invalid(s.isEmpty() ? "is empty" : "is neither true nor false");
    }

    private static double number(String s) {
        if (s.isEmpty()) throw new Invalid("is empty");
        if (!s.matches("[0-9]*\\.?[0-9]+|[0-9]+\\.")) throw new Invalid("is not a number followed by a unit");
        return Double.parseDouble(s);
    }

    /** {@code 1ms}, {@code 500us}, {@code 2s}, {@code 250000ns}, {@code 30m}, {@code 12h}, {@code 7d}; a bare number is milliseconds. */
    static long durationNs(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace(" ", "");
        long unit;
        String num;
        if (t.endsWith("ns")) { unit = 1; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("us") || t.endsWith("µs")) { unit = 1_000; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("ms")) { unit = 1_000_000; num = t.substring(0, t.length() - 2); }
        else if (t.endsWith("s")) { unit = 1_000_000_000; num = t.substring(0, t.length() - 1); }
        else if (t.endsWith("min")) { unit = 60_000_000_000L; num = t.substring(0, t.length() - 3); }
        else if (t.endsWith("m")) { unit = 60_000_000_000L; num = t.substring(0, t.length() - 1); }
        else if (t.endsWith("h")) { unit = 3_600_000_000_000L; num = t.substring(0, t.length() - 1); }
        else if (t.endsWith("d")) { unit = 86_400_000_000_000L; num = t.substring(0, t.length() - 1); }
        else { unit = 1_000_000; num = t; }
        double v = number(num);
        if (Double.isInfinite(v) || v * unit > Long.MAX_VALUE / 2.0) throw new Invalid("is too long");
        return Math.round(v * unit);
    }

    /** {@code 256MB}, {@code 1g}, {@code 4096}; binary units. */
    static long bytes(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long unit = 1;
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        if (!t.matches("[0-9]{1,15}")) throw new Invalid(t.isEmpty() ? "is empty" : "is not a whole number followed by a unit");
        return Math.multiplyExact(Long.parseLong(t), unit);
    }

    /** {@code 5%} or {@code 0.05}: a fraction in [0, 1]. */
    static double fraction(String s) {
        double v = s.endsWith("%") ? number(s.substring(0, s.length() - 1).trim()) / 100 : number(s);
        if (!(v >= 0 && v <= 1)) throw new Invalid("is not between 0 and 1 (or 0% and 100%)");
        return v;
    }

    static int positiveInt(String s) {
        if (s.isEmpty()) throw new Invalid("is empty");
        if (!s.matches("-?[0-9]+")) throw new Invalid("is not a whole number");
        if (s.length() > 9) throw new Invalid("is too large");
        int v = Integer.parseInt(s);
        if (v < 1) throw new Invalid("is less than 1");
        return v;
    }

    static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) out.add(p);
        }
        return List.copyOf(out);
    }

    static List<Path> paths(String s) {
        List<Path> out = new ArrayList<>();
        for (String part : s.split("[,\\" + java.io.File.pathSeparator + "]")) {
            String p = part.trim();
            if (!p.isEmpty()) out.add(Path.of(p));
        }
        return List.copyOf(out);
    }

    static <E extends Enum<E>> E oneOf(Class<E> type, String s) {
        for (E e : type.getEnumConstants()) {
            if (e.toString().equalsIgnoreCase(s)) return e;
        }
        throw new Invalid(s.isEmpty() ? "is empty" : "is not one of " + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Object::toString).toList()));
    }

    /** A path that exists must be a directory: a file there would fail every write, silently but for the log. */
    static Path directory(String s) {
        if (s.isEmpty()) return null;
        Path p;
        try {
            p = Path.of(s);
        } catch (java.nio.file.InvalidPathException e) {
            throw new Invalid("is not a valid path here");
        }
        if (java.nio.file.Files.exists(p) && !java.nio.file.Files.isDirectory(p)) throw new Invalid("is a file, not a directory");
        return p;
    }

    static int port(String s) {
        if (s.isEmpty()) return -1;
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) > 65535) throw new Invalid("is not a port number from 0 to 65535");
        return Integer.parseInt(s);
    }

    static long sessionNs(String s) {
        long ns = durationNs(s);
        if (ns < 60_000_000_000L) throw new Invalid("is shorter than one minute");
        return ns;
    }
}
