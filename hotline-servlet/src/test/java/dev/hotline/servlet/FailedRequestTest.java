package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import dev.hotline.ui.ProfileSummary;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through real Tomcat, with an error page as Spring Boot registers one: a failed request records its root cause and
 * message (redacted), 404s share one endpoint, the results page's own requests are never profiled.
 */
class FailedRequestTest {
    @TempDir Path base;
    private Tomcat tomcat;
    private final TestServer.Profiles profiles = new TestServer.Profiles();
    private final HttpClient client = HttpClient.newHttpClient();

    /** What Spring MVC does: the controller's exception, wrapped in a ServletException. */
    static final class Failing extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
            throw new ServletException("Request processing failed: java.lang.IllegalStateException: ...",
                    new IllegalStateException("payment declined for card 4111, password=hunter2 token: abc123"));
        }
    }

    /** What Spring does with an exception its resolvers handle: a 500 page, the exception left in an attribute. */
    static final class Handled extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.setAttribute("org.springframework.web.servlet.DispatcherServlet.EXCEPTION",
                    new RuntimeException("wrapper", new java.sql.SQLException("table OWNERS not found")));
            resp.sendError(500);
        }
    }

    /** Like a DispatcherServlet on "/" that finds no handler. */
    static final class NoHandler extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(404);
        }
    }

    static final class ErrorController extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Object status = req.getAttribute("jakarta.servlet.error.status_code");
            resp.setStatus(status instanceof Integer i ? i : 500);
            resp.getWriter().write("error page");
        }
    }

    @BeforeEach
    void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        Context ctx = tomcat.addContext("", base.toString());
        Tomcat.addServlet(ctx, "failing", new Failing());
        ctx.addServletMappingDecoded("/owners/fail", "failing");
        Tomcat.addServlet(ctx, "handled", new Handled());
        ctx.addServletMappingDecoded("/owners/handled", "handled");
        Tomcat.addServlet(ctx, "dispatcher", new NoHandler());
        ctx.addServletMappingDecoded("/", "dispatcher");
        Tomcat.addServlet(ctx, "error", new ErrorController());
        ctx.addServletMappingDecoded("/error", "error");
        ErrorPage page = new ErrorPage();
        page.setLocation("/error");
        ctx.addErrorPage(page); // Spring Boot's global error page
        FilterDef def = new FilterDef();
        def.setFilterName("hotline");
        def.setFilter(HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).listener(profiles::add).build());
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("hotline");
        map.addURLPattern("/*");
        map.setDispatcher("REQUEST");
        map.setDispatcher("ERROR");
        ctx.addFilterMap(map);
        tomcat.start();
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
    void a500RecordsTheRootCause_notTheServletException_withTheMessageRedacted() throws Exception {
        assertThat(get("/owners/fail").statusCode()).isEqualTo(500);
        Profile p = profiles.next();
        assertThat(p.request().status()).isEqualTo(500);
        assertThat(p.request().error())
                .isEqualTo("java.lang.IllegalStateException: payment declined for card 4111, password=[redacted] token: [redacted]");
    }

    @Test
    void anExceptionTheFrameworkHandled_isFoundInItsAttribute() throws Exception {
        assertThat(get("/owners/handled").statusCode()).isEqualTo(500);
        Profile p = profiles.next();
        assertThat(p.request().status()).isEqualTo(500);
        assertThat(p.request().error()).isEqualTo("java.sql.SQLException: table OWNERS not found");
    }

    @Test
    void unmatchedRequestsShareOneEndpoint() throws Exception {
        assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
        assertThat(get("/favicon-of-the-app.png").statusCode()).isEqualTo(404);
        Profile a = profiles.next(), b = profiles.next();
        assertThat(a.request().status()).isEqualTo(404);
        assertThat(ProfileSummary.of(a.id(), a).endpointKey()).isEqualTo(ProfileSummary.of(b.id(), b).endpointKey());
        assertThat(ProfileSummary.of(a.id(), a).endpoint()).isEqualTo("(no route: 404)");
    }

    @Test
    void thePagesOwnRequestsAreNotProfiled() throws Exception {
        // The browser check (deep-stack.mjs) sees that the page never makes the browser ask for /favicon.ico.
        assertThat(get("/_hotline/").statusCode()).isEqualTo(200);
        assertThat(get("/_hotline/assets/favicon.svg").statusCode()).isIn(200, 404);
        assertThat(get("/_hotline/api/profiles").statusCode()).isEqualTo(200);
        assertThat(profiles.queue.poll(500, TimeUnit.MILLISECONDS)).isNull();
    }
}
