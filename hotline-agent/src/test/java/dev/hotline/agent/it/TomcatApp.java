package dev.hotline.agent.it;

import example.shop.ShopServlet;
import jakarta.servlet.Filter;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

import java.nio.file.Files;
import java.nio.file.Path;

/** Embedded Tomcat 10.1 serving the shop; {@code filter} registers HotlineFilter too. Prints {@code READY <port>}. */
public final class TomcatApp {
    public static void main(String[] args) throws Exception {
        boolean filter = args.length > 0 && args[0].equals("filter");
        Path base = Files.createTempDirectory("tomcat-app");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        // "context=/petshop" serves the app under a context path, with no root application.
        String context = args.length > 0 && args[0].startsWith("context=") ? args[0].substring("context=".length()) : "";
        Context ctx = tomcat.addContext(context, base.toString());
        Wrapper w = Tomcat.addServlet(ctx, "shop", new ShopServlet());
        w.setAsyncSupported(true);
        ctx.addServletMappingDecoded("/shop/*", "shop");
        if (filter) {
            FilterDef def = new FilterDef();
            def.setFilterName("hotline");
            Filter hotline = (Filter) Class.forName("dev.hotline.servlet.HotlineFilter").getConstructor().newInstance();
            def.setFilter(hotline);
            def.addInitParameter("text-output", "off");
            def.addInitParameter("profile-dir", args[1]);
            def.setAsyncSupported("true");
            ctx.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("hotline");
            map.addURLPattern("/*");
            map.setDispatcher("REQUEST");
            map.setDispatcher("ASYNC");
            ctx.addFilterMap(map);
            Tomcat.addServlet(ctx, "filter-stats", new FilterStats(hotline));
            ctx.addServletMappingDecoded("/filter-stats", "filter-stats");
        }
        tomcat.start();
        System.out.println("READY " + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }
}
