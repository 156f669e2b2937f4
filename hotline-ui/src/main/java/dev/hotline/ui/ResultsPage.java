package dev.hotline.ui;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.report.SourceLocator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * The results page and its JSON API (docs/ui.md), independent of any server API: a front end (the servlet filter,
 * the agent, {@code hotline serve}) turns each request under the page's base path into a {@link UiRequest} and
 * sends back the {@link UiResponse}. Thread-safe. Bad input gets a 4xx with a clear message, never a 500.
 *
 * @since 0.2
 */
public final class ResultsPage {
    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /**
     * speedscope injects its styles at run time, reads the profile with fetch and compiles its bundled WebAssembly
     * (its JFR reader) when it starts; it may be framed by the page.
     */
    static final String SPEEDSCOPE_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
            + "frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    private static final String WEB = "dev/hotline/ui/web/";
    private static final String SPEEDSCOPE = "dev/hotline/ui/speedscope/";
    private static final int MAX_PATH = 2048;

    private final String basePath;
    private final Access access;
    private final ProfileApi api;

    /**
     * @param basePath where the page is served, starting and ending with {@code /} ({@code /_hotline/}), as the
     *                 browser sees it (context path included); used in redirects and the cookie's path
     * @param source   the profiles to show
     * @param access   who may see them
     * @param sources  where to find source code for hot lines, or {@code null} for none
     */
    public ResultsPage(String basePath, ProfileSource source, Access access, SourceLocator sources) {
        if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
            throw new IllegalArgumentException("base path must start and end with /: " + basePath);
        }
        this.basePath = basePath;
        this.access = access;
        this.api = new ProfileApi(source, sources);
    }

    public String basePath() {
        return basePath;
    }

    public Access access() {
        return access;
    }

    /** Answers one request; never throws. */
    public UiResponse handle(UiRequest r) {
        UiResponse out;
        try {
            out = route(r);
        } catch (Params.BadParameter e) {
            out = json(400, Json.error(e.getMessage()));
        } catch (ProfileApi.NotFound e) {
            out = json(404, Json.error(e.getMessage()));
        } catch (FleetApi.Unavailable e) {
            out = json(503, Json.error(e.getMessage())).header("Retry-After", "5");
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("the results page failed to answer a request", e);
            out = json(500, Json.error("internal error; see the application's log"));
        }
        return secure(out, r.path().startsWith("speedscope/"));
    }

    private UiResponse route(UiRequest r) {
        String path = r.path();
        if (path.length() > MAX_PATH) return json(414, Json.error("path too long"));
        boolean api = path.equals("api") || path.startsWith("api/");
        boolean isGet = r.method().equals("GET") || r.method().equals("HEAD");
        if ((api || !isGet) && Access.crossSite(r::header)) {
            return json(403, Json.error("cross-site request refused: open the results page itself, not another site"));
        }
        if (path.equals("login")) return login(r);
        if (path.equals("logout")) return logout(r);
        Access.Decision decision = access.check(r.remoteAddress(), r::header);
        if (decision == Access.Decision.SLOW_DOWN) return slowDown(r.remoteAddress());
        if (decision != Access.Decision.ALLOWED) return refuse(r, path);
        if (!isGet) return json(405, Json.error("method not allowed: only GET here")).header("Allow", "GET, HEAD");
        if (path.isEmpty() || path.equals("index.html")) return index();
        if (path.startsWith("assets/")) return staticFile(WEB, path.substring("assets/".length()));
        if (path.equals("speedscope") || path.equals("speedscope/")) return resource(SPEEDSCOPE + "index.html", "no-store");
        if (path.startsWith("speedscope/")) return staticFile(SPEEDSCOPE, path.substring("speedscope/".length()));
        if (api) return this.api.handle(path.substring(Math.min(4, path.length())), new Params(r.query()));
        return notFound();
    }

    private UiResponse refuse(UiRequest r, String path) {
        if (!access.tokenConfigured()) {
            String text = "Hotline's results page answers only clients on this machine: a loopback address, a Host header naming\n"
                    + "localhost or a loopback address, and no proxy's forwarding header (X-Forwarded-For, Via, ...).\n"
                    + "To use it from elsewhere, configure a token: the setting ui-token (init-parameter, system property\n"
                    + "hotline.ui-token or environment variable HOTLINE_UI_TOKEN), then send it in the X-Hotline-Token\n"
                    + "header or sign in at " + basePath + "login.\n";
            return UiResponse.text(403, "text/plain; charset=utf-8", text);
        }
        if (path.isEmpty() || path.equals("index.html")) {
            return UiResponse.text(303, "text/plain; charset=utf-8", "sign in at " + basePath + "login\n")
                    .header("Location", basePath + "login");
        }
        if (path.startsWith("api")) return json(401, Json.error("a valid token is required: X-Hotline-Token header or sign in at " + basePath + "login"));
        return UiResponse.text(401, "text/plain; charset=utf-8", "a valid token is required; sign in at " + basePath + "login\n");
    }

    private UiResponse login(UiRequest r) {
        if (r.method().equals("GET") || r.method().equals("HEAD")) return loginPage(200, null);
        if (!r.method().equals("POST")) return json(405, Json.error("method not allowed")).header("Allow", "GET, POST");
        if (!access.tokenConfigured()) {
            return loginPage(403, "No token is configured: the page answers only clients on this machine. Set ui-token to sign in from elsewhere.");
        }
        String body = r.body() == null ? "" : r.body();
        if (body.length() > 8192) return loginPage(400, "The form is too large.");
        long wait = access.waitMillis(r.remoteAddress());
        if (wait > 0) {
            return loginPage(429, "Too many wrong tokens: try again in " + seconds(wait) + " s.").header("Retry-After", String.valueOf(seconds(wait)));
        }
        String session = access.signIn(r.remoteAddress(), new Params(body).get("token"));
        if (session == null) return loginPage(401, "Wrong token.");
        String cookie = Access.COOKIE + "=" + session + "; Path=" + basePath + "; Max-Age=" + access.sessionSeconds()
                + "; HttpOnly; SameSite=Strict" + (r.secure() ? "; Secure" : "");
        return UiResponse.text(303, "text/plain; charset=utf-8", "signed in\n")
                .header("Location", basePath)
                .header("Set-Cookie", cookie);
    }

    /** Ends the sign-in session; {@code POST} only, so that a link cannot sign anyone out. */
    private UiResponse logout(UiRequest r) {
        if (!r.method().equals("POST")) return json(405, Json.error("method not allowed: sign out with POST")).header("Allow", "POST");
        access.signOut(r::header);
        String cookie = Access.COOKIE + "=; Path=" + basePath + "; Max-Age=0; HttpOnly; SameSite=Strict" + (r.secure() ? "; Secure" : "");
        return UiResponse.text(303, "text/plain; charset=utf-8", "signed out\n")
                .header("Location", basePath + (access.tokenConfigured() ? "login" : ""))
                .header("Set-Cookie", cookie);
    }

    private UiResponse slowDown(String client) {
        long s = seconds(access.waitMillis(client));
        return json(429, Json.error("too many wrong tokens from this client: try again in " + s + " s"))
                .header("Retry-After", String.valueOf(s));
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The page; its sign-out button only where there is something to sign out of. */
    private UiResponse index() {
        UiResponse page = resource(WEB + "index.html", "no-store");
        if (page.status() != 200 || access.tokenConfigured()) return page;
        UiResponse out = UiResponse.text(200, page.headers().get("Content-Type"), withoutSignOut(page.bodyText()));
        page.headers().forEach(out::header);
        return out;
    }

    private UiResponse loginPage(int status, String message) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hotline: sign in</title>"
                // An icon of its own, so the browser does not ask the application for /favicon.ico.
                + "<link rel=\"icon\" href=\"data:,\"></head>\n"
                + "<body><h1>Hotline</h1>\n"
                + (message == null ? "" : "<p role=\"alert\">" + html(message) + "</p>\n")
                + "<form method=\"post\" action=\"" + html(basePath) + "login\">\n"
                + "<label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\" required autofocus></label>\n"
                + "<button type=\"submit\">Sign in</button>\n</form></body></html>\n";
        return UiResponse.text(status, "text/html; charset=utf-8", html).header("Cache-Control", "no-store");
    }

    private UiResponse staticFile(String root, String rel) {
        if (rel.isEmpty() || rel.length() > 512) return notFound();
        for (String seg : rel.split("/", -1)) {
            if (seg.isEmpty() || seg.startsWith(".") || !seg.matches("[A-Za-z0-9._-]+")) return notFound();
        }
        return resource(root + rel, "no-cache");
    }

    private UiResponse resource(String name, String cacheControl) {
        byte[] bytes;
        try (InputStream in = ResultsPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return name.endsWith("index.html")
                        ? UiResponse.text(404, "text/plain; charset=utf-8", "this build of Hotline has no results page files (" + name + ")\n")
                        : notFound();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            FailureLog.logOnce("cannot read the results page's file " + name, e);
            return notFound();
        }
        return new UiResponse(200, contentType(name), bytes).header("Cache-Control", cacheControl);
    }

    static String withoutSignOut(String html) {
        return html.replaceAll("(?s)<form class=\"signout\".*?</form>\\s*", "");
    }

    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("map", "application/json"),
            Map.entry("wasm", "application/wasm"));

    private static UiResponse notFound() {
        return json(404, Json.error("not found"));
    }

    static UiResponse json(int status, String body) {
        return UiResponse.text(status, "application/json; charset=utf-8", body).header("Cache-Control", "no-store");
    }

    private static UiResponse secure(UiResponse r, boolean speedscope) {
        r.header("Content-Security-Policy", speedscope ? SPEEDSCOPE_CSP : PAGE_CSP);
        r.header("X-Content-Type-Options", "nosniff");
        r.header("Referrer-Policy", "no-referrer");
        r.header("X-Frame-Options", speedscope ? "SAMEORIGIN" : "DENY");
        if (!r.headers().containsKey("Cache-Control")) r.header("Cache-Control", "no-store");
        return r;
    }

    static String html(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
