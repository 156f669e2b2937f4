package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** Endpoint routes derived from request paths, and the keys that name them in URLs. */
final class Routes {
    static final String ID = "{id}";
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    /** Base64 / base64url tokens and similar generated ids: long, and mixing digits with letters. */
    private static final Pattern TOKEN = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_+=-]{20,}");

    private Routes() {}

    /** {@code /orders/42/items/7f9c...} → {@code /orders/{id}/items/{id}}. */
    static String fromPath(String path) {
        if (path == null || path.isEmpty()) return "/";
        StringBuilder b = new StringBuilder(path.length());
        int i = 0;
        while (i <= path.length()) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? path.length() : slash;
            String seg = path.substring(i, end);
            b.append(isId(seg) ? ID : seg);
            if (slash < 0) break;
            b.append('/');
            i = slash + 1;
        }
        return b.toString();
    }

    static boolean isId(String seg) {
        if (seg.isEmpty()) return false;
        return NUMBER.matcher(seg).matches() || UUID.matcher(seg).matches() || HEX.matcher(seg).matches()
                || TOKEN.matcher(seg).matches();
    }

    /** Keys longer than this are a hash instead, so that every endpoint's URL stays short enough to open. */
    static final int MAX_PLAIN_KEY = 400;
    /** Starts a hashed key; never part of base64url. */
    static final char HASHED = '~';

    /**
     * The key of an endpoint in URLs: base64url of {@code METHOD route}, or for a long route {@code ~} and the
     * base64url of its SHA-256, which {@link #decodeKey} cannot decode: such keys are matched against the listed
     * endpoints' keys instead.
     */
    static String key(String method, String route) {
        byte[] text = (method + " " + route).getBytes(StandardCharsets.UTF_8);
        String plain = Base64.getUrlEncoder().withoutPadding().encodeToString(text);
        if (plain.length() <= MAX_PLAIN_KEY) return plain;
        try {
            return HASHED + Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(text));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static boolean isHashedKey(String key) {
        return key.length() == 44 && key.charAt(0) == HASHED && key.substring(1).matches("[A-Za-z0-9_-]+");
    }

    /** {@code METHOD route} of a key, or {@code null} when the key is not one. */
    static String[] decodeKey(String key) {
        if (key.isEmpty() || key.length() > 4096 || !key.matches("[A-Za-z0-9_-]+")) return null;
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(key), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int sp = text.indexOf(' ');
        if (sp <= 0) return null;
        return new String[] {text.substring(0, sp), text.substring(sp + 1)};
    }
}
