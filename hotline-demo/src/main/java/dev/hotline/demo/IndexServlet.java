package dev.hotline.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/** {@code GET /}: the endpoints to try, and where their profiles go. Not profiled itself. */
final class IndexServlet extends HttpServlet {
    private final DemoApp app;

    IndexServlet(DemoApp app) {
        this.app = app;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html");
        resp.setCharacterEncoding("UTF-8");
        PrintWriter out = resp.getWriter();
        out.println("<!doctype html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hotline demo</title></head><body>");
        out.println("<h1>Hotline demo</h1>");
        out.println("<p>Each endpoint below has one obvious slow line. Call one, then find that line in its profile.</p>");
        out.println("<ul>");
        for (DemoApp.Endpoint e : DemoApp.ENDPOINTS) {
            out.println("<li><a href=\"" + html(e.example()) + "\"><code>" + html(e.example()) + "</code></a> &mdash; "
                    + html(e.description()) + "</li>");
        }
        out.println("</ul>");
        String page = app.resultsPagePath();
        if (page != null) {
            out.println("<p><a href=\"" + html(page) + "\">Results page</a>: every profiled request, its flame graph, "
                    + "call tree and hot lines.</p>");
        }
        out.println("<p>Profiles: " + html(app.profilesDescription()) + "<br>");
        out.println("Text reports: " + html(app.textReportsDescription()) + "<br>");
        out.println("Engine: " + html(app.engineDescription()) + "</p>");
        out.println("</body></html>");
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
