package dev.hotline.ui;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The access rules through the page's handler: Host, forwarding headers, cross-site requests, sessions, throttling. */
class AccessTest {
    static final String TOKEN = "a-token-of-sixteen-chars";
    final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private ResultsPage page(String token) {
        return new ResultsPage("/_hotline/", new ProfileStore(List::of, null), new Access(token, Duration.ofHours(12), clock::get), null);
    }

    private static UiResponse send(ResultsPage page, String method, String path, String remote, String body, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) h.put(headers[i].toLowerCase(java.util.Locale.ROOT), headers[i + 1]);
        return page.handle(new UiRequest(method, path, null, h, remote, false, body));
    }

    private static UiResponse get(ResultsPage page, String path, String... headers) {
        return send(page, "GET", path, "127.0.0.1", null, headers);
    }

    @Test
    void noToken_hostMustNameThisMachine() {
        ResultsPage p = page(null);
        for (String host : List.of("localhost", "localhost:8080", "LOCALHOST.:1", "127.0.0.1:8080", "127.5.6.7", "[::1]:80", "[::1]")) {
            assertThat(get(p, "api/profiles", "Host", host).status()).as(host).isEqualTo(200);
        }
        for (String host : List.of("evil.example", "evil.example:8080", "127.0.0.1.nip.io", "localhost.evil.example", "10.0.0.1:8080",
                "[::2]:80", "localhost:80x", "")) {
            UiResponse r = get(p, "api/profiles", "Host", host);
            assertThat(r.status()).as(host).isEqualTo(403);
            assertThat(get(p, "", "Host", host).status()).as(host).isEqualTo(403);
        }
        assertThat(get(p, "api/profiles").status()).as("no Host header at all").isEqualTo(200);
    }

    @Test
    void noToken_everyForwardingHeaderRefused() {
        ResultsPage p = page(null);
        List<String> probed = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP",
                "X-Cluster-Client-IP", "Client-IP", "Fastly-Client-IP", "X-Original-Forwarded-For", "Via", "X-Forwarded-Host");
        for (String h : probed) {
            assertThat(Access.FORWARDING_HEADERS).contains(h.toLowerCase(java.util.Locale.ROOT));
            assertThat(get(p, "api/profiles", "Host", "localhost", h, "203.0.113.9").status()).as(h).isEqualTo(403);
        }
        for (String h : Access.FORWARDING_HEADERS) {
            assertThat(get(p, "api/profiles", h, "1.1 proxy").status()).as(h).isEqualTo(403);
        }
        assertThat(send(p, "GET", "api/profiles", "10.0.0.5", null).status()).isEqualTo(403);
    }

    @Test
    void crossSiteApiRequests_refusedWithOrWithoutToken() {
        for (String token : new String[] {null, TOKEN}) {
            ResultsPage p = page(token);
            String[] auth = token == null ? new String[0] : new String[] {"X-Hotline-Token", TOKEN};
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Sec-Fetch-Site", "cross-site")).status())
                    .isEqualTo(403);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Origin", "http://evil.example")).status())
                    .isEqualTo(403);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Origin", "http://localhost:3000")).status())
                    .isEqualTo(403);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Origin", "null")).status()).isEqualTo(403);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Origin", "http://localhost:8080",
                    "Sec-Fetch-Site", "same-origin")).status()).isEqualTo(200);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost", "Origin", "http://localhost")).status()).isEqualTo(200);
            assertThat(get(p, "api/profiles", concat(auth, "Host", "localhost:8080", "Sec-Fetch-Site", "none")).status()).isEqualTo(200);
        }
        ResultsPage p = page(TOKEN);
        UiResponse login = send(p, "POST", "login", "127.0.0.1", "token=" + TOKEN, "Host", "localhost:8080", "Origin", "http://evil.example");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.headers()).doesNotContainKey("Set-Cookie");
    }

    @Test
    void session_randomPerLogin_endsAfterItsLifetime_andAtLogout() {
        ResultsPage p = page(TOKEN);
        String first = signIn(p, "10.0.0.7");
        String second = signIn(p, "10.0.0.7");
        assertThat(first).isNotEqualTo(second).doesNotContain(TOKEN).hasSizeGreaterThanOrEqualTo(40);
        assertThat(get(p, "api/profiles", "Cookie", "hotline_session=" + first).status()).isEqualTo(200);

        clock.addAndGet(Duration.ofHours(12).toMillis() - 1);
        assertThat(get(p, "api/profiles", "Cookie", "hotline_session=" + first).status()).isEqualTo(200);
        clock.addAndGet(1);
        assertThat(get(p, "api/profiles", "Cookie", "hotline_session=" + first).status()).isEqualTo(401);
        assertThat(get(p, "", "Cookie", "hotline_session=" + second).status()).isEqualTo(303);

        String third = signIn(p, "10.0.0.7");
        assertThat(send(p, "GET", "logout", "10.0.0.7", null, "Cookie", "hotline_session=" + third).status()).isEqualTo(405);
        assertThat(get(p, "api/profiles", "Cookie", "hotline_session=" + third).status()).isEqualTo(200);
        UiResponse out = send(p, "POST", "logout", "10.0.0.7", "", "Cookie", "hotline_session=" + third);
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.headers().get("Set-Cookie")).startsWith("hotline_session=;").contains("Max-Age=0");
        assertThat(out.headers().get("Location")).isEqualTo("/_hotline/login");
        assertThat(get(p, "api/profiles", "Cookie", "hotline_session=" + third).status()).isEqualTo(401);
    }

    @Test
    void signOutButton_onlyWhenThereIsATokenToSignOutOf() throws Exception {
        String real = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/resources/dev/hotline/ui/web/index.html"));
        assertThat(real).contains("<form class=\"signout\" method=\"post\" action=\"logout\">");
        assertThat(ResultsPage.withoutSignOut(real)).doesNotContain("signout").contains("nav-endpoints", "</header>");
    }

    @Test
    void wrongTokens_slowedWithGrowingDelays_perClient_loggedOncePerEpisode() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.hotline");
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) { logged.add(r.getMessage()); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(h);
        try {
            throttled(logged);
        } finally {
            jul.removeHandler(h);
        }
    }

    private void throttled(List<String> logged) {
        ResultsPage p = page(TOKEN);
        Access access = p.access();
        String guesser = "10.9.9.9";
        for (int i = 1; i <= LoginThrottle.FREE_FAILURES; i++) {
            assertThat(send(p, "POST", "login", guesser, "token=wrong-guess-number-" + i).status()).as("a typing error").isEqualTo(401);
        }
        assertThat(access.waitMillis(guesser)).isZero();
        assertThat(send(p, "POST", "login", guesser, "token=wrong-guess-number-4").status()).isEqualTo(401);
        assertThat(access.throttle().episodes()).isEqualTo(1);
        UiResponse slowed = send(p, "POST", "login", guesser, "token=" + TOKEN);
        assertThat(slowed.status()).as("even the right token waits out the delay").isEqualTo(429);
        assertThat(slowed.headers().get("Retry-After")).isEqualTo("1");
        assertThat(get(p, "api/profiles", "X-Hotline-Token", TOKEN).status()).as("another client is not slowed").isEqualTo(200);

        long previous = 0;
        for (int i = 5; i <= 13; i++) {
            clock.addAndGet(access.waitMillis(guesser));
            assertThat(send(p, "GET", "api/profiles", guesser, null, "X-Hotline-Token", "wrong-guess-number-" + i).status()).isEqualTo(401);
            long wait = access.waitMillis(guesser);
            assertThat(wait).as("delay after failure " + i).isGreaterThanOrEqualTo(previous);
            assertThat(send(p, "GET", "api/profiles", guesser, null, "X-Hotline-Token", TOKEN).status()).isEqualTo(429);
            previous = wait;
        }
        assertThat(previous).isEqualTo(LoginThrottle.MAX_DELAY_MILLIS);
        assertThat(access.throttle().failed()).isEqualTo(13);
        assertThat(access.throttle().episodes()).as("one log line for the whole episode").isEqualTo(1);
        assertThat(logged).filteredOn(m -> m.contains("wrong results page token from 10.9.9.9")).hasSize(1);

        clock.addAndGet(LoginThrottle.QUIET_MILLIS);
        assertThat(send(p, "POST", "login", guesser, "token=wrong-again-after-quiet").status()).isEqualTo(401);
        assertThat(access.throttle().episodes()).isEqualTo(2);
        assertThat(logged).filteredOn(m -> m.contains("wrong results page token from 10.9.9.9")).hasSize(2);
        assertThat(send(p, "POST", "login", guesser, "token=" + TOKEN).status()).isEqualTo(303);
        assertThat(access.waitMillis(guesser)).isZero();
    }

    @Test
    void guessingRate_boundedByTheDelays() {
        ResultsPage p = page(TOKEN);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            clock.addAndGet(33); // 200 guesses in 6.6 s
            int status = send(p, "POST", "login", "10.1.2.3", "token=guess-number-" + i + "-xxxxxxxx").status();
            if (status == 401) checked++;
            else assertThat(status).isEqualTo(429);
        }
        assertThat(checked).as("tokens actually compared in 6.6 s").isLessThanOrEqualTo(LoginThrottle.FREE_FAILURES + 4);
    }

    private String signIn(ResultsPage p, String client) {
        UiResponse r = send(p, "POST", "login", client, "token=" + TOKEN);
        assertThat(r.status()).isEqualTo(303);
        String cookie = r.headers().get("Set-Cookie");
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Max-Age=43200", "Path=/_hotline/");
        return cookie.substring("hotline_session=".length(), cookie.indexOf(';'));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
