package dev.hotline.agent.attach;

import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hooks record the request's trace as the filter does. A filter in a real Jetty calls them the way a woven
 * entry point would, with the container's own request and response, inside or outside a current server span.
 */
class ServletHooksTraceTest {
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN = "00f067aa0ba902b7";
    static final String SERVER_TRACE = "0af7651916cd43dd8448eb211c80319c", SERVER_SPAN = "b7ad6b7169203331";
    static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

    private final BlockingQueue<Profile> profiles = new LinkedBlockingQueue<>();
    private final Hotline hotline = Hotline.start(HotlineConfig.builder().engine(HotlineConfig.Engine.JAVA)
            .textOutput(HotlineConfig.TextOutput.OFF).keepRate("all").environment(Map.of()).systemProperties(new Properties()).build());
    private Server server;
    private int port;

    ServletHooksTraceTest() {
        hotline.addListener(profiles::add);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.stop();
        hotline.close();
    }

    /** {@code serverSpan}: the OpenTelemetry agent's server span is current around the entry point. */
    private void start(boolean serverSpan) throws Exception {
        ServletHooks hooks = new ServletHooks(() -> hotline);
        Filter entryPoint = (request, response, chain) -> {
            Scope scope = serverSpan ? Span.wrap(SpanContext.create(SERVER_TRACE, SERVER_SPAN, TraceFlags.getSampled(),
                    TraceState.getDefault())).makeCurrent() : null;
            try {
                Object token = hooks.onEnter(request, response);
                Throwable error = null;
                try {
                    chain.doFilter(request, response);
                } catch (IOException | RuntimeException e) {
                    error = e;
                    throw e;
                } finally {
                    hooks.onExit(token, request, response, error);
                }
            } finally {
                if (scope != null) scope.close();
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler ctx = new ServletContextHandler("/");
        ctx.addFilter(new FilterHolder(entryPoint), "/*", EnumSet.of(DispatcherType.REQUEST));
        ctx.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("ok");
            }
        }), "/work");
        server.setHandler(ctx);
        server.start();
        port = connector.getLocalPort();
    }

    private Profile get(String traceparent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work")).timeout(Duration.ofSeconds(30));
        if (traceparent != null) b.header("traceparent", traceparent);
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).isEqualTo("ok");
        Profile p = profiles.poll(10, TimeUnit.SECONDS);
        assertThat(p).as("a profile").isNotNull();
        return p;
    }

    @Test
    void traceparentHeader_givesTheTraceAndTheCallersSpan() throws Exception {
        start(false);
        Profile p = get(TRACEPARENT);
        assertThat(p.request().traceId()).isEqualTo(CALLER_TRACE);
        assertThat(p.request().spanId()).isEqualTo(CALLER_SPAN);
        Profile none = get("00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01-not-in-version-00");
        assertThat(none.request().traceId()).isNull();
        assertThat(none.request().spanId()).isNull();
    }

    @Test
    void serverSpanAroundTheEntryPoint_winsOverTheHeader() throws Exception {
        start(true);
        Profile p = get(TRACEPARENT);
        assertThat(p.request().traceId()).isEqualTo(SERVER_TRACE);
        assertThat(p.request().spanId()).isEqualTo(SERVER_SPAN);
    }
}
