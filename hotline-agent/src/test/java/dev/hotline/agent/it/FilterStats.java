package dev.hotline.agent.it;

import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** How many requests the app's own HotlineFilter began to profile. */
final class FilterStats extends HttpServlet {
    private final transient Filter filter;

    FilterStats(Filter filter) {
        this.filter = filter;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        HotlineFilter f = (HotlineFilter) filter;
        resp.getWriter().print(f.hotline() == null ? "not started" : "begun=" + f.hotline().stats().begun());
    }
}
