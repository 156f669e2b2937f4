package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.format.ProfileJson;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The results page in embedded Tomcat 10.1, in an application under a context path. */
class TomcatResultsPageTest {
    @TempDir Path base;
    @TempDir Path profiles;
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void pageAndApiUnderTheContextPath() throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        Context ctx = tomcat.addContext("/shop", base.toString());
        Tomcat.addServlet(ctx, "alpha", Workloads.servlet(Workloads.AlphaWork::run));
        ctx.addServletMappingDecoded("/items/*", "alpha");
        // Tomcat runs filters only for requests it maps to a servlet: real applications have the default one.
        Tomcat.addServlet(ctx, "default", new org.apache.catalina.servlets.DefaultServlet());
        ctx.addServletMappingDecoded("/", "default");
        FilterDef def = new FilterDef();
        def.setFilterName("hotline");
        def.setFilter(HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).profileDir(profiles)
                .engine(HotlineConfig.Engine.JAVA).build());
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("hotline");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        ctx.addFilterMap(map);
        tomcat.start();
        try {
            String root = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<String> app = get(root + "/shop/items/42?hotline=1");
            assertThat(app.statusCode()).isEqualTo(200);
            String link = app.headers().firstValue("Hotline-Profile").orElseThrow();
            assertThat(link).startsWith("/shop/_hotline/#/profile/");
            assertThat(app.headers().firstValue("Server-Timing").orElseThrow()).startsWith("hotline;dur=");
            String id = link.substring(link.indexOf("#/profile/") + 10);

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<String> profile;
            while ((profile = get(root + "/shop/_hotline/api/profiles/" + id)).statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(profile.statusCode()).isEqualTo(200);
            assertThat(ProfileJson.fromJson(profile.body()).request().route()).isEqualTo("/shop/items/*");
            HttpResponse<String> list = get(root + "/shop/_hotline/api/profiles");
            assertThat(list.body()).contains("\"path\":\"/shop/items/42\"").doesNotContain("_hotline/api");
            assertThat(get(root + "/shop/_hotline/api/endpoints").body()).contains("\"route\":\"/shop/items/*\"");
            HttpResponse<String> page = get(root + "/shop/_hotline/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
            assertThat(get(root + "/shop/_hotline/api/profiles?limit=x").statusCode()).isEqualTo(400);
            assertThat(get(root + "/shop/_hotline/api/profiles/..%2e").statusCode()).isBetween(400, 499);
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
