package dev.hotline.servlet;

import dev.hotline.core.model.Profile;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real Jetty 12 on a free loopback port, with servlets and (optionally) a filter in front of them. */
final class TestServer implements AutoCloseable {
    final Server server;
    final int port;
    final String host;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Server server, int port, String host) {
        this.server = server;
        this.port = port;
        this.host = host;
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        private final List<Filter> filters = new ArrayList<>();
        private String host = "127.0.0.1";

        /** The address to listen on; loopback unless set. */
        Builder host(String address) {
            this.host = address;
            return this;
        }

        Builder servlet(String path, HttpServlet servlet) {
            servlets.put(path, servlet);
            return this;
        }

        /** Filters run in the order they are added. */
        Builder filter(Filter f) {
            filters.add(f);
            return this;
        }

        TestServer start() throws Exception {
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(host);
            connector.setPort(0);
            server.addConnector(connector);
            ServletContextHandler ctx = new ServletContextHandler("/");
            for (Filter filter : filters) {
                FilterHolder fh = new FilterHolder(filter);
                fh.setAsyncSupported(true);
                ctx.addFilter(fh, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            }
            servlets.forEach((path, s) -> {
                ServletHolder h = new ServletHolder(s);
                h.setAsyncSupported(true);
                ctx.addServlet(h, path);
            });
            server.setHandler(ctx);
            server.start();
            return new TestServer(server, connector.getLocalPort(), host);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://" + host + ":" + port + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Collects profiles from a filter listener. */
    static final class Profiles {
        final BlockingQueue<Profile> queue = new LinkedBlockingQueue<>();

        void add(Profile p) {
            queue.add(p);
        }

        Profile next() throws InterruptedException {
            Profile p = queue.poll(10, TimeUnit.SECONDS);
            if (p == null) throw new AssertionError("no profile arrived within 10 s");
            return p;
        }

        List<Profile> next(int n) throws InterruptedException {
            List<Profile> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(next());
            return out;
        }
    }
}
