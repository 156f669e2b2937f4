package dev.hotline.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/** {@code GET /stream?chunks=10&delay=30}: a body sent piece by piece; writing it is part of the request's time. */
final class StreamServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int chunks;
        int delayMs;
        try {
            chunks = Params.intParam(req, "chunks", 10, 1, 1_000);
            delayMs = Params.intParam(req, "delay", 30, 0, 5_000);
        } catch (Problem p) {
            DemoServlet.sendText(resp, p.status(), p.getMessage());
            return;
        }
        resp.setContentType("text/plain");
        resp.setCharacterEncoding("UTF-8");
        PrintWriter out = resp.getWriter();
        for (int i = 1; i <= chunks; i++) {
            out.println("chunk " + i + " of " + chunks);
            out.flush();               // send this chunk to the client now
            pause(delayMs);            // the next chunk is not ready yet
        }
        out.println("done");
    }

    private static void pause(int ms) {
        try {
            Thread.sleep(ms); // waiting for the next piece of data
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
