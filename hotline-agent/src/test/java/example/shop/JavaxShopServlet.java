package example.shop;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import java.io.IOException;

/** The shop servlet of {@link ShopServlet} on the javax.servlet API (Tomcat 9 and other Java EE 8 containers). */
public final class JavaxShopServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String what = req.getPathInfo() == null ? "" : req.getPathInfo();
        int n = req.getParameter("n") == null ? 10 : Integer.parseInt(req.getParameter("n"));
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
