package dev.hotline.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Who may use the results page and on-demand profiling.
 *
 * <ol>
 *   <li>No token configured: clients on this machine only, which means all of these: the peer address is a
 *       loopback address ({@code 127.0.0.0/8}, {@code ::1}); the {@code Host} header, when there is one, names
 *       {@code localhost} or a loopback address (so a web page that rebinds its own domain to 127.0.0.1 is
 *       refused); and none of the {@link #FORWARDING_HEADERS} arrives.</li>
 *   <li>A token configured: every client, loopback included, presents it in the {@code X-Hotline-Token} header,
 *       or signs in with it and then presents the session cookie. Each sign-in opens a random session that ends
 *       after the configured lifetime (server-side) or at logout. Wrong tokens are slowed down per client
 *       ({@link LoginThrottle}).</li>
 *   <li>Either way, API requests a browser marks as cross-site ({@code Sec-Fetch-Site: cross-site}, or an
 *       {@code Origin} other than the request's own host) are refused: see {@link #crossSite}.</li>
 * </ol>
 * Tokens are compared in constant time, over SHA-256 hashes so that their lengths do not leak either.
 *
 * @since 0.2
 */
public final class Access {
    public static final String TOKEN_HEADER = "X-Hotline-Token";
    /** The session cookie set at sign-in. */
    public static final String COOKIE = "hotline_session";
    /** A session's lifetime when none is configured. */
    public static final Duration DEFAULT_SESSION = Duration.ofHours(12);
    /**
     * Headers that say a proxy or a CDN forwarded the request (lower case). A request carrying any of them is not
     * a local client's, whatever its peer address.
     */
    public static final List<String> FORWARDING_HEADERS = List.of(
            "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-forwarded-server", "x-forwarded", "forwarded-for", "x-original-forwarded-for", "x-real-ip",
            "x-client-ip", "client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip",
            "x-cluster-client-ip", "x-proxyuser-ip", "x-envoy-external-address", "via");

    /** What {@link #check} decided. */
    public enum Decision {
        ALLOWED,
        /** No token configured and the client is not on this machine. */
        NOT_LOCAL,
        /** A token configured and none (or a wrong one, or an ended session) presented. */
        TOKEN_REQUIRED,
        /** Too many wrong tokens from this client just now. */
        SLOW_DOWN
    }

    private final byte[] tokenHash;
    private final Sessions sessions;
    private final LoginThrottle throttle;

    /** @param token the configured token, or {@code null} for loopback-only access; sessions last 12 hours */
    public Access(String token) {
        this(token, DEFAULT_SESSION);
    }

    /**
     * @param token   the configured token, or {@code null} for loopback-only access
     * @param session how long a sign-in lasts
     */
    public Access(String token, Duration session) {
        this(token, session, System::currentTimeMillis);
    }

    /** With a clock of epoch milliseconds, for tests. */
    Access(String token, Duration session, LongSupplier clock) {
        this.tokenHash = token == null ? null : sha256("token:" + token);
        this.sessions = new Sessions(session.toMillis(), clock);
        this.throttle = new LoginThrottle(clock);
    }

    public boolean tokenConfigured() {
        return tokenHash != null;
    }

    /** Whether the request may be served. */
    public boolean allows(UiRequest r) {
        return check(r.remoteAddress(), r::header) == Decision.ALLOWED;
    }

    /** Whether a client may be served, given its address and a header lookup (case-insensitive names). */
    public boolean allows(String remoteAddress, Function<String, String> header) {
        return check(remoteAddress, header) == Decision.ALLOWED;
    }

    /** Whether a client may be served, and if not, why. A wrong token in the header counts as a failed attempt. */
    public Decision check(String remoteAddress, Function<String, String> header) {
        if (tokenHash == null) return isLocal(remoteAddress, header) ? Decision.ALLOWED : Decision.NOT_LOCAL;
        if (sessions.valid(cookie(header.apply("cookie"), COOKIE))) return Decision.ALLOWED;
        String given = header.apply(TOKEN_HEADER);
        if (given == null) return Decision.TOKEN_REQUIRED;
        if (throttle.waitMillis(remoteAddress) > 0) return Decision.SLOW_DOWN;
        if (matches(given)) {
            throttle.succeeded(remoteAddress);
            return Decision.ALLOWED;
        }
        throttle.failed(remoteAddress, TOKEN_HEADER + " header");
        return Decision.TOKEN_REQUIRED;
    }

    /** Loopback peer, loopback {@code Host} (when given), no forwarding header. */
    static boolean isLocal(String remoteAddress, Function<String, String> header) {
        if (!isLoopback(remoteAddress)) return false;
        String host = header.apply("host");
        if (host != null && !isLoopbackHost(host)) return false;
        for (String h : FORWARDING_HEADERS) {
            if (header.apply(h) != null) return false;
        }
        return true;
    }

    /**
     * Whether a browser says the request comes from another site: {@code Sec-Fetch-Site: cross-site}, or an
     * {@code Origin} header ({@code null} included) whose host and port are not the request's {@code Host}.
     */
    public static boolean crossSite(Function<String, String> header) {
        String site = header.apply("sec-fetch-site");
        if (site != null && site.trim().equalsIgnoreCase("cross-site")) return true;
        String origin = header.apply("origin");
        if (origin == null) return false;
        String host = header.apply("host");
        if (host == null) return true;
        try {
            URI o = new URI(origin.trim());
            if (o.getScheme() == null || o.getRawAuthority() == null) return true;
            String authority = o.getRawAuthority().toLowerCase(Locale.ROOT);
            String h = host.trim().toLowerCase(Locale.ROOT);
            return !(authority.equals(h) || authority.equals(withDefaultPort(h, o.getScheme())) || h.equals(withDefaultPort(authority, o.getScheme())));
        } catch (java.net.URISyntaxException e) {
            return true;
        }
    }

    private static String withDefaultPort(String authority, String scheme) {
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.indexOf(':') >= 0;
        if (hasPort) return authority;
        return authority + (scheme.equalsIgnoreCase("https") ? ":443" : ":80");
    }

    /** Whether {@code given} is the token, in constant time. */
    public boolean matches(String given) {
        return tokenHash != null && given != null && MessageDigest.isEqual(sha256("token:" + given), tokenHash);
    }

    /**
     * A sign-in attempt with {@code given} from {@code client}: the new session's id, or {@code null} for a wrong
     * token. Callers first ask {@link #waitMillis}.
     */
    String signIn(String client, String given) {
        if (!matches(given)) {
            throttle.failed(client, "sign-in form");
            return null;
        }
        throttle.succeeded(client);
        return sessions.open();
    }

    /** Milliseconds {@code client} must wait before its next token is checked. */
    long waitMillis(String client) {
        return throttle.waitMillis(client);
    }

    /** Ends the session named by the request's cookie, if any. */
    void signOut(Function<String, String> header) {
        sessions.close(cookie(header.apply("cookie"), COOKIE));
    }

    long sessionSeconds() {
        return sessions.lifetimeMillis() / 1000;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    Sessions sessions() {
        return sessions;
    }

    /** Whether a {@code Host} header names {@code localhost} or a loopback address, with or without a port. */
    static boolean isLoopbackHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) return false;
            String rest = h.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) return false;
            return isLoopback(h.substring(1, close));
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            if (!h.substring(colon).matches(":[0-9]{1,5}")) return false;
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.equals("localhost") || isLoopback(h);
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
