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
