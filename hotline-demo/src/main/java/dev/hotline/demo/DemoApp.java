package dev.hotline.demo;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.HotlineContext;
import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Hotline demo: an embedded Jetty server whose endpoints each have one obvious slow line, profiled by
 * {@link HotlineFilter}. Run it with {@code java -jar hotline-demo.jar [--port N]}, call an endpoint, and read
 * its profile in the terminal or in the profile directory.
 *
 * <p>The demo's own Hotline settings (profile directory {@code ./profiles}, text reports on stdout, package
 * {@code dev.hotline.demo} shown as application code, {@code /} and {@code /favicon.ico} not profiled) are
 * code values: {@code hotline.*} system properties and {@code HOTLINE_*} environment variables override them.
 *
 * <p>Under the Hotline Java agent ({@code java -javaagent:hotline-agent.jar=packages=dev.hotline.demo -jar
 * hotline-demo.jar}) the demo registers no filter: the agent profiles every request with its own settings.
 */
public final class DemoApp {
    static final int DEFAULT_PORT = 8080;
    static final Path DEFAULT_PROFILE_DIR = Path.of("profiles");

    /** An endpoint of the demo, for the banner and the index page. */
    record Endpoint(String path, String example, String description) {}

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/cpu", "/cpu?n=1500000", "CPU-heavy loop: counts the primes below n by trial division"),
            new Endpoint("/sleep", "/sleep?ms=200", "slow downstream call (Thread.sleep), then a few ms of hashing"),
            new Endpoint("/lock", "/lock?ms=150", "lock contention: waits on synchronized while a background audit holds the lock"),
            new Endpoint("/db", "/db?note=gate", "LIKE '%gate%' over 200k orders in in-memory H2: no index, every row read"),
            new Endpoint("/fanout", "/fanout", "four supplier calls in parallel on a thread pool, joined before answering"),
            new Endpoint("/async", "/async", "async servlet: the report is built on another thread, then completed"),
            new Endpoint("/stream", "/stream?chunks=10&delay=30", "streams the body in chunks, flushing and pausing between them"));

    private final Server server;
    private final ServerConnector connector;
    private final HotlineFilter filter;
    /** The Hotline Java agent's profiler when the demo runs under the agent, which then profiles every request. */
    private final Hotline agentHotline;
    private final ExecutorService supplierPool;
    private final Inventory inventory = new Inventory();
    private final OrdersDatabase orders = new OrdersDatabase();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private DemoApp(int port, Path profileDir) {
        agentHotline = AgentProbe.agentHotline();
        filter = agentHotline != null ? null : HotlineFilter.builder()
                .profileDir(profileDir)
                .textOutput(HotlineConfig.TextOutput.STDOUT)
                .includePackages("dev.hotline.demo")
                .excludePaths("/", "/favicon.ico")
                .build();
        supplierPool = HotlineContext.wrap(Executors.newFixedThreadPool(4, daemonThreads("supplier")));

        server = new Server();
        connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (filter != null) {
            FilterHolder hotline = new FilterHolder(filter);
            hotline.setAsyncSupported(true);
            context.addFilter(hotline, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        }
        addServlet(context, "", new IndexServlet(this)); // "" is the context root only
        addServlet(context, "/cpu", new PrimeServlet());
        addServlet(context, "/sleep", new SlowServiceServlet());
        addServlet(context, "/lock", new InventoryServlet(inventory));
        addServlet(context, "/db", new OrdersServlet(orders));
        addServlet(context, "/fanout", new FanOutServlet(new SupplierQuotes(supplierPool)));
        addServlet(context, "/async", new AsyncReportServlet());
        addServlet(context, "/stream", new StreamServlet());
        server.setHandler(context);
    }

    private static void addServlet(ServletContextHandler context, String path, HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, path);
    }

    /**
     * Starts the demo on {@code port} (0 picks a free one), its profiles going to {@code profileDir} unless
     * {@code hotline.profile-dir} / {@code HOTLINE_PROFILE_DIR} say otherwise.
     *
     * @throws PortInUseException when the port is taken
     */
    public static DemoApp start(int port, Path profileDir) throws Exception {
        DemoApp app = new DemoApp(port, profileDir);
        try {
            app.bind(port);
            app.server.start();
            if (!app.server.isStarted()) throw new IllegalStateException("Jetty did not start");
            app.orders.startLoading(); // after Jetty, so filling the table does not slow the start down
        } catch (Exception | Error e) {
            app.stop();
            throw e;
        }
        return app;
    }

    private void bind(int port) throws IOException {
        try {
            connector.open(); // bind before starting anything else, so a taken port fails fast
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) throw new PortInUseException(port, e);
            throw e;
        }
    }

    /** Stops Jetty (which closes Hotline, flushing queued profiles), then the demo's own threads. Idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("Jetty did not stop cleanly: " + e);
        }
        supplierPool.shutdownNow();
        try {
            supplierPool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inventory.close();
        orders.close();
    }

    /** The port the server listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The running profiler, or {@code null} when it could not start (the demo then runs unprofiled). */
    public Hotline hotline() {
        return agentHotline != null ? agentHotline : filter.hotline();
    }

    /** Whether the Hotline Java agent profiles the demo (its own filter is then not registered). */
    public boolean underAgent() {
        return agentHotline != null;
    }

    /** Where profiles go, as an absolute path (the effective setting, overrides included), or {@code null}. */
    public Path profileDir() {
        Hotline h = hotline();
        Path dir = h == null ? null : h.config().profileDir();
        return dir == null ? null : dir.toAbsolutePath().normalize();
    }

    /** Whether the sample orders are in the database yet (they load in the background at startup). */
    public boolean ordersLoaded() {
        return orders.isLoaded();
    }

    String profilesDescription() {
        Hotline h = hotline();
        if (h == null) return "none: Hotline did not start (see the log above), requests are not profiled";
        if (!h.config().enabled()) return "none: profiling is switched off (" + h.config().origin("enabled") + ")";
        Path dir = profileDir();
        return dir == null ? "no profile directory (profile-dir is empty)" : dir + " (one JSON file per request)";
    }

    String textReportsDescription() {
        Hotline h = hotline();
        if (h == null) return "none";
        HotlineConfig.TextOutput out = h.config().textOutput();
        return switch (out) {
            case STDOUT -> "printed to this terminal (stdout) as each request finishes";
            case STDERR -> "printed to stderr as each request finishes";
            case LOG -> "written to the System.Logger 'dev.hotline'";
            case OFF -> "off";
        };
    }

    /** Where the results page is served ({@code /_hotline/}), or {@code null} when it is not. */
    String resultsPagePath() {
        Hotline h = hotline();
        if (h == null || underAgent() || !h.config().uiEnabled() || h.config().uiPort() >= 0) return null; // ui-port: logged apart
        return h.config().uiPath();
    }

    String engineDescription() {
        Hotline h = hotline();
        if (h == null) return "none";
        String reason = h.engineFallbackReason();
        return h.engineName() + (reason == null ? "" : " (" + reason + ")");
    }

    /** What the demo prints once it is up. */
    public String banner() {
        String base = "http://localhost:" + port();
        StringBuilder b = new StringBuilder();
        b.append("Hotline demo running at ").append(base).append("/\n");
        if (underAgent()) {
            b.append("  Hotline agent attached: the demo's own HotlineFilter is not registered; the agent profiles every request\n");
            List<String> traced = hotline().config().packages();
            b.append("  Traced:       ").append(traced.isEmpty() ? "nothing (sampling only; add packages=dev.hotline.demo)"
                    : traced + ", exact hits per line").append('\n');
        }
        String page = resultsPagePath();
        if (page != null) b.append("  Results page: ").append(base).append(page).append("  (flame graph, call tree, hot lines)\n");
        b.append("  Profiles:     ").append(profilesDescription()).append('\n');
        b.append("  Text reports: ").append(textReportsDescription()).append('\n');
        b.append("  Engine:       ").append(engineDescription()).append('\n');
        b.append("Try:\n");
        int width = ENDPOINTS.stream().mapToInt(e -> base.length() + e.example().length()).max().orElse(0) + 9;
        for (Endpoint e : ENDPOINTS) {
            String curl = "curl '" + base + e.example() + "'";
            b.append("  ").append(curl).append(" ".repeat(Math.max(1, width - curl.length()))).append("# ")
                    .append(e.description()).append('\n');
        }
        b.append("Stop with Ctrl+C.");
        return b.toString();
    }

    public static void main(String[] args) {
        int port;
        try {
            port = port(args, System.getenv("PORT"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        DemoApp app;
        try {
            app = start(port, DEFAULT_PROFILE_DIR);
        } catch (PortInUseException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("The Hotline demo could not start: " + (e.getMessage() != null ? e.getMessage() : e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            System.out.println("Hotline demo stopped.");
        }, "demo-shutdown"));
        System.out.println(app.banner());
    }

    /** {@code --port N} or {@code --port=N}, else the {@code PORT} environment variable, else 8080. */
    static int port(String[] args, String envPort) {
        String usage = "usage: java -jar hotline-demo.jar [--port N]   (or set PORT; default " + DEFAULT_PORT + ")";
        String value = null;
        String source = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                if (i + 1 == args.length) throw new IllegalArgumentException("--port needs a number; " + usage);
                value = args[++i];
                source = "--port";
            } else if (args[i].startsWith("--port=")) {
                value = args[i].substring("--port=".length());
                source = "--port";
            } else {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + usage);
            }
        }
        if (value == null && envPort != null && !envPort.isBlank()) {
            value = envPort;
            source = "PORT";
        }
        if (value == null) return DEFAULT_PORT;
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65_535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + " must be a port number from 0 to 65535, not '" + value + "'; " + usage);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The port is taken by another process. */
    public static final class PortInUseException extends IOException {
        PortInUseException(int port, IOException cause) {
            super("Port " + port + " is already in use; start the demo on another one with --port " + (port == 65_535 ? 8081 : port + 1)
                    + " (or PORT=" + (port == 65_535 ? 8081 : port + 1) + ")", cause);
        }
    }
}
