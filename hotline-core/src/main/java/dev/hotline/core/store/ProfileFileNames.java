package dev.hotline.core.store;

import dev.hotline.core.model.Profile;
import dev.hotline.core.model.RequestInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File names for saved profiles, in Werkzeug's style: {@code {method}.{path}.{elapsed}ms.{time}.json}, for
 * example {@code GET.resource_providers.000108ms.1552408596.json}.
 *
 * <ul>
 *   <li>path: slashes become dots, no leading or trailing dot, {@code root} for {@code /};</li>
 *   <li>elapsed: the request's duration in milliseconds, rounded, at least 6 digits;</li>
 *   <li>time: the request's start in epoch seconds.</li>
 * </ul>
 *
 * <p>Names are safe on any common file system: they hold only {@code [A-Za-z0-9._-]}. Every other character
 * in the method or path (control characters, {@code \ : * ? " < > |}, spaces, non-ASCII letters) becomes
 * {@code _}; runs of dots collapse to one, so no name part is {@code .} or {@code ..} and no name starts with
 * a dot. A method that Windows reserves as a device name ({@code CON}, {@code NUL}, {@code COM1}...) gets a
 * leading {@code _}, as does one starting with {@code -}; the path cannot clash since Windows only looks at the part before the first dot. Names
 * are at most {@value #MAX_LENGTH} characters, uniqueness suffix included: a longer path is cut and followed by
 * a short hash of the full path, so different long paths keep different names.
 *
 * <p>The mapping is lossy ({@code /café} and {@code /caf?} both give {@code caf_}); {@link ProfileDirectory}
 * adds {@code .1}, {@code .2}... before {@code .json} rather than overwrite a file.
 *
 * @since 0.1
 */
public final class ProfileFileNames {
    /** Longest name, in characters (all ASCII, so also bytes), a uniqueness suffix included. */
    public static final int MAX_LENGTH = 200;
    static final String EXTENSION = ".json";
    private static final char REPLACEMENT = '_';
    private static final int MAX_METHOD = 24;
    /** Room kept for {@code .123456} uniqueness suffixes. */
    private static final int SUFFIX_ROOM = 7;
    private static final Set<String> WINDOWS_RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final Pattern PARSE = Pattern.compile(".*\\.(\\d+)ms\\.(-?\\d+)(?:\\.(\\d+))?\\.json");

    private ProfileFileNames() {}

    /**
     * The file name of a profile.
     *
     * @since 0.1
     */
    public static String of(Profile profile) {
        return of(profile.request());
    }

    /**
     * The file name of a request's profile.
     *
     * @since 0.1
     */
    public static String of(RequestInfo request) {
        long ms = (Math.max(0, request.durationNs()) + 500_000) / 1_000_000;
        return of(request.method(), request.path(), ms, request.start().getEpochSecond());
    }

    /**
     * The file name for a request.
     *
     * @param method         HTTP method
     * @param path           request path, query excluded
     * @param elapsedMillis  duration in milliseconds
     * @param startEpochSecs start time in epoch seconds
     * @since 0.1
     */
    public static String of(String method, String path, long elapsedMillis, long startEpochSecs) {
        String m = method(method);
        String tail = "." + String.format(Locale.ROOT, "%06d", Math.max(0, elapsedMillis)) + "ms." + startEpochSecs + EXTENSION;
        int room = MAX_LENGTH - SUFFIX_ROOM - m.length() - 1 - tail.length();
        return m + "." + path(path, room) + tail;
    }

    /** {@code name} with uniqueness suffix {@code n}: {@code GET.x.000001ms.1.json} becomes {@code GET.x.000001ms.1.2.json}. */
    static String withSuffix(String name, int n) {
        if (n == 0) return name;
        return name.substring(0, name.length() - EXTENSION.length()) + "." + n + EXTENSION;
    }

    /** The start time (epoch seconds) a name records, or {@code Long.MIN_VALUE} for a name not made here. */
    static long startEpochSecs(String name) {
        Matcher m = PARSE.matcher(name);
        if (!m.matches()) return Long.MIN_VALUE;
        try {
            return Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    static String method(String method) {
        StringBuilder b = new StringBuilder(Math.min(method.length(), MAX_METHOD));
        for (int i = 0; i < method.length() && b.length() < MAX_METHOD; i++) {
            char c = method.charAt(i);
            // No dots in the method: it is the first part of the name and must stay one part.
            b.append(isSafe(c) && c != '.' ? c : REPLACEMENT);
        }
        String m = b.length() == 0 ? "UNKNOWN" : b.toString();
        // A leading '-' would read as an option to shell tools given the name.
        boolean prefix = m.charAt(0) == '-' || WINDOWS_RESERVED.contains(m.toUpperCase(Locale.ROOT));
        return prefix ? REPLACEMENT + m : m;
    }

    static String path(String path, int room) {
        StringBuilder b = new StringBuilder(Math.min(path.length(), room + 16));
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '.') {
                // Slashes become dots; a run of separators is one dot; none at the start.
                if (b.length() > 0 && b.charAt(b.length() - 1) != '.') b.append('.');
            } else {
                b.append(isSafe(c) ? c : REPLACEMENT);
                if (Character.isHighSurrogate(c) && i + 1 < path.length() && Character.isLowSurrogate(path.charAt(i + 1))) {
                    i++; // one replacement per code point
                }
            }
        }
        stripTrailingDots(b);
        if (b.length() == 0) return "root";
        if (b.length() <= room) return b.toString();
        String hash = "-" + shortHash(path);
        b.setLength(Math.max(1, room - hash.length()));
        stripTrailingDots(b);
        return b + hash;
    }

    private static void stripTrailingDots(StringBuilder b) {
        while (b.length() > 0 && b.charAt(b.length() - 1) == '.') b.setLength(b.length() - 1);
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    }

    /** Eight hex digits of the SHA-256 of the full path: stable across JVMs and releases. */
    private static String shortHash(String path) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "%02x%02x%02x%02x", d[0], d[1], d[2], d[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
