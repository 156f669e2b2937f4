package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.model.Profile;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter changes nothing a client can see: status, headers, body, streaming, errors. */
class PassThroughTest {
    static final byte[] BINARY = new byte[70_000];
    static {
        for (int i = 0; i < BINARY.length; i++) BINARY[i] = (byte) (i * 7 + 3);
    }

    static final class Teapot extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setStatus(418);
            resp.setHeader("X-Custom", "value");
            resp.addHeader("X-Multi", "a");
            resp.addHeader("X-Multi", "b");
            resp.setContentType("application/octet-stream");
            resp.getOutputStream().write(BINARY);
        }
    }

    static final class Thrower extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            throw new IllegalStateException("boom");
        }
    }

    static final class NotFound extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(404, "nothing here");
        }
    }

    /** Writes a first chunk, then waits for the client to have read it before writing the rest. */
    static final class Streamer extends HttpServlet {
        final CountDownLatch clientGotFirstChunk = new CountDownLatch(1);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ServletOutputStream out = resp.getOutputStream();
            out.write("first\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                if (!clientGotFirstChunk.await(10, TimeUnit.SECONDS)) throw new IOException("client never saw the first chunk");
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            out.write("second\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private record Seen(int status, Map<String, List<String>> headers, byte[] body) {}

    private static Seen call(TestServer s, String path) throws Exception {
        HttpResponse<byte[]> r = s.client.send(HttpRequest.newBuilder(s.uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>(r.headers().map());
        headers.remove("date");
        byte[] body = r.body();
        if (r.statusCode() >= 400) {
            // Error pages name the server's URI, whose port differs between the two servers; the length with it.
            headers.remove("content-length");
            body = new String(body, StandardCharsets.ISO_8859_1).replace(":" + s.port + "/", ":PORT/")
                    .getBytes(StandardCharsets.ISO_8859_1);
        }
        return new Seen(r.statusCode(), headers, body);
    }

    private static TestServer server(HotlineFilter filter, Streamer streamer) throws Exception {
        TestServer.Builder b = TestServer.builder().servlet("/teapot", new Teapot()).servlet("/throw", new Thrower())
                .servlet("/missing", new NotFound()).servlet("/stream", streamer);
        if (filter != null) b.filter(filter);
        return b.start();
    }

    @Test
    void responsesAreIdenticalWithAndWithoutTheFilter() throws Exception {
        TestServer.Profiles profiles = new TestServer.Profiles();
        HotlineFilter filter = HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).listener(profiles::add).build();
        try (TestServer plain = server(null, new Streamer()); TestServer profiled = server(filter, new Streamer())) {
            for (String path : List.of("/teapot", "/throw", "/missing")) {
                Seen a = call(plain, path);
                Seen b = call(profiled, path);
                assertThat(b.status()).as(path).isEqualTo(a.status());
                // The only additions: the link to the profile, and its timing where the response was not committed.
                assertThat(b.headers().remove("hotline-profile")).as("%s: only on-demand requests link to a profile", path).isNull();
                b.headers().remove("server-timing");
                assertThat(b.headers()).as(path).isEqualTo(a.headers());
                assertThat(b.body()).as(path).isEqualTo(a.body());
            }
            assertThat(call(profiled, "/teapot").body()).isEqualTo(BINARY);
            List<Profile> got = profiles.next(4);
            assertThat(got).extracting(p -> p.request().path() + " " + p.request().status())
                    .contains("/teapot 418", "/throw 500", "/missing 404");
            assertThat(got).filteredOn(p -> p.request().path().equals("/throw"))
                    .extracting(p -> p.request().error()).containsExactly(IllegalStateException.class.getName() + ": boom");
        }
    }

    @Test
    void streamingResponsesStayStreaming() throws Exception {
        Streamer streamer = new Streamer();
        TestServer.Profiles profiles = new TestServer.Profiles();
        HotlineFilter filter = HotlineFilter.builder().textOutput(HotlineConfig.TextOutput.OFF).listener(profiles::add).build();
        try (TestServer profiled = server(filter, streamer)) {
            HttpResponse<InputStream> r = profiled.client.send(
                    HttpRequest.newBuilder(profiled.uri("/stream")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] first = new byte[6];
                int n = 0;
                while (n < 6) n += in.read(first, n, 6 - n);
                assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first\n");
                streamer.clientGotFirstChunk.countDown();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second\n");
            }
            assertThat(profiles.next().request().path()).isEqualTo("/stream");
        }
    }
}
