package dev.hotline.demo;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

/** A GET endpoint answering JSON; a {@link Problem} becomes its status and a one-line message. */
abstract class DemoServlet extends HttpServlet {

    @Override
    protected final void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String body;
        try {
            body = handle(req);
        } catch (Problem p) {
            sendText(resp, p.status(), p.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendText(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted: the server is stopping");
            return;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException(e);
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().println(body);
    }

    /** The endpoint's work; returns the JSON body. */
    abstract String handle(HttpServletRequest req) throws Exception;

    static void sendText(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().println(message);
    }

    /** {@code String.format} without locale surprises (decimal points stay dots). */
    static String json(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
