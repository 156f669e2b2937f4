package dev.hotline.ui;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler on its own: escaping, routes, the merged store, ids. */
class ResultsPageTest {
    @TempDir Path dir;

    static UiResponse get(ResultsPage page, String path, String query) {
        return page.handle(new UiRequest("GET", path, query, Map.of(), "127.0.0.1", false, null));
    }

    @Test
    void hostileStrings_areEscapedInEveryAnswer() {
        String path = "/x/<script>alert(1)</script>/\"><img src=x onerror=alert(1)>\u2028";
        Profile p = Profiles.request("h-1", "GET<b>", path, "q=</script>", 200, Profiles.T0, 3, null);
        ResultsPage page = new ResultsPage("/_hotline/", new ProfileStore(() -> List.of(p), null), new Access(null), null);
        for (String api : List.of("api/profiles", "api/endpoints", "api/profiles/h-1/source")) {
            String body = get(page, api, null).bodyText();
            assertThat(body).as(api).doesNotContain("<").doesNotContain(">").doesNotContain("\u2028");
        }
        String list = get(page, "api/profiles", null).bodyText();
        assertThat(list).contains("\\u003cscript\\u003e", "\\\"\\u003e\\u003cimg");
    }

    @Test
    void routes_collapseIdsButKeepWords() {
        assertThat(Routes.fromPath("/orders/42/items/7")).isEqualTo("/orders/{id}/items/{id}");
        assertThat(Routes.fromPath("/u/3f2c8a1e-9b7d-4c2a-8e1f-0a1b2c3d4e5f")).isEqualTo("/u/{id}");
        assertThat(Routes.fromPath("/blob/0123456789abcdef0123")).isEqualTo("/blob/{id}");
        assertThat(Routes.fromPath("/t/dGhpcyBpcyBhIHRva2VuMTIz")).isEqualTo("/t/{id}");
        assertThat(Routes.fromPath("/api/v2/customers/")).isEqualTo("/api/v2/customers/");
        assertThat(Routes.fromPath("/")).isEqualTo("/");
        assertThat(Routes.decodeKey(Routes.key("GET", "/orders/{id}"))).containsExactly("GET", "/orders/{id}");
        assertThat(Routes.decodeKey("!!")).isNull();
    }

    @Test
    void store_listsMemoryAndDirectoryOnce_andReadsOnlyIndexedFiles() throws Exception {
        Profile inBoth = Profiles.request("both-1", "GET", "/a", null, 200, Profiles.T0, 2, null);
        Profile onlyFile = Profiles.request("file-1", "GET", "/b", null, 500, Profiles.T0.plusSeconds(1), 2, "/b/{x}");
        Profile sameId = Profiles.request("file-1", "GET", "/c", null, 200, Profiles.T0.plusSeconds(2), 2, null);
        write(dir.resolve("GET.a.000002ms.1.json"), inBoth);
        write(dir.resolve("GET.b.000002ms.2.json"), onlyFile);
        write(dir.resolve("GET.c.000002ms.3.json"), sameId);
        Files.writeString(dir.resolve("broken.json"), "{not json");
        Files.writeString(dir.resolve("secret.txt"), "not a profile");
        ProfileStore store = new ProfileStore(() -> List.of(inBoth), dir);
        List<String> ids = new ArrayList<>();
        for (ProfileSummary s : store.summaries()) ids.add(s.id());
        assertThat(ids).containsExactly("GET.c.000002ms.3", "file-1", "both-1");
        assertThat(store.profile("GET.c.000002ms.3").request().path()).isEqualTo("/c");
        assertThat(store.profile("file-1").request().route()).isEqualTo("/b/{x}");
        assertThat(store.profile("secret")).isNull();
        assertThat(store.profile("broken")).isNull();
        ResultsPage page = new ResultsPage("/", store, new Access(null), null);
        assertThat(get(page, "api/profiles", "status=5xx").bodyText()).contains("\"route\":\"/b/{x}\"");
        assertThat(get(page, "api/profiles/secret.txt", null).status()).isEqualTo(404);
        assertThat(get(page, "api/profiles/..", null).status()).isEqualTo(400);
    }

