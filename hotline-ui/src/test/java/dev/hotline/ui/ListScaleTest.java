package dev.hotline.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request list over 10,000 stored profiles: every one is listed, filters and paging stay right. Prints how long
 * the first answer (which indexes the directory) and later answers take; the figures are reported, not asserted.
 */
class ListScaleTest {
    static final int PROFILES = 10_000;
    @TempDir Path dir;

    @Test
    void tenThousandProfiles() throws Exception {
        for (int i = 0; i < PROFILES; i++) {
            String path = "/orders/" + i + (i % 10 == 0 ? "/items" : "");
            ResultsPageTest.write(dir.resolve("GET.p" + i + ".json"), Profiles.request("p-" + i, "GET", path, null,
                    i % 100 == 0 ? 500 : 200, Profiles.T0.plusMillis(i * 1000L), 5 + i % 40, null));
        }
        ResultsPage page = new ResultsPage("/", ProfileStore.ofDirectory(dir), new Access(null), null);
        long t0 = System.nanoTime();
        UiResponse first = ResultsPageTest.get(page, "api/profiles", null);
        long indexNs = System.nanoTime() - t0;
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).startsWith("{\"total\":10000,").contains("\"id\":\"p-9999\"");

        long[] warm = new long[30];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            UiResponse r = ResultsPageTest.get(page, "api/profiles", "sort=duration&order=desc&offset=100&limit=50&path=orders");
            warm[i] = System.nanoTime() - t;
            assertThat(r.bodyText()).startsWith("{\"total\":10000,\"offset\":100,\"limit\":50,");
        }
        assertThat(ResultsPageTest.get(page, "api/profiles", "status=5xx").bodyText()).startsWith("{\"total\":100,");
        long t = System.nanoTime();
        String endpoints = ResultsPageTest.get(page, "api/endpoints", null).bodyText();
        long endpointsNs = System.nanoTime() - t;
        assertThat(endpoints).startsWith("{\"total\":2,").contains("\"route\":\"/orders/{id}\"", "\"count\":9000");
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "results page, %d profiles: first list (indexes the directory) %.0f ms; "
                        + "list sorted by duration, filtered, page 3: median %.1f ms, max %.1f ms; endpoints %.1f ms%n",
                PROFILES, indexNs / 1e6, warm[warm.length / 2] / 1e6, warm[warm.length - 1] / 1e6, endpointsNs / 1e6);
    }
}
