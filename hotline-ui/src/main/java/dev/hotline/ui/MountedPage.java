package dev.hotline.ui;

import dev.hotline.core.Hotline;
import dev.hotline.core.report.SourceLocator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The results page as a server front end mounts it inside an application: under {@code ui-path} within the
 * application's context path. Holds what the servlet filter and the Java agent share, with no server API in it:
 * which requests belong to the page, the redirect of the bare path, the form body limit, on-demand profiling
 * ({@code ?hotline=1}, {@code X-Hotline: 1}), the {@code Server-Timing} value and the {@code Hotline-Profile} link.
 * Thread-safe.
 *
 * @since 0.2
 */
public final class MountedPage {
    /** What {@link #pathUnder} returns for the page's path without its trailing slash: a redirect to the page. */
    public static final String REDIRECT = "\0redirect";
    /** The largest form body read; a larger one is refused by the page. */
    public static final int MAX_BODY = 8192;
    public static final String ON_DEMAND_PARAM = "hotline";
    public static final String ON_DEMAND_HEADER = "X-Hotline";
    /** The response header with the URL of a profiled request's page. */
    public static final String PROFILE_HEADER = "Hotline-Profile";

    private final String uiPath;
    private final ResultsPage page;

    /**
     * @param uiPath the page's path within the context, starting and ending with {@code /}
     * @param page   the page, its base path being the context path followed by {@code uiPath}
     */
    public MountedPage(String uiPath, ResultsPage page) {
        if (!uiPath.startsWith("/") || !uiPath.endsWith("/")) throw new IllegalArgumentException("ui path must start and end with /: " + uiPath);
        this.uiPath = uiPath;
        this.page = page;
    }

    /**
     * The page of {@code hotline}'s profiles in the application at {@code contextPath}.
     *
     * @param store  the profiles, or {@code null} for the running profiler's recent ones and its directory
     * @param loader where source code may be found as resources, besides the configured source paths
     */
    public static MountedPage create(Hotline hotline, String contextPath, Access access, ProfileStore store, ClassLoader loader) {
        String ui = hotline.config().uiPath();
        if (store == null) store = store(hotline);
        SourceLocator sources = new SourceLocator(hotline.config().sourcePaths(), loader != null ? loader : MountedPage.class.getClassLoader());
        String base = (contextPath == null ? "" : contextPath) + ui;
        return new MountedPage(ui, new ResultsPage(base, store, access, sources));
    }

    /**
     * The store of a profiler's recent profiles and its profile directory, indexing the directory in the background,
     * and of the fleet store when {@code store} is configured.
     */
    public static ProfileStore store(Hotline hotline) {
        Path dir = hotline.profileDirectory() == null ? null : hotline.profileDirectory().dir();
        return new ProfileStore(hotline, dir).withFleet(hotline.fleetReader()).warmUp();
    }

    public ResultsPage page() {
        return page;
    }

    /** Where the page is, as the browser sees it ({@code /ctx/_hotline/}). */
    public String basePath() {
        return page.basePath();
    }

    /** The value of the {@code Hotline-Profile} header for the profile {@code id}. */
    public String profileLink(String id) {
        return page.basePath() + "#/profile/" + id;
    }

    /**
     * The path below the page for a path within the application's context, {@link #REDIRECT} for the page's
     * path without its trailing slash, or {@code null} when the request is not for the page.
     */
    public String pathUnder(String pathInContext) {
        if (pathInContext == null) return null;
        if (pathInContext.startsWith(uiPath)) return pathInContext.substring(uiPath.length());
        if (pathInContext.equals(uiPath.substring(0, uiPath.length() - 1))) return REDIRECT;
        return null;
    }

    /** Answers a request whose path {@link #pathUnder} gave; never throws. */
    public UiResponse handle(UiRequest r) {
        if (REDIRECT.equals(r.path())) {
            return new UiResponse(308, null, new byte[0]).header("Location", page.basePath()).header("Cache-Control", "no-store");
        }
        return page.handle(r);
    }

    /** The path of a request URI within its context ({@code /ctx/a} in context {@code /ctx} is {@code /a}). */
    public static String pathInContext(String requestUri, String contextPath) {
        String uri = requestUri == null || requestUri.isEmpty() ? "/" : requestUri;
        if (contextPath == null || contextPath.isEmpty()) return uri;
        if (uri.equals(contextPath)) return "/";
        // Outside the context path (a container's default or error handling): not the application's, not the page's.
        return uri.startsWith(contextPath) && uri.charAt(contextPath.length()) == '/' ? uri.substring(contextPath.length()) : null;
    }

    /** A form body, read up to a little over {@link #MAX_BODY} bytes (the page refuses a larger one). */
    public static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            b.write(buf, 0, n);
            if (b.size() > MAX_BODY) break;
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Whether a request asks to be profiled: {@code X-Hotline: 1} (or {@code true}), or {@code hotline=1} in the query. */
    public static boolean onDemand(String headerValue, String query) {
        if (headerValue != null && (headerValue.trim().equals("1") || headerValue.trim().equalsIgnoreCase("true"))) return true;
        if (query == null || !query.contains(ON_DEMAND_PARAM)) return false;
        for (String pair : query.split("&")) {
            if (pair.equals(ON_DEMAND_PARAM + "=1") || pair.equals(ON_DEMAND_PARAM + "=true") || pair.equals(ON_DEMAND_PARAM)) return true;
        }
        return false;
    }

    /** The {@code Server-Timing} header's value for a request that took {@code ns}. */
    public static String serverTiming(long ns) {
        return String.format(Locale.ROOT, "hotline;dur=%.1f;desc=\"profile\"", ns / 1e6);
    }
}
