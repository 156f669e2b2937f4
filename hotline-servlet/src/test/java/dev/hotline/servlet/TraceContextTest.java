package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each profile carries the request's trace: from the traceparent header, or from a tracer's current server span. */
class TraceContextTest {
    static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN = "00f067aa0ba902b7";
    static final String SERVER_TRACE = "0af7651916cd43dd8448eb211c80319c", SERVER_SPAN = "b7ad6b7169203331";
    static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";

    private final TestServer.Profiles profiles = new TestServer.Profiles();

    private HotlineFilter hotline() {
        return HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .keepRate("all").listener(profiles::add).build();
    }

    private static HttpServlet ok() {
        return new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().print("ok");
            }
        };
    }

    /** What the OpenTelemetry Java agent does: the server span is current around the whole filter chain. */
    private static Filter serverSpan() {
        return (request, response, chain) -> {
            SpanContext ctx = SpanContext.create(SERVER_TRACE, SERVER_SPAN, TraceFlags.getSampled(), TraceState.getDefault());
            try (Scope ignored = Span.wrap(ctx).makeCurrent()) {
                chain.doFilter(request, response);
            }
        };
    }

    private static HttpResponse<String> get(TestServer server, String traceparent) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/work")).timeout(Duration.ofSeconds(30));
        if (traceparent != null) b.header("traceparent", traceparent);
        return server.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void traceparentHeader_givesTheTraceAndTheCallersSpan() throws Exception {
        try (TestServer server = TestServer.builder().servlet("/work", ok()).filter(hotline()).start()) {
            assertThat(get(server, TRACEPARENT).body()).isEqualTo("ok");
            Profile p = profiles.next();
            assertThat(p.request().traceId()).isEqualTo(CALLER_TRACE);
            assertThat(p.request().spanId()).isEqualTo(CALLER_SPAN);
        }
    }

    @Test
    void noOrMalformedHeader_leavesTheTraceUnknown() throws Exception {
        try (TestServer server = TestServer.builder().servlet("/work", ok()).filter(hotline()).start()) {
            for (String header : new String[] {null, "00-" + CALLER_TRACE.toUpperCase() + "-" + CALLER_SPAN + "-01",
                    "ff-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01", "00-" + "0".repeat(32) + "-" + CALLER_SPAN + "-01", "garbage"}) {
                assertThat(get(server, header).statusCode()).isEqualTo(200);
                Profile p = profiles.next();
                assertThat(p.request().traceId()).as(String.valueOf(header)).isNull();
                assertThat(p.request().spanId()).as(String.valueOf(header)).isNull();
            }
        }
    }

    @Test
    void tracersCurrentServerSpan_winsOverTheHeader() throws Exception {
        try (TestServer server = TestServer.builder().servlet("/work", ok()).filter(serverSpan()).filter(hotline()).start()) {
            assertThat(get(server, TRACEPARENT).body()).isEqualTo("ok");
            Profile p = profiles.next();
            assertThat(p.request().traceId()).isEqualTo(SERVER_TRACE);
            assertThat(p.request().spanId()).isEqualTo(SERVER_SPAN);
        }
    }

    @Test
    void spanRecordedDownTheChain_throughTheProfileAttribute() throws Exception {
        Filter later = (request, response, chain) -> {
            if (request.getAttribute(HotlineFilter.PROFILE_ATTRIBUTE) instanceof dev.hotline.core.RequestProfile profile) {
                profile.trace(SERVER_TRACE, SERVER_SPAN);
            }
            chain.doFilter(request, response);
        };
        try (TestServer server = TestServer.builder().servlet("/work", ok()).filter(hotline()).filter(later).start()) {
            assertThat(get(server, TRACEPARENT).body()).isEqualTo("ok");
            Profile p = profiles.next();
            assertThat(p.request().traceId()).isEqualTo(SERVER_TRACE);
            assertThat(p.request().spanId()).isEqualTo(SERVER_SPAN);
        }
    }

    @Test
    void resultsPage_findsTheProfileOfATrace() throws Exception {
        try (TestServer server = TestServer.builder().servlet("/work", ok()).filter(hotline()).start()) {
            assertThat(get(server, TRACEPARENT).body()).isEqualTo("ok");
            assertThat(get(server, null).body()).isEqualTo("ok");
            profiles.next(2);
            String list = server.get("/_hotline/api/profiles?trace=" + CALLER_TRACE).body();
            assertThat(list).startsWith("{\"total\":1,").contains("\"traceId\":\"" + CALLER_TRACE + "\"");
            assertThat(server.get("/_hotline/api/profiles").body()).startsWith("{\"total\":2,");
            HttpResponse<String> bad = server.get("/_hotline/api/profiles?trace=not-a-trace");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("trace\\u0027 must be a trace id: 32 hex digits");
        }
    }
}
