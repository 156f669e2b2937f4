package dev.hotline.core.internal;

import java.util.Locale;
import java.util.Set;

/** Not API. Query strings are stored with the values of secret-looking parameters replaced by {@code [redacted]}. */
public final class QueryRedaction {
    static final Set<String> SECRET_WORDS = Set.of("token", "password", "passwd", "pwd", "secret", "key", "apikey",
            "api_key", "auth", "authorization", "session", "sessionid", "jsessionid", "signature", "sig", "credential",
            "access_token", "refresh_token", "code");

    private QueryRedaction() {}

    public static String redact(String query) {
        if (query == null || query.isEmpty()) return query;
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) out.append('&');
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecret(name)) {
                out.append(name).append("=[redacted]");
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (n.equals(w) || n.endsWith("_" + w) || n.endsWith("-" + w) || n.endsWith(w) && w.length() >= 5) return true;
        }
        return false;
    }
}
