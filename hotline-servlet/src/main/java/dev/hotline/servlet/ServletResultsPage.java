package dev.hotline.servlet;

import dev.hotline.core.Hotline;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.ui.Access;
import dev.hotline.ui.ProfileStore;
import dev.hotline.ui.ResultsPage;
import dev.hotline.ui.UiRequest;
import dev.hotline.ui.UiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Serves the results page (hotline-ui) under {@code ui-path} through the servlet API. */
final class ServletResultsPage {
    private static final int MAX_BODY = 8192;

    private final String uiPath;
    private final ResultsPage page;

    private ServletResultsPage(String uiPath, ResultsPage page) {
        this.uiPath = uiPath;
        this.page = page;
    }

    static ServletResultsPage create(Hotline hotline, String contextPath, Access access) {
        String ui = hotline.config().uiPath();
        Path dir = hotline.profileDirectory() == null ? null : hotline.profileDirectory().dir();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SourceLocator sources = new SourceLocator(hotline.config().sourcePaths(),
                loader != null ? loader : ServletResultsPage.class.getClassLoader());
        String base = (contextPath == null ? "" : contextPath) + ui;
        return new ServletResultsPage(ui, new ResultsPage(base, new ProfileStore(hotline::recentProfiles, dir).warmUp(), access, sources));
    }

    String basePath() {
        return page.basePath();
    }

    /** The path within the application's context, or {@code null} when the request is not for the page. */
    String pathUnder(String pathInContext) {
        if (pathInContext.startsWith(uiPath)) return pathInContext.substring(uiPath.length());
        if (pathInContext.equals(uiPath.substring(0, uiPath.length() - 1))) return "\0redirect";
        return null;
    }

    void serve(HttpServletRequest req, HttpServletResponse res, String rest) throws IOException {
        if (rest.equals("\0redirect")) {
            res.setStatus(308);
            res.setHeader("Location", page.basePath());
            res.setHeader("Cache-Control", "no-store");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        Enumeration<String> names = req.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String n = names.nextElement();
            headers.putIfAbsent(n.toLowerCase(Locale.ROOT), req.getHeader(n));
        }
        String body = null;
        if ("POST".equals(req.getMethod())) body = readBody(req);
        UiRequest r = new UiRequest(req.getMethod(), rest, req.getQueryString(), headers, req.getRemoteAddr(), req.isSecure(), body);
        UiResponse out = page.handle(r);
        res.setStatus(out.status());
        out.headers().forEach(res::setHeader);
        res.setContentLength(out.body().length);
        if (!"HEAD".equals(req.getMethod())) res.getOutputStream().write(out.body());
    }

    private static String readBody(HttpServletRequest req) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (InputStream in = req.getInputStream()) {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                b.write(buf, 0, n);
                if (b.size() > MAX_BODY) break; // the page refuses it as too large
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

}
