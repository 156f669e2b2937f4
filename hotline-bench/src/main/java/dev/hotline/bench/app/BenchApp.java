package dev.hotline.bench.app;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.servlet.HotlineFilter;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;

/**
 * The load-test app of the overhead benchmark ({@code bench/compare-overhead.sh}): embedded Jetty 12 with
 * {@link HotlineFilter} in front of a small framework-shaped stack (middleware chain, router, controller, service,
 * repository over an in-memory H2 database, reflective JSON writer), so profiled stacks are as deep as a real
 * app's (about 60 to 90 frames at the leaves).
 *
 * <pre>java -jar hotline-bench/target/hotline-bench.jar [port] [--without-hotline]     (default port 18080)</pre>
 *
 * <p>Hotline is set up as a user would: its code defaults here are text output off and {@code dev.hotline.bench}
 * as application code; {@code hotline.*} system properties and {@code HOTLINE_*} variables change the rest
 * ({@code HOTLINE_ENABLED=false} switches profiling off but still starts the engine; {@code --without-hotline}
 * leaves the filter out altogether, the baseline of the benchmarks). Endpoints:
 * <ul>
 *   <li>{@code GET /api/customers/{id}/orders}: the customer, their orders (two queries), totals per product, as
 *       JSON; about 1 ms of work.</li>
 *   <li>{@code GET /health}: plain text, for the scripts to wait on.</li>
 * </ul>
 */
public final class BenchApp implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final Database database;
    private HotlineFilter filter;

    private BenchApp(int port, boolean withHotline) throws Exception {
        database = Database.create(Database.CUSTOMERS, Database.ORDERS_PER_CUSTOMER);
        OrderService service = new OrderService(new OrderRepository(new Jdbc(database)), new PriceRules());
        Router router = new Router().register(new OrderController(service));
        FrontServlet front = new FrontServlet(Middleware.standardChain(), router, new JsonWriter());

        server = new Server();
        connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        if (withHotline) {
            filter = HotlineFilter.builder()
                    .textOutput(HotlineConfig.TextOutput.OFF)
                    .includePackages("dev.hotline.bench")
                    .excludePaths("/health")
                    .build();
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(front), "/");
        server.setHandler(context);
    }

    /** Starts the app on {@code port} (0: any free port), with or without {@link HotlineFilter}. */
    public static BenchApp start(int port, boolean withHotline) throws Exception {
        BenchApp app = new BenchApp(port, withHotline);
        try {
            app.server.start();
        } catch (Exception e) {
            app.close();
            throw e;
        }
        return app;
    }

    /** The running profiler, or {@code null} when started without it or when it could not start. */
    public Hotline hotline() {
        return filter == null ? null : filter.hotline();
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            database.close();
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 18080;
        boolean withHotline = true;
        for (String arg : args) {
            if (arg.equals("--without-hotline")) withHotline = false;
            else port = Integer.parseInt(arg);
        }
        BenchApp app = start(port, withHotline);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                System.err.println("bench app did not stop cleanly: " + e);
            }
        }, "bench-app-shutdown"));
        System.out.println("bench app listening on http://127.0.0.1:" + app.port() + "/api/customers/1/orders");
    }
}
