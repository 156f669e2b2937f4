package dev.hotline.ui;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Endpoint routes derived from request paths, and the keys that name them in URLs. */
final class Routes {
    static final String ID = dev.hotline.core.endpoint.Routes.ID;

    private Routes() {}

    /** The endpoint every request that matched no route and got a 404 shares. */
    static final String UNMATCHED = "(no route: 404)";

    /**
     * The endpoint a request is grouped under: its route; a 404 that matched no route (or only a catch-all such as
     * Spring's static resources {@code /**}) shares {@link #UNMATCHED}; else the path with ids collapsed.
     */
    static String endpointOf(String path, String route, int status) {
        if (status == 404 && (route == null || route.endsWith("/**"))) return UNMATCHED;
        return route != null ? route : fromPath(path);
    }

    /** {@code /orders/42/items/7f9c...} → {@code /orders/{id}/items/{id}}. */
    static String fromPath(String path) {
        return dev.hotline.core.endpoint.Routes.fromPath(path);
    }

    static boolean isId(String seg) {
        return dev.hotline.core.endpoint.Routes.isId(seg);
    }

    static String key(String method, String route) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((method + " " + route).getBytes(StandardCharsets.UTF_8));
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
