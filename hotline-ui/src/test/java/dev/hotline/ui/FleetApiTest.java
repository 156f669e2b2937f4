package dev.hotline.ui;

import dev.hotline.core.fleet.FleetReader;
import dev.hotline.testing.PostgresServer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dev.hotline.ui.JsonText.items;
import static dev.hotline.ui.JsonText.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code api/fleet/...} through the page's handler, against a real PostgreSQL. */
class FleetApiTest {
    /** Two hours ago: inside "the last 3 hours", outside "the last hour". */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
    static final String ORDERS = Routes.key("GET", "/orders/{id}");

    static PostgresServer pg;
    static FleetReader reader;
    static ResultsPage page;

    @BeforeAll
    static void start() throws Exception {
        pg = PostgresServer.start();
        String url = pg.createDatabase("fleet");
        FleetFixture.fill(url, T0);
        reader = new FleetReader(url, null, null);
        page = new ResultsPage("/_hotline/", new ProfileStore(List::of, null).withFleet(reader), new Access(null), null);
    }

    @AfterAll
    static void stop() {
        if (reader != null) reader.close();
        if (pg != null) pg.close();
    }

    static UiResponse get(String path, String query) {
        return ResultsPageTest.get(page, path, query);
    }

    static Map<String, Object> ok(String path, String query) {
        UiResponse r = get(path, query);
        assertThat(r.status()).as(path + "?" + query + ": " + r.bodyText()).isEqualTo(200);
        return object(r.bodyText());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Object> ids(String query) {
        return items(ok("api/fleet/profiles", query), "items").stream().map(i -> i.get("id")).toList();
    }

    @Test
    void noStore_fleetIsOff_andItsApiIsNotFound() {
        ResultsPage local = new ResultsPage("/", new ProfileStore(List::of, null), new Access(null), null);
        UiResponse on = ResultsPageTest.get(local, "api/fleet", null);
        assertThat(on.status()).isEqualTo(200);
        assertThat(object(on.bodyText())).containsEntry("on", false);
        for (String path : List.of("api/fleet/profiles", "api/fleet/profiles/a-01", "api/fleet/endpoints", "api/fleet/compare")) {
            UiResponse r = ResultsPageTest.get(local, path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.bodyText()).as(path).contains("no fleet store", "store=jdbc:postgresql:");
        }
    }

    @Test
    void facets_servicesInstancesVersions() {
        Map<String, Object> f = ok("api/fleet", null);
        assertThat(f).containsEntry("on", true).containsEntry("available", true);
        assertThat(f.get("services")).isEqualTo(List.of("billing", "shop"));
        assertThat(f.get("versions")).isEqualTo(List.of("1.0", "1.1", "2.0"));
        Map<String, Object> first = items(f, "instances").get(0);
        assertThat(first).containsEntry("service", "shop").containsEntry("instance", "shop-1").containsEntry("version", "1.0")
                .containsEntry("lastSeen", T0.plusSeconds(400).toString());
    }

    @Test
    void profiles_listWithFilters() {
        Map<String, Object> all = ok("api/fleet/profiles", "service=shop&limit=5");
        assertThat(all).containsEntry("total", 45.0).containsEntry("totalCapped", false).containsEntry("limit", 5.0);
        Map<String, Object> newest = items(all, "items").get(0);
        assertThat(newest).containsEntry("id", "d-1").containsEntry("service", "shop").containsEntry("instance", "shop-2")
                .containsEntry("version", "1.1").containsEntry("status", 404.0).containsEntry("route", "(no route: 404)")
                .containsEntry("start", T0.plusSeconds(311).toString());
        assertThat(ok("api/fleet/profiles", "instance=shop-2&limit=1")).containsEntry("total", 22.0);
        assertThat(ok("api/fleet/profiles", "version=1.0&limit=1")).containsEntry("total", 23.0);
        assertThat(ok("api/fleet/profiles", "endpoint=" + ORDERS + "&limit=1")).containsEntry("total", 40.0);
        assertThat(ok("api/fleet/profiles", "route=" + enc("/cart") + "&method=POST")).containsEntry("total", 3.0);
        assertThat(ids("status=5xx")).containsExactly("c-2", "c-1", "c-0");
        assertThat(ids("status=404")).containsExactly("d-1", "d-0");
        assertThat(ids("path=" + enc("50%_"))).containsExactly("d-0");
        assertThat(ids("minMs=30")).containsExactly("e-4", "e-3", "e-2", "e-1", "e-0");
        assertThat(ids("trace=" + FleetFixture.TRACE.toUpperCase())).containsExactly("a-03");
        assertThat(ok("api/fleet/profiles", "from=3h&limit=1")).containsEntry("total", 45.0);
        assertThat(ok("api/fleet/profiles", "from=1h")).containsEntry("total", 0.0);
        assertThat(ids("from=" + T0 + "&to=" + T0.plusSeconds(10))).containsExactly("b-00", "a-00");
        assertThat(ids("sort=duration&limit=1")).containsExactly("e-4");
        assertThat(ids("sort=instance&order=asc&limit=1")).containsExactly("e-4");
        // Pages: the second starts where the first ended.
        List<Object> first = ids("service=shop&limit=10"), second = ids("service=shop&limit=10&offset=10");
        assertThat(ids("service=shop&limit=20")).isEqualTo(java.util.stream.Stream.concat(first.stream(), second.stream()).toList());
    }

    @Test
    void profiles_hostileTextIsEscaped() {
        String body = get("api/fleet/profiles", "status=404").bodyText();
        assertThat(body).doesNotContain("<b>").contains("\\u003cb\\u003e");
    }

    @Test
    void profile_documentSourceAndDownloads() {
        Map<String, Object> p = ok("api/fleet/profiles/b-03", null);
        assertThat(p).containsEntry("id", "b-03");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) p.get("request");
        assertThat(request).containsEntry("path", "/orders/203");
        assertThat(ok("api/fleet/profiles/b-03/source", null).get("methods")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
        UiResponse d = get("api/fleet/profiles/b-03/download", "format=collapsed");
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.headers().get("Content-Disposition")).startsWith("attachment; filename=\"GET.orders.203.");
        assertThat(d.bodyText()).contains("com.acme.shop.PriceService.price");
        assertThat(get("api/fleet/profiles/no-such", null).status()).isEqualTo(404);
        assertThat(get("api/fleet/profiles/b-03/download", "format=exe").status()).isEqualTo(400);
        assertThat(get("api/fleet/profiles/..", null).status()).isEqualTo(400);
        assertThat(get("api/fleet/profiles/b-03/other", null).status()).isEqualTo(404);
    }

