package dev.hotline.sample.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The clinic's requests, and what Hotline's results page API says about them. */
final class Clinic {
    static final String APP_PACKAGE = "dev.hotline.sample.clinic";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Path → route template and status of each request {@link #visit} makes. */
    static final Map<String, String> ROUTES = new TreeMap<>(Map.of(
            "/owners/1", "/owners/{ownerId}",
            "/owners/2/pets", "/owners/{ownerId}/pets",
            "/owners/2/insurance-quote", "/owners/{ownerId}/insurance-quote",
            "/vets/rotation", "/vets/rotation",
            "/owners/1/invoice", "/owners/{ownerId}/invoice"));

    private Clinic() {}

    /** One request to each endpoint: a page with a slow query, JSON, a remote call, a CPU loop, and a 500. */
    static void visit(ForkedBoot app, String... headers) throws Exception {
        ForkedBoot.Response owner = app.get("/owners/1", headers);
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(owner.body()).contains("<h1>George Franklin</h1>", "Leo");
        ForkedBoot.Response pets = app.get("/owners/2/pets", headers);
        assertThat(pets.status()).isEqualTo(200);
        assertThat(JSON.readTree(pets.body()).findValuesAsText("name")).containsExactly("Basil", "Rosy");
        assertThat(app.get("/owners/2/insurance-quote", headers).status()).isEqualTo(200);
        assertThat(app.get("/vets/rotation", headers).status()).isEqualTo(200);
        assertThat(app.get("/owners/1/invoice", headers).status()).isEqualTo(500);
    }

    /** Waits until the results page lists {@code n} profiles, then checks no more arrive. */
    static JsonNode profiles(ForkedBoot app, int n, String... headers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode list;
        do {
            ForkedBoot.Response r = app.get("/_hotline/api/profiles?limit=500", headers);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            list = JSON.readTree(r.body());
            if (list.get("total").asInt() >= n) break;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        Thread.sleep(300); // one profile per request: nothing more may follow
        list = JSON.readTree(app.get("/_hotline/api/profiles?limit=500", headers).body());
        assertThat(list.get("total").asInt()).as(list.toString()).isEqualTo(n);
        return list.get("items");
    }

    /** Each listed request's path with its route template and status ({@code /owners/1 /owners/{ownerId} 200}). */
    static List<String> routesAndStatuses(JsonNode items) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : items) out.add(i.get("path").asText() + " " + text(i, "route") + " " + i.get("status").asInt());
        out.sort(null);
        return out;
    }

    static List<String> expectedRoutesAndStatuses() {
        List<String> out = new ArrayList<>();
        ROUTES.forEach((path, route) -> out.add(path + " " + route + " " + (path.endsWith("/invoice") ? 500 : 200)));
        out.sort(null);
        return out;
    }

    /** The profile of the request to {@code path}, in the JSON format v1. */
    static JsonNode profile(ForkedBoot app, JsonNode items, String path, String... headers) throws Exception {
        for (JsonNode i : items) {
            if (i.get("path").asText().equals(path)) {
                return JSON.readTree(app.get("/_hotline/api/profiles/" + i.get("id").asText(), headers).body());
            }
        }
        throw new AssertionError("no profile of " + path + " in " + items);
    }

    /** The methods of the application's own code that a profile's lines name. */
    static List<String> appMethods(JsonNode profile) {
        List<String> out = new ArrayList<>();
        for (JsonNode line : profile.get("lines")) {
            String cls = line.get("class").asText();
            if (cls.startsWith(APP_PACKAGE)) out.add(cls.substring(APP_PACKAGE.length() + 1) + "." + line.get("method").asText());
        }
        return out;
    }

    /**
     * The profile names the application's code as the clinic's package. Profiles carry {@code appPackages} once
     * Hotline writes it; until then the starter's setting is checked through the Actuator endpoint.
     */
    static void assertAppPackages(JsonNode profile) {
        JsonNode app = profile.get("appPackages");
        if (app != null) assertThat(app.toString()).contains(APP_PACKAGE);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "-" : v.asText();
    }
}
