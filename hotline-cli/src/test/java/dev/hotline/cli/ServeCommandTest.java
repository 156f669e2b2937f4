package dev.hotline.cli;

import com.sun.net.httpserver.HttpServer;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code hotline serve DIR}: the results page over a directory, on the JDK's HTTP server. */
class ServeCommandTest {
    @TempDir Path dir;
    private final HttpClient client = HttpClient.newHttpClient();

    private static Arguments args(String... a) throws UserError {
        return Arguments.parse("serve", List.of(a), Command.withCommonOptions(new ServeCommand().options()));
    }

    private HttpResponse<String> get(HttpServer s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path));
        if (headers.length > 0) b.headers(headers);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDirectorysProfiles() throws Exception {
        Profile a = Fixtures.request("/orders/12", Fixtures.T0, 30, 10);
        Profile b = Fixtures.request("/orders/13", Fixtures.T0.plusSeconds(5), 50, 10);
        Fixtures.save(dir, a);
        Fixtures.save(dir, b);
        HttpServer s = ServeCommand.start(args(dir.toString(), "--port", "0"));
        try {
            HttpResponse<String> list = get(s, "/api/profiles");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).startsWith("{\"total\":2,").contains("\"path\":\"/orders/13\"");
            assertThat(list.body().indexOf("/orders/13")).isLessThan(list.body().indexOf("/orders/12"));
            HttpResponse<String> one = get(s, "/api/profiles/" + a.id());
            assertThat(ProfileJson.fromJson(one.body()).request().path()).isEqualTo("/orders/12");
            assertThat(get(s, "/api/endpoints").body()).contains("\"route\":\"/orders/{id}\"", "\"count\":2");
            assertThat(get(s, "/api/profiles/..%2F..%2Fetc").statusCode()).isEqualTo(400);
            assertThat(get(s, "/api/profiles?limit=9999").statusCode()).isEqualTo(400);
            assertThat(get(s, "/").headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

            Fixtures.save(dir, Fixtures.request("/later", Fixtures.T0.plusSeconds(9), 5, 5));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!get(s, "/api/profiles").body().contains("/later") && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(get(s, "/api/profiles").body()).contains("\"total\":3");
        } finally {
            s.stop(0);
        }
    }

    @Test
    void token_requiredWhenGiven() throws Exception {
        String token = "serve-token-0123456789";
        HttpServer s = ServeCommand.start(args(dir.toString(), "--port", "0", "--token", token));
        try {
            assertThat(get(s, "/api/profiles").statusCode()).isEqualTo(401);
            assertThat(get(s, "/api/profiles", "X-Hotline-Token", token).statusCode()).isEqualTo(200);
            assertThat(get(s, "/").statusCode()).isEqualTo(303);
        } finally {
            s.stop(0);
        }
    }

    @Test
    void badArgumentsAreUserErrors() throws Exception {
        assertThatThrownBy(() -> ServeCommand.start(args(dir.resolve("missing").toString()))).isInstanceOf(UserError.class)
                .hasMessageContaining("not a directory");
        assertThatThrownBy(() -> ServeCommand.start(args(dir.toString(), "--token", "short"))).isInstanceOf(UserError.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> ServeCommand.start(args(dir.toString(), "--port", "70000"))).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> ServeCommand.start(args(dir.toString(), "--bind", "no such host;"))).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> ServeCommand.start(args())).isInstanceOf(UserError.class);
        Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> ServeCommand.start(args(dir.resolve("f").toString()))).isInstanceOf(UserError.class);
    }
}
