package dev.hotline.bench.app;

import java.util.HashMap;
import java.util.Map;

/** One request as the app's framework sees it: method, path, query, path variables, attributes, the answer. */
final class Exchange {
    final String method;
    final String path;
    final Map<String, String> query;
    final Map<String, String> pathVariables = new HashMap<>();
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, String> responseHeaders = new HashMap<>();
    int status = 200;
    Object result;

    Exchange(String method, String path, String queryString) {
        this.method = method;
        this.path = path;
        this.query = parseQuery(queryString);
    }

    String header(String name) {
        Object v = attributes.get("header:" + name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? null : v.toString();
    }

    private static Map<String, String> parseQuery(String q) {
        Map<String, String> out = new HashMap<>();
        if (q == null || q.isEmpty()) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) out.put(pair, "");
            else out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
