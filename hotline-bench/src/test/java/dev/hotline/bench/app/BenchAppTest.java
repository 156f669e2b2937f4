package dev.hotline.bench.app;

import dev.hotline.core.model.CallNode;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark app answers like an app, and its profiled stacks are as deep as the benchmarks say. */
class BenchAppTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void customerOrders_answersJsonWithTotals() throws Exception {
        try (BenchApp app = BenchApp.start(0, false)) {
            assertThat(app.hotline()).isNull();
            HttpResponse<String> ok = get(app, "/api/customers/7/orders?currency=GBP");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(ok.body()).startsWith("{\"customer\":{\"id\":7,").contains("\"currency\":\"GBP\"", "\"orderCount\":40",
                    "\"topProducts\":[{");
            assertThat(get(app, "/api/customers/0/orders").statusCode()).isEqualTo(400);
            assertThat(get(app, "/api/customers/9999/orders").statusCode()).isEqualTo(400);
            assertThat(get(app, "/api/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void profiledStacks_reachFiftyFramesAndMore() throws Exception {
        System.setProperty("hotline.text-output", "off");
        try (BenchApp app = BenchApp.start(0, true)) {
            assertThat(app.hotline()).isNotNull();
            for (int i = 0; i < 5; i++) assertThat(get(app, "/api/customers/" + (i + 1) + "/orders?ms=50").statusCode()).isEqualTo(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            List<Profile> profiles = app.hotline().recentProfiles();
            while (profiles.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                profiles = app.hotline().recentProfiles();
            }
            int deepest = profiles.stream().flatMap(p -> p.nodes().stream()).mapToInt(CallNode::depth).max().orElse(0);
            assertThat(deepest).as("deepest stack in the profiles").isBetween(50, 130);
        } finally {
            System.clearProperty("hotline.text-output");
        }
    }

    private HttpResponse<String> get(BenchApp app, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
