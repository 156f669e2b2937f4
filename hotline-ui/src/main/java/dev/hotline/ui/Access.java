package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who may use the results page and on-demand profiling.
 *
 * <ol>
 *   <li>No token configured: loopback clients only ({@code 127.0.0.0/8}, {@code ::1}), and only when the request
 *       does not say it was forwarded by a proxy ({@code Forwarded}, {@code X-Forwarded-For}, {@code X-Real-IP}).</li>
 *   <li>A token configured: every client, loopback included, presents it, in the {@code X-Hotline-Token} header
 *       or in the cookie the login form sets. The cookie holds a hash of the token, not the token.</li>
 * </ol>
 * Tokens are compared in constant time, over SHA-256 hashes so that their lengths do not leak either.
 *
 * @since 0.2
 */
public final class Access {
    public static final String TOKEN_HEADER = "X-Hotline-Token";
    public static final String COOKIE = "hotline_token";

    private final byte[] tokenHash;
    private final String cookieValue;

    /** @param token the configured token, or {@code null} for loopback-only access */
    public Access(String token) {
        this.tokenHash = token == null ? null : sha256("token:" + token);
        this.cookieValue = token == null ? null : HexFormat.of().formatHex(sha256("hotline-ui-cookie:" + token));
    }

    public boolean tokenConfigured() {
        return tokenHash != null;
    }

    /** Whether the request may be served. */
    public boolean allows(UiRequest r) {
        return allows(r.remoteAddress(), r::header);
    }

    /** Whether a client may be served, given its address and a header lookup (case-insensitive names). */
    public boolean allows(String remoteAddress, java.util.function.Function<String, String> header) {
        if (tokenHash == null) {
            return isLoopback(remoteAddress) && header.apply("forwarded") == null && header.apply("x-forwarded-for") == null
                    && header.apply("x-real-ip") == null;
        }
        String given = header.apply(TOKEN_HEADER);
        if (given != null && matches(given)) return true;
        String cookie = cookie(header.apply("cookie"), COOKIE);
        return cookie != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), cookieValue.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code given} is the token, in constant time. */
    public boolean matches(String given) {
        return tokenHash != null && given != null && MessageDigest.isEqual(sha256("token:" + given), tokenHash);
    }

    /** The login cookie's value for the configured token. */
    String cookieValue() {
        return cookieValue;
    }

    static boolean isLoopback(String address) {
        if (address == null) return false;
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (a.startsWith("[") && a.endsWith("]")) a = a.substring(1, a.length() - 1);
        int zone = a.indexOf('%');
        if (zone >= 0) a = a.substring(0, zone);
        if (a.startsWith("::ffff:")) a = a.substring(7);
        if (a.equals("::1") || a.equals("0:0:0:0:0:0:0:1")) return true;
        if (!a.startsWith("127.")) return false;
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) return false;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) return false;
        }
        return true;
    }

    /** The value of cookie {@code name} in a {@code Cookie} header, or {@code null}. */
    static String cookie(String header, String name) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            if (part.substring(0, eq).trim().equals(name)) {
                String v = part.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
