package dev.hotline.servlet;

import dev.hotline.core.Hotline;
import dev.hotline.ui.Access;
import dev.hotline.ui.MountedPage;
import dev.hotline.ui.UiRequest;
import dev.hotline.ui.UiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Serves the results page (hotline-ui's {@link MountedPage}) under {@code ui-path} through the servlet API. */
final class ServletResultsPage {
    private final MountedPage mount;

    private ServletResultsPage(MountedPage mount) {
        this.mount = mount;
    }

    static ServletResultsPage create(Hotline hotline, String contextPath, Access access) {
        return new ServletResultsPage(MountedPage.create(hotline, contextPath, access, null, Thread.currentThread().getContextClassLoader()));
    }

    String basePath() {
        return mount.basePath();
    }

    /** The path below the page, or {@code null} when the request is not for the page. */
    String pathUnder(String pathInContext) {
        return mount.pathUnder(pathInContext);
    }

    void serve(HttpServletRequest req, HttpServletResponse res, String rest) throws IOException {
        Map<String, String> headers = new HashMap<>();
        Enumeration<String> names = req.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String n = names.nextElement();
            headers.putIfAbsent(n.toLowerCase(Locale.ROOT), req.getHeader(n));
        }
        String body = null;
        if ("POST".equals(req.getMethod())) {
            try (InputStream in = req.getInputStream()) {
                body = MountedPage.readBody(in);
            }
        }
        UiResponse out = mount.handle(new UiRequest(req.getMethod(), rest, req.getQueryString(), headers, req.getRemoteAddr(), req.isSecure(), body));
        res.setStatus(out.status());
        out.headers().forEach(res::setHeader);
        res.setContentLength(out.body().length);
        if (!"HEAD".equals(req.getMethod()) && out.body().length > 0) res.getOutputStream().write(out.body());
    }
}
