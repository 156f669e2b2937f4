package dev.hotline.core.endpoint;

import java.util.regex.Pattern;

/**
 * The route a request is grouped under when the framework names none: its path with the segments that look like
 * ids collapsed, so {@code /orders/42} and {@code /orders/43} are one endpoint.
 *
 * @since 0.2
 */
public final class Routes {
    /** What an id segment becomes. */
    public static final String ID = "{id}";
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    /** Base64 / base64url tokens and similar generated ids: long, and mixing digits with letters. */
    private static final Pattern TOKEN = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_+=-]{20,}");

    /** The endpoint every request that matched no route and got a 404 shares. */
    public static final String UNMATCHED = "(no route: 404)";

    private Routes() {}

    /**
     * The endpoint a request is grouped under: its route; a 404 that matched no route (or only a catch-all such as
     * Spring's static resources {@code /**}) shares {@link #UNMATCHED}; else the path with ids collapsed.
     */
    public static String endpointOf(String path, String route, int status) {
        if (status == 404 && (route == null || route.endsWith("/**"))) return UNMATCHED;
        return route != null ? route : fromPath(path);
    }

    /** {@code /orders/42/items/7f9c...} → {@code /orders/{id}/items/{id}}. */
    public static String fromPath(String path) {
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

    /** Whether a path segment looks like a generated id: a number, a UUID, long hex, or a long token. */
    public static boolean isId(String seg) {
        if (seg.isEmpty()) return false;
        return NUMBER.matcher(seg).matches() || UUID.matcher(seg).matches() || HEX.matcher(seg).matches()
                || TOKEN.matcher(seg).matches();
    }
}
