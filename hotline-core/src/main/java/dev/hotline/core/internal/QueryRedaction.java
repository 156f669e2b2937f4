package dev.hotline.core.internal;

import java.util.List;
import java.util.Locale;

/**
 * Not API. Query strings are stored with the values of secret-looking parameters replaced by {@code [redacted]}: a name in
 * the {@code redact-params} list, or ending in {@code _NAME} or {@code -NAME}, or ending in a listed name of five
 * letters or more ({@code userPassword}). Names are compared without case, after percent-decoding.
 */
public final class QueryRedaction {
    public static final String REDACTED = "[redacted]";
    private final List<String> names;

    public QueryRedaction(List<String> names) {
        this.names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    public String redact(String query) {
        if (query == null || query.isEmpty()) return query;
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (out.length() > 0) out.append('&');
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecret(name)) {
                out.append(name).append('=').append(REDACTED);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    /**
     * Free text (an exception's message) with the value of each secret-looking {@code name=value} or
     * {@code name: value} redacted, as a query's would be.
     */
    public String redactText(String text) {
        if (text == null || text.isEmpty()) return text;
        java.util.regex.Matcher m = NAME_VALUE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement = isSecret(m.group(1)) ? m.group(1) + m.group(2) + REDACTED : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern NAME_VALUE =
            java.util.regex.Pattern.compile("([A-Za-z0-9_.%-]+)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&,;)]+)");

    public boolean isSecret(String rawName) {
        String n = decode(rawName).toLowerCase(Locale.ROOT);
        for (String w : names) {
            if (n.equals(w) || n.endsWith("_" + w) || n.endsWith("-" + w) || n.endsWith(w) && w.length() >= 5) return true;
        }
        return false;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        try {
            return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
