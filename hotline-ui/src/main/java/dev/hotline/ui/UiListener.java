package dev.hotline.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotline.core.internal.FailureLog;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The results page on a listener of its own, bound to 127.0.0.1 and apart from the application's connector
 * ({@code ui-port}), as a management port is: a reverse proxy in front of the application never reaches it, so
 * proxied visitors cannot pass for local clients. The page keeps its path ({@code ui-path}) and access rules. Two
 * daemon threads answer it.
 *
 * @since 0.2
 */
public final class UiListener implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;
    private final MountedPage page;

    private UiListener(HttpServer server, ExecutorService pool, MountedPage page) {
        this.server = server;
        this.pool = pool;
        this.page = page;
    }

    /**
     * Serves {@code page} (mounted at context path {@code ""}) on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     * @throws IOException when the port cannot be bound
     */
    public static UiListener start(MountedPage page, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "hotline-ui");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        UiListener listener = new UiListener(server, pool, page);
        server.createContext("/", exchange -> {
            try (exchange) {
                listener.answer(exchange);
            } catch (IOException e) {
                // the client went away
            } catch (RuntimeException e) {
                FailureLog.logOnce("the results page's listener failed to answer a request", e);
            }
        });
        server.start();
        return listener;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, {@code http://127.0.0.1:PORT/_hotline/}. */
    public String url() {
        return "http://127.0.0.1:" + port() + page.basePath();
    }

    /** The {@code Hotline-Profile} link of profile {@code id}: absolute, since the page is on another port. */
    public String profileLink(String id) {
        return "http://127.0.0.1:" + port() + page.profileLink(id);
    }

    private void answer(HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String rest = page.pathUnder(raw == null || raw.isEmpty() ? "/" : raw);
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        });
        UiResponse r;
        if (rest == null) {
            r = ResultsPage.json(404, Json.error("not found: the results page is at " + page.basePath()));
        } else {
            String body = ex.getRequestMethod().equals("POST") ? MountedPage.readBody(ex.getRequestBody()) : null;
            r = page.handle(new UiRequest(ex.getRequestMethod(), rest, ex.getRequestURI().getRawQuery(), headers,
                    ex.getRemoteAddress().getAddress().getHostAddress(), false, body));
        }
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
