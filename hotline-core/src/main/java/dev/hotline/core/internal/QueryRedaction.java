package dev.hotline.core.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not API. What Hotline stores of a request's URL (and of the messages of its errors) with the values of
 * secret-looking parameters replaced by {@code [redacted]}.
 *
 * <p>How a name matches: it is percent-decoded, lower-cased and cut into words at every character that is not a
 * letter or digit ({@code user[password]}, {@code user.password}, {@code api_key}, {@code password%00} all give
 * words). It is secret when a word, or all its words joined ({@code privateKey} is {@code privatekey}), equals a
 * listed name with its own separators removed, or ends with a listed name of five letters or more
 * ({@code userPassword}).
 *
 * <p>What is redacted: query parameters, separated by {@code &} or {@code ;}; path parameters
 * ({@code /cart;jsessionid=...}); and, inside any value that is itself a URL or a query (percent-encoded or not,
 * {@code next=%2Fcb%3Ftoken%3D...}), the parameters of that, down to {@value #MAX_DEPTH} levels.
 */
public final class QueryRedaction {
    public static final String REDACTED = "[redacted]";
    /** The default of {@code redact-params}. */
    public static final String DEFAULT_NAMES = "token,password,passwd,pwd,passphrase,passcode,secret,key,apikey,api_key,"
            + "access_token,refresh_token,id_token,auth,authorization,credential,credentials,session,sessionid,jsessionid,"
            + "phpsessid,sid,signature,sig,code,private_key,privatekey,otp,totp,pin,ssn,cvv,cvc,card_number,client_secret,"
            + "x-amz-security-token";
    private static final int MAX_DEPTH = 4;
    /** {@code name=value} or {@code name: value} in free text; the name may be percent-encoded or bracketed. */
    private static final Pattern TEXT_PAIR = Pattern.compile(
            "([A-Za-z0-9_.\\[\\]%-]+)(\"?\\s*(?:=|%3[dD]|:)\\s*\"?)([^\\s&;,\"'<>)}]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|digest)(\\s+)[A-Za-z0-9._~+/=-]{8,}");

    private final List<String> names;
    private final boolean storeQuery;

    public QueryRedaction(List<String> names) {
        this(names, true);
    }

    /** @param storeQuery {@code false} to store no query string at all */
    public QueryRedaction(List<String> names, boolean storeQuery) {
        List<String> n = new ArrayList<>();
        for (String name : names) {
            String w = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            if (!w.isEmpty()) n.add(w);
        }
        this.names = List.copyOf(n);
        this.storeQuery = storeQuery;
    }

    /** The query string to store: redacted, or {@code null} when queries are not stored. */
    public String redact(String query) {
        if (!storeQuery) return null;
        if (query == null || query.isEmpty()) return query;
        return redactQuery(query, 0);
    }

    /** A request path with the values of secret path parameters redacted ({@code /a;jsessionid=[redacted]/b}). */
    public String redactPath(String path) {
        if (path == null || path.indexOf(';') < 0) return path;
        return redactPath(path, 0);
    }

    /**
     * Free text (an exception's message) with secret-looking values redacted: {@code name=value} and
     * {@code name: value} pairs whose name is secret, URLs' parameters, and {@code Bearer} / {@code Basic}
     * credentials.
     */
    public String redactText(String text) {
        if (text == null || text.isEmpty()) return text;
        String t = BEARER.matcher(text).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
        Matcher m = TEXT_PAIR.matcher(t);
        StringBuilder out = new StringBuilder(t.length());
        while (m.find()) {
            String value = m.group(3);
            String replacement;
            if (value.equals(REDACTED)) replacement = m.group();
            else if (isSecret(m.group(1))) replacement = m.group(1) + m.group(2) + REDACTED;
            else replacement = m.group(1) + m.group(2) + redactValue(value, 0);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String redactQuery(String query, int depth) {
        StringBuilder out = new StringBuilder(query.length());
        int start = 0;
        for (int i = 0; i <= query.length(); i++) {
            if (i < query.length() && query.charAt(i) != '&' && query.charAt(i) != ';') continue;
            pair(out, query.substring(start, i), depth);
            if (i < query.length()) out.append(query.charAt(i));
            start = i + 1;
        }
        return out.toString();
    }

    private String redactPath(String path, int depth) {
        StringBuilder out = new StringBuilder(path.length());
        int start = 0;
        for (int i = 0; i <= path.length(); i++) {
            if (i < path.length() && path.charAt(i) != '/') continue;
            String segment = path.substring(start, i);
            int semi = segment.indexOf(';');
            if (semi < 0) {
                out.append(segment);
            } else {
                out.append(segment, 0, semi + 1).append(redactQuery(segment.substring(semi + 1), depth));
            }
            if (i < path.length()) out.append('/');
            start = i + 1;
        }
        return out.toString();
    }

    private void pair(StringBuilder out, String pair, int depth) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
            out.append(pair);
            return;
        }
        String name = pair.substring(0, eq);
        out.append(name).append('=');
        out.append(isSecret(name) ? REDACTED : redactValue(pair.substring(eq + 1), depth));
    }

    /** A value that holds a URL or a query of its own, plain or percent-encoded, has its parameters redacted. */
    private String redactValue(String value, int depth) {
        if (depth >= MAX_DEPTH || value.isEmpty()) return value;
        if (value.indexOf('=') >= 0) return redactUrl(value, depth + 1);
        if (value.indexOf('%') < 0) return value;
        String decoded = decode(value);
        if (decoded.equals(value)) return value;
        String redacted = redactValue(decoded, depth + 1);
        return redacted.equals(decoded) ? value : URLEncoder.encode(redacted, StandardCharsets.UTF_8);
    }

    private String redactUrl(String url, int depth) {
        int q = url.indexOf('?');
        if (q < 0) return url.indexOf('/') >= 0 && url.indexOf(';') >= 0 ? redactPath(url, depth) : redactQuery(url, depth);
        return redactPath(url.substring(0, q), depth) + "?" + redactQuery(url.substring(q + 1), depth);
    }

    /** Whether a parameter of this (raw, possibly percent-encoded) name has its value redacted. */
    public boolean isSecret(String rawName) {
        String n = decode(rawName).toLowerCase(Locale.ROOT);
        String[] words = n.split("[^a-z0-9]+");
        String joined = String.join("", words);
        for (String w : names) {
            if (joined.equals(w) || (w.length() >= 5 && joined.endsWith(w))) return true;
            for (String word : words) {
                if (word.equals(w) || (w.length() >= 5 && word.endsWith(w))) return true;
            }
        }
        return false;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
