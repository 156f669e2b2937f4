package example.shop;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The application under test: known work per endpoint, so profiles and responses can be checked exactly. */
public final class ShopServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String what = req.getPathInfo() == null ? "" : req.getPathInfo();
        int n = req.getParameter("n") == null ? 10 : Integer.parseInt(req.getParameter("n"));
        if (what.startsWith("/owners/")) {
            // What Spring MVC leaves on a request its handler mapping matched.
            req.setAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern", "/shop/owners/{ownerId}");
            resp.getWriter().print("owner " + what.substring("/owners/".length()));
            return;
        }
        switch (what) {
            case "/hello" -> {
                resp.setStatus(201);
                resp.setHeader("X-Shop", "hello");
                resp.addHeader("X-Multi", "a");
                resp.addHeader("X-Multi", "b");
                resp.setContentType("text/plain;charset=utf-8");
                resp.getWriter().print("hello " + req.getQueryString());
            }
            case "/loop" -> resp.getWriter().print(Work.loop(n));
            case "/recurse" -> resp.getWriter().print(Work.factorial(n));
            case "/catch" -> {
                try {
                    Work.throwThrough(n);
                    resp.getWriter().print("not thrown");
                } catch (IllegalStateException e) {
                    resp.getWriter().print("caught " + e.getMessage());
                }
            }
            case "/fail" -> throw new IllegalStateException("failing on purpose");
            case "/missing" -> resp.sendError(404, "no such thing");
            case "/async" -> {
                AsyncContext ctx = req.startAsync();
                ctx.start(() -> {
                    try {
                        Work.pause(150);
                        resp.setStatus(202);
                        resp.getWriter().print("async " + Work.loop(n));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        ctx.complete();
                    }
                });
            }
            case "/oversized" -> resp.getWriter().print(Oversized.compute(n));
            case "/sleep" -> {
                Work.pause(n);
                resp.getWriter().print("slept " + n);
            }
            default -> resp.sendError(404);
        }
    }
}
