package dev.hotline.agent.it;

import example.shop.ShopServlet;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletStackTraces;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import java.net.InetSocketAddress;

/** Undertow 2.3 (jakarta.servlet 6) serving the shop; {@code filter} registers HotlineFilter too. Prints {@code READY <port>}. */
public final class UndertowApp {
    public static void main(String[] args) throws Exception {
        boolean filter = args.length > 0 && args[0].equals("filter");
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowApp.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("shop")
                // Undertow's default error page prints the stack trace, which under the agent has one frame more
                // (the woven entry point); production settings print none, so responses can be compared.
                .setServletStackTraces(ServletStackTraces.NONE)
                .addServlet(Servlets.servlet("shop", ShopServlet.class).addMapping("/shop/*").setAsyncSupported(true));
        if (filter) {
            Filter hotline = (Filter) Class.forName("dev.hotline.servlet.HotlineFilter").getConstructor().newInstance();
            deployment.addFilter(Servlets.filter("hotline", hotline.getClass(), new ImmediateInstanceFactory<>(hotline))
                    .addInitParam("text-output", "off")
                    .addInitParam("profile-dir", args[1])
                    .setAsyncSupported(true));
            deployment.addFilterUrlMapping("hotline", "/*", DispatcherType.REQUEST);
            deployment.addFilterUrlMapping("hotline", "/*", DispatcherType.ASYNC);
            deployment.addServlet(Servlets.servlet("filter-stats", FilterStats.class,
                    new ImmediateInstanceFactory<>(new FilterStats(hotline))).addMapping("/filter-stats"));
        }
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();
        Undertow server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(manager.start()).build();
        server.start();
        InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        System.out.println("READY " + address.getPort());
        System.out.flush();
    }
}
