package dev.hotline.agent.it;

import org.eclipse.jetty.ee8.nested.ErrorHandler;
import org.eclipse.jetty.ee8.servlet.ServletContextHandler;
import org.eclipse.jetty.ee8.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import example.shop.JavaxShopServlet;

/** Jetty 12 (ee8, javax.servlet 4) serving {@link JavaxShopServlet}. Prints {@code READY <port>}. */
public final class JettyEe8App {
    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler();
        ctx.setContextPath("/");
        // Jetty's default error page prints the stack trace, which under the agent has one frame more (the woven
        // entry point); production settings print none, so responses can be compared.
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        ctx.setErrorHandler(errors);
        ServletHolder holder = new ServletHolder("shop", new JavaxShopServlet());
        holder.setAsyncSupported(true);
        ctx.addServlet(holder, "/shop/*");
        server.setHandler(ctx);
        server.start();
        System.out.println("READY " + connector.getLocalPort());
        System.out.flush();
        server.join();
    }
}
