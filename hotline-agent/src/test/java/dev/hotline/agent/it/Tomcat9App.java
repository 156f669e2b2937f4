package dev.hotline.agent.it;

import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedded Tomcat 9 (javax.servlet 4) serving {@link example.shop.JavaxShopServlet}. Prints {@code READY <port>}.
 *
 * <p>Compiled against Tomcat 10.1 (the test class path) and run against Tomcat 9 (its own class path, see
 * {@link Tomcat9AgentIT}): it uses only methods whose signatures mention no servlet type, which the two share, and
 * names the servlet by its class so Tomcat 9 loads it against javax.servlet.
 */
public final class Tomcat9App {
    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat9-app");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Wrapper shop = ctx.createWrapper();
        shop.setName("shop");
        shop.setServletClass("example.shop.JavaxShopServlet");
        shop.setAsyncSupported(true);
        ctx.addChild(shop);
        ctx.addServletMappingDecoded("/shop/*", "shop");
        tomcat.start();
        System.out.println("READY " + tomcat.getConnector().getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }
}
