package dev.hotline.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotline.core.fleet.FleetConnections;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.ui.Access;
import dev.hotline.ui.ProfileStore;
import dev.hotline.ui.ResultsPage;
import dev.hotline.ui.UiRequest;
import dev.hotline.ui.UiResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hotline serve DIR} and {@code hotline serve --store URL}: the results page over a directory of profiles, a
 * fleet store, or both, on the JDK's own HTTP server.
 */
final class ServeCommand implements Command {
    static final int DEFAULT_PORT = 8017;
    private static final int MAX_BODY = 8192;

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "browse a directory of profiles in the results page";
    }

    @Override
    public Arguments.Spec options() {
        return new Arguments.Spec().value("--port").value("--bind").value("--token").value("--source").value("--store")
                .value("--store-user");
    }

    @Override
    public String help() {
        return """
                Usage: hotline serve DIR [--port N] [--bind ADDR] [--token T] [--source DIR]
                       hotline serve --store URL [--store-user U] [DIR] [--port N] ...

                Serves the results page (request list, flame graph, call tree, hot lines, endpoints) for the
                profiles in DIR, at http://ADDR:N/. New files in DIR show up as they are written. With --store,
                the page shows the fleet store too: the profiles and endpoint figures every instance wrote there.

                Options:
                  --port N       port to listen on (default %d; 0 picks a free one)
                  --bind ADDR    address to listen on (default 127.0.0.1)
                  --token T      a token of at least 16 characters: clients that present it (X-Hotline-Token
                                 header, or the login page's cookie) are served from anywhere. Without it,
                                 only clients on this machine (loopback) are answered.
                  --source DIR   source root for the hot-lines view (repeatable)
                  --store URL    a fleet store, jdbc:postgresql://host:5432/database (docs/fleet.md); the
                                 password comes from the URL or the environment variable HOTLINE_STORE_PASSWORD
                  --store-user U the store's user, when not in the URL

                Examples:
                  hotline serve profiles
                  hotline serve /var/log/app/profiles --bind 0.0.0.0 --token "$(cat ~/.hotline-token)"
                  HOTLINE_STORE_PASSWORD=... hotline serve --store jdbc:postgresql://db:5432/hotline --store-user hotline
                """.formatted(DEFAULT_PORT);
    }

    @Override
    public int run(Invocation inv) throws UserError, IOException {
        HttpServer server = start(inv.args());
        InetSocketAddress at = server.getAddress();
        String host = at.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        String what = inv.args().positional().isEmpty() ? "the fleet store " + FleetConnections.masked(inv.args().value("--store"))
                : inv.args().positional().get(0) + (inv.args().value("--store") == null ? "" : " and the fleet store");
        inv.out().println("hotline: serving " + what + " at http://" + host + ":" + at.getPort()
                + "/ (Ctrl-C stops)");
        if (!at.getAddress().isLoopbackAddress() && inv.args().value("--token") == null) {
            inv.err().println("hotline: no --token given: only clients on this machine are answered");
        }
        inv.out().flush();
        try {
            new CountDownLatch(1).await(); // until the process is stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        return Main.OK;
    }

    /** Starts serving as the arguments say; the caller stops the server. */
    static HttpServer start(Arguments args) throws UserError, IOException {
        List<String> dirs = args.positional();
        String store = args.value("--store");
        if (dirs.size() > 1 || (dirs.isEmpty() && store == null)) {
            throw new UserError("serve takes one directory of profiles, a fleet store (--store URL), or both; see hotline serve --help");
        }
        Path dir = dirs.isEmpty() ? null : Path.of(dirs.get(0));
        if (dir != null && !Files.isDirectory(dir)) throw new UserError("not a directory: " + Messages.quote(dirs.get(0)));
        FleetReader fleet = store == null ? null : fleet(store, args.value("--store-user"));
        int port = args.intValue("--port", DEFAULT_PORT, 0);
        if (port > 65535) throw new UserError("--port: expected a port from 0 to 65535, got " + port);
        String bind = args.value("--bind") == null ? "127.0.0.1" : args.value("--bind").strip();
        InetAddress address;
        try {
            if (bind.isEmpty() || !bind.matches("[0-9A-Za-z.:%\\[\\]-]+")) throw new UnknownHostException(bind);
            address = InetAddress.getByName(bind.startsWith("[") && bind.endsWith("]") ? bind.substring(1, bind.length() - 1) : bind);
        } catch (UnknownHostException e) {
            throw new UserError("--bind: not an address of this machine: " + Messages.quote(bind));
        }
        String token = args.value("--token");
        if (token != null && token.length() < 16) throw new UserError("--token: must be at least 16 characters long");
        List<Path> sources = new ArrayList<>();
        for (String s : args.list("--source")) sources.add(Path.of(s));
        ResultsPage page = new ResultsPage("/", ProfileStore.ofDirectory(dir).withFleet(fleet).warmUp(), new Access(token),
                new SourceLocator(sources, null));

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            throw new UserError("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "hotline-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(page, exchange);
            }
        });
        server.start();
        return server;
    }

    /** A reader of the store, checked now: a store that cannot be reached is the user's to fix before serving. */
    private static FleetReader fleet(String url, String user) throws UserError {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UserError("--store: expected a PostgreSQL JDBC URL, jdbc:postgresql://host:5432/database, got "
                    + Messages.quote(FleetConnections.masked(url)));
        }
        String env = System.getenv("HOTLINE_STORE_PASSWORD");
        String password = env == null || env.isEmpty() ? null : env;
        try (Connection c = FleetConnections.open(url, user, password)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new UserError("--store: cannot connect to " + FleetConnections.masked(url) + ": " + e.getMessage());
        }
        return new FleetReader(url, user, password);
    }

    private static void answer(ResultsPage page, HttpExchange ex) throws IOException {
        String raw = ex.getRequestURI().getRawPath();
        String path = raw == null || raw.isEmpty() ? "" : raw.substring(1);
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        });
        String body = null;
        if (ex.getRequestMethod().equals("POST")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            InputStream in = ex.getRequestBody();
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0 && b.size() <= MAX_BODY) b.write(buf, 0, n);
            body = b.toString(StandardCharsets.UTF_8);
        }
        UiResponse r = page.handle(new UiRequest(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers,
                ex.getRemoteAddress().getAddress().getHostAddress(), false, body));
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
        if (!head && r.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(r.body());
            }
        }
    }
}