    @Test
    void endpoints_acrossInstancesOverThePeriod() {
        Map<String, Object> e = ok("api/fleet/endpoints", "service=shop&from=3h");
        List<Map<String, Object>> list = items(e, "items");
        assertThat(list).extracting(i -> i.get("route")).containsExactly("/orders/{id}", "/cart");
        Map<String, Object> orders = list.get(0);
        assertThat(orders).containsEntry("key", ORDERS).containsEntry("method", "GET").containsEntry("requests", 100.0)
                .containsEntry("failed", 1.0).containsEntry("instances", 2.0).containsEntry("maxMs", 100.0);
        assertThat((Double) orders.get("p50Ms")).isCloseTo(1.0, within(0.09));
        assertThat((Double) orders.get("p95Ms")).isCloseTo(100.0, within(9.0));
        assertThat(items(ok("api/fleet/endpoints", "service=shop&version=1.1&from=3h"), "items").get(0)).containsEntry("requests", 10.0);
        // Without a period: the last hour, which holds none of these.
        assertThat(items(ok("api/fleet/endpoints", "service=shop"), "items")).isEmpty();
    }

    @Test
    void compare_twoVersions_slowerLineFirst_newAndVanishedMarked() {
        Map<String, Object> c = ok("api/fleet/compare", "service=shop&endpoint=" + ORDERS + "&aVersion=1.0&bVersion=1.1");
        assertThat(side(c, "a")).containsEntry("profiles", 20.0).containsEntry("version", "1.0");
        assertThat(side(c, "b")).containsEntry("profiles", 20.0).containsEntry("version", "1.1");
        List<Map<String, Object>> lines = items(c, "lines");
        assertThat(lines.get(0)).containsEntry("class", "com.acme.shop.PriceService").containsEntry("line", 18.0)
                .containsEntry("change", "slower").containsEntry("deltaMs", 10.0).containsEntry("ratio", 6.0)
                .containsEntry("meanMsA", 2.0).containsEntry("meanMsB", 12.0).containsEntry("app", true);
        assertThat(lines).filteredOn(l -> "com.acme.shop.AuditLog".equals(l.get("class")))
                .singleElement().satisfies(l -> assertThat(l).containsEntry("change", "new").containsEntry("ratio", null));
        assertThat(lines).filteredOn(l -> "com.acme.shop.OrderCache".equals(l.get("class")))
                .singleElement().satisfies(l -> assertThat(l).containsEntry("change", "vanished"));
        assertThat(lines).noneMatch(l -> "java.lang.Thread".equals(l.get("class")));
        assertThat(items(c, "methods").get(0)).containsEntry("class", "com.acme.shop.PriceService").doesNotContainKey("line");

        Map<String, Object> everything = ok("api/fleet/compare", "service=shop&endpoint=" + ORDERS + "&aVersion=1.0&bVersion=1.1&all=true&top=2");
        assertThat(items(everything, "lines")).hasSize(2);
        assertThat((Double) everything.get("linesTotal")).isGreaterThan(5);

        // Two periods, before and after T0 + 100 s, each with both versions: nothing changed.
        Map<String, Object> periods = ok("api/fleet/compare", "service=shop&endpoint=" + ORDERS + "&aFrom=" + T0 + "&aTo=" + T0.plusSeconds(100)
                + "&bFrom=" + T0.plusSeconds(100));
        assertThat(side(periods, "a")).containsEntry("profiles", 20.0).containsEntry("from", T0.toString());
        assertThat(side(periods, "b")).containsEntry("profiles", 20.0).containsEntry("to", null);
        assertThat(items(periods, "lines").get(0)).containsEntry("deltaMs", 0.0);

        Map<String, Object> empty = ok("api/fleet/compare", "service=shop&endpoint=" + ORDERS + "&aVersion=1.0&bVersion=9.9");
        assertThat(side(empty, "b")).containsEntry("profiles", 0.0);
        assertThat(items(empty, "lines")).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> side(Map<String, Object> comparison, String name) {
        return (Map<String, Object>) comparison.get(name);
    }

    @Test
    void badParameters_are400WithTheReason() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("api/fleet/profiles?sort=memory", "parameter 'sort' must be one of");
        bad.put("api/fleet/profiles?status=2x", "parameter 'status'");
        bad.put("api/fleet/profiles?minMs=-1", "parameter 'minMs'");
        bad.put("api/fleet/profiles?from=yesterday", "parameter 'from' must be an ISO-8601 instant");
        bad.put("api/fleet/profiles?from=1h&to=2h", "parameter 'from' must be before 'to'");
        bad.put("api/fleet/profiles?to=2026-13-01T00:00:00Z", "parameter 'to'");
        bad.put("api/fleet/profiles?trace=xyz", "parameter 'trace'");
        bad.put("api/fleet/profiles?limit=0", "parameter 'limit'");
        bad.put("api/fleet/profiles?offset=10001", "parameter 'offset'");
        bad.put("api/fleet/profiles?endpoint=!!", "malformed endpoint key");
        bad.put("api/fleet/profiles?service=" + "s".repeat(501), "parameter 'service' is longer than 500");
        bad.put("api/fleet/endpoints?from=99999999d", "parameter 'from'");
        bad.put("api/fleet/endpoints?from=999999w", "parameter 'from' is out of range");
        bad.put("api/fleet/endpoints?to=+12026-01-01T00:00:00Z", "parameter 'to'");
        bad.put("api/fleet/compare?service=shop", "parameter 'endpoint' is required");
        bad.put("api/fleet/compare?endpoint=" + ORDERS, "the two sides are the same");
        bad.put("api/fleet/compare?endpoint=" + ORDERS + "&aVersion=1.0&bVersion=1.1&top=0", "parameter 'top'");
        bad.put("api/fleet/compare?endpoint=" + ORDERS + "&aFrom=now&aTo=1h&bVersion=1.1", "parameter 'aFrom' must be before 'aTo'");
        bad.put("api/fleet/compare?endpoint=" + ORDERS + "&aVersion=1.0&bVersion=1.1&all=yes", "parameter 'all'");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            String[] pq = e.getKey().split("\\?", 2);
            UiResponse r = get(pq[0], pq[1]);
            assertThat(r.status()).as(e.getKey() + ": " + r.bodyText()).isEqualTo(400);
            assertThat(object(r.bodyText()).get("error")).as(e.getKey()).asString().contains(e.getValue());
        }
        assertThat(get("api/fleet/nothing", null).status()).isEqualTo(404);
    }

    @Test
    void storeDown_facetsSaySo_andTheRestIs503() {
        try (FleetReader down = new FleetReader("jdbc:postgresql://127.0.0.1:" + unusedPort() + "/fleet?user=hotline", null, null)) {
            ResultsPage p = new ResultsPage("/", new ProfileStore(List::of, null).withFleet(down), new Access(null), null);
            Map<String, Object> f = object(ResultsPageTest.get(p, "api/fleet", null).bodyText());
            assertThat(f).containsEntry("on", true).containsEntry("available", false);
            assertThat((String) f.get("error")).startsWith("the fleet store did not answer");
            UiResponse r = ResultsPageTest.get(p, "api/fleet/profiles", null);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.bodyText()).contains("the fleet store did not answer");
        }
    }

    static int unusedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
