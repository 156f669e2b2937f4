package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Endpoint routes derived from request paths, and the keys that name them in URLs. */
final class Routes {
    static final String ID = dev.hotline.core.endpoint.Routes.ID;

    private Routes() {}

    /** The endpoint every request that matched no route and got a 404 shares. */
    static final String UNMATCHED = dev.hotline.core.endpoint.Routes.UNMATCHED;

    /**
     * The endpoint a request is grouped under: its route; a 404 that matched no route (or only a catch-all such as
     * Spring's static resources {@code /**}) shares {@link #UNMATCHED}; else the path with ids collapsed.
     */
    static String endpointOf(String path, String route, int status) {
        return dev.hotline.core.endpoint.Routes.endpointOf(path, route, status);
    }

    /** {@code /orders/42/items/7f9c...} → {@code /orders/{id}/items/{id}}. */
    static String fromPath(String path) {
        return dev.hotline.core.endpoint.Routes.fromPath(path);
    }

    static boolean isId(String seg) {
        return dev.hotline.core.endpoint.Routes.isId(seg);
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
