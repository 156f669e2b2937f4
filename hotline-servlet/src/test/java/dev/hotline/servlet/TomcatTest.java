package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import jakarta.servlet.http.HttpServlet;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter in embedded Tomcat 10.1 (jakarta.servlet 6.0): sync and async requests profiled. */
class TomcatTest {
    @TempDir Path base;
    private Tomcat tomcat;
    private final TestServer.Profiles profiles = new TestServer.Profiles();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        add(ctx, "alpha", "/alpha", Workloads.servlet(Workloads.AlphaWork::run));
        add(ctx, "async", "/async", new Workloads.AsyncServlet());
        add(ctx, "hop", "/hop", new Workloads.HopServlet());

        FilterDef def = new FilterDef();
        def.setFilterName("hotline");
        def.setFilter(HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).listener(profiles::add).build());
        def.setAsyncSupported("true");
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("hotline");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        map.setDispatcher("ASYNC");
        ctx.addFilterMap(map);
        tomcat.start();
    }

    private static void add(Context ctx, String name, String pattern, HttpServlet servlet) {
        Wrapper w = Tomcat.addServlet(ctx, name, servlet);
        w.setAsyncSupported(true);
        ctx.addServletMappingDecoded(pattern, name);
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    private HttpResponse<String> get(String path) throws Exception {
        int port = tomcat.getConnector().getLocalPort();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void syncAsyncAndExecutorRequestsAreProfiled() throws Exception {
        assertThat(get("/alpha").body()).isEqualTo("ok");
        Profile sync = profiles.next();
        assertThat(sync.request().path()).isEqualTo("/alpha");
        assertThat(AttributionTest.classesIn(sync)).contains(Workloads.AlphaWork.class.getName());

        assertThat(get("/async").body()).isEqualTo("async done");
        Profile async = profiles.next();
        assertThat(async.request().durationNs()).isGreaterThanOrEqualTo(150_000_000L);
        assertThat(async.share(AttributionTest.methodTotal(async, Workloads.AsyncWork.class, "later"))).isGreaterThan(0.5);

        assertThat(get("/hop").body()).isEqualTo("pooled");
        Profile hop = profiles.next();
        assertThat(hop.threads()).contains("hop-pool");
        assertThat(hop.share(AttributionTest.methodTotal(hop, Workloads.PoolWork.class, "inPool"))).isGreaterThan(0.3);
    }
}
