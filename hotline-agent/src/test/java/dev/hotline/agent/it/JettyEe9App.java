package dev.hotline.agent.it;

import example.shop.ShopServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee9.nested.ErrorHandler;
import org.eclipse.jetty.ee9.servlet.FilterHolder;
import org.eclipse.jetty.ee9.servlet.ServletContextHandler;
import org.eclipse.jetty.ee9.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.util.EnumSet;

/** Jetty 12 (ee9, jakarta.servlet 5) serving the shop; {@code filter} registers HotlineFilter too. Prints {@code READY <port>}. */
public final class JettyEe9App {
    public static void main(String[] args) throws Exception {
        boolean filter = args.length > 0 && args[0].equals("filter");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        // no stack traces on error pages (see JettyEe8App)
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        ctx.setErrorHandler(errors);
        if (filter) {
            Filter hotline = (Filter) Class.forName("dev.hotline.servlet.HotlineFilter").getConstructor().newInstance();
            FilterHolder fh = new FilterHolder(hotline);
            fh.setAsyncSupported(true);
            fh.setInitParameter("text-output", "off");
            fh.setInitParameter("profile-dir", args[1]);
            ctx.addFilter(fh, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            ctx.addServlet(new ServletHolder(new FilterStats(hotline)), "/filter-stats");
        }
        ServletHolder holder = new ServletHolder("shop", new ShopServlet());
        holder.setAsyncSupported(true);
        ctx.addServlet(holder, "/shop/*");
        server.setHandler(ctx);
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