    @Test
    void traceFilter_listsTheRequestsOfOneTrace_fromMemoryAndDirectory() throws Exception {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736", other = "0af7651916cd43dd8448eb211c80319c";
        Profile inMemory = Profiles.traced(Profiles.request("mem-1", "GET", "/a", null, 200, Profiles.T0, 2, null), trace, "00f067aa0ba902b7");
        Profile otherTrace = Profiles.traced(Profiles.request("mem-2", "GET", "/b", null, 200, Profiles.T0, 2, null), other, "b7ad6b7169203331");
        Profile untraced = Profiles.request("mem-3", "GET", "/c", null, 200, Profiles.T0, 2, null);
        write(dir.resolve("GET.d.000002ms.1.json"),
                Profiles.traced(Profiles.request("file-1", "POST", "/d", null, 201, Profiles.T0.plusSeconds(1), 2, null), trace, "53995c3f42cd8ad8"));
        ResultsPage page = new ResultsPage("/", new ProfileStore(() -> List.of(inMemory, otherTrace, untraced), dir), new Access(null), null);

        String list = get(page, "api/profiles", "trace=" + trace).bodyText();
        assertThat(list).startsWith("{\"total\":2,").contains("\"id\":\"mem-1\"", "\"id\":\"file-1\"").doesNotContain("mem-2", "mem-3")
                .contains("\"traceId\":\"" + trace + "\"");
        assertThat(get(page, "api/profiles", "trace=" + trace.toUpperCase()).bodyText()).as("either case").startsWith("{\"total\":2,");
        assertThat(get(page, "api/profiles", "trace=" + other).bodyText()).startsWith("{\"total\":1,").contains("\"id\":\"mem-2\"");
        assertThat(get(page, "api/profiles", "trace=" + "1".repeat(32)).bodyText()).startsWith("{\"total\":0,");
        assertThat(get(page, "api/profiles", "trace=").bodyText()).as("empty: no filter").startsWith("{\"total\":4,")
                .contains("\"traceId\":null");
        for (String bad : List.of("abc", "0".repeat(32), trace + "0", trace.replace('4', 'x'), "00-" + trace + "-00f067aa0ba902b7-01")) {
            UiResponse r = get(page, "api/profiles", "trace=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.bodyText()).contains("must be a trace id: 32 hex digits");
        }
    }

    @Test
    void access_loopbackAddresses() {
        for (String a : List.of("127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]", "::ffff:127.0.0.1")) {
            assertThat(Access.isLoopback(a)).as(a).isTrue();
        }
        for (String a : List.of("10.0.0.1", "127.0.0.1.evil", "128.0.0.1", "::2", "", "localhost", "127.0.0.256")) {
            assertThat(Access.isLoopback(a)).as(a).isFalse();
        }
        Access a = new Access("a-token-of-sixteen-chars");
        assertThat(a.matches("a-token-of-sixteen-chars")).isTrue();
        assertThat(a.matches("a-token-of-sixteen-char")).isFalse();
        String session = a.signIn("10.1.1.1", "a-token-of-sixteen-chars");
        assertThat(a.allows(new UiRequest("GET", "", null, Map.of("cookie", "x=1; hotline_session=" + session), "10.1.1.1", false, null)))
                .isTrue();
    }

    @Test
    void everyListedEndpoint_canBeOpened_evenWithALongRoute() {
        String longRoute = "/search/" + "segment/".repeat(400) + "end";
        Profile longOne = Profiles.request("long-1", "GET", longRoute, null, 200, Profiles.T0, 2, longRoute);
        Profile shortOne = Profiles.request("short-1", "GET", "/orders/7", null, 200, Profiles.T0, 2, null);
        ResultsPage page = new ResultsPage("/", new ProfileStore(() -> List.of(longOne, shortOne), null), new Access(null), null);
        String list = get(page, "api/endpoints", null).bodyText();
        java.util.regex.Matcher keys = java.util.regex.Pattern.compile("\\{\"key\":\"([^\"]+)\"").matcher(list);
        int opened = 0;
        while (keys.find()) {
            String key = keys.group(1);
            assertThat(key.length()).isLessThanOrEqualTo(Routes.MAX_PLAIN_KEY);
            UiResponse r = get(page, "api/endpoints/" + key, null);
            assertThat(r.status()).as(key).isEqualTo(200);
            assertThat(get(page, "api/endpoints/" + key + "/source", null).status()).isEqualTo(200);
            opened++;
        }
        assertThat(opened).isEqualTo(2);
        assertThat(get(page, "api/endpoints/~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", null).status()).isEqualTo(404);
    }

    static void write(Path file, Profile p) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            ProfileJson.write(p, out);
        }
    }
}
