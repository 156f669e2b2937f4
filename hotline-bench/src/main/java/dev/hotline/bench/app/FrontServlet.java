package dev.hotline.bench.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The app's only servlet: a front controller that runs the middleware chain, the router and the JSON writer. */
final class FrontServlet extends HttpServlet {
    private final List<Middleware> middleware;
    private final Router router;
    private final JsonWriter json;

    FrontServlet(List<Middleware> middleware, Router router, JsonWriter json) {
        this.middleware = middleware;
        this.router = router;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getRequestURI().equals("/health")) {
            resp.setContentType("text/plain");
            resp.getWriter().print("ok");
            return;
        }
        Exchange exchange = new Exchange(req.getMethod(), req.getRequestURI(), req.getQueryString());
        try {
            new Middleware.Chain(middleware, 0, router::dispatch).proceed(exchange);
        } catch (Exception e) {
            exchange.status = 500;
            exchange.result = Map.of("error", e.toString());
        }
        byte[] body = json.write(exchange.result).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(exchange.status);
        exchange.responseHeaders.forEach(resp::setHeader);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
