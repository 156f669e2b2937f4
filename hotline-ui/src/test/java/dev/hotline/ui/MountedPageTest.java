package dev.hotline.ui;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the filter and the agent share: the page's paths within a context, on-demand switches, header values. */
class MountedPageTest {
    private static MountedPage mount(String context) {
        return new MountedPage("/_hotline/", new ResultsPage(context + "/_hotline/", new ProfileStore(List::of, null), new Access(null), null));
    }

    @Test
    void pathsBelowTheUiPath_belongToThePage_andTheBarePathRedirects() {
        MountedPage m = mount("/shop");
        assertThat(m.pathUnder("/_hotline/")).isEmpty();
        assertThat(m.pathUnder("/_hotline/api/profiles")).isEqualTo("api/profiles");
        assertThat(m.pathUnder("/_hotline")).isEqualTo(MountedPage.REDIRECT);
        assertThat(m.pathUnder("/_hotlinex")).isNull();
        assertThat(m.pathUnder("/orders/_hotline/")).isNull();
        assertThat(m.pathUnder(null)).isNull();

        UiResponse redirect = m.handle(new UiRequest("GET", MountedPage.REDIRECT, null, Map.of(), "127.0.0.1", false, null));
        assertThat(redirect.status()).isEqualTo(308);
        assertThat(redirect.headers()).containsEntry("Location", "/shop/_hotline/");
        assertThat(m.profileLink("abc-1")).isEqualTo("/shop/_hotline/#/profile/abc-1");
        assertThatThrownBy(() -> new MountedPage("_hotline", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMountedPage_keepsThePagesAccessRule() {
        MountedPage m = mount("");
        UiRequest remote = new UiRequest("GET", "api/profiles", null, Map.of("x-forwarded-for", "203.0.113.9"), "127.0.0.1", false, null);
        assertThat(m.handle(remote).status()).isEqualTo(403);
        UiRequest local = new UiRequest("GET", "api/profiles", null, Map.of(), "127.0.0.1", false, null);
        assertThat(m.handle(local).status()).isEqualTo(200);
        assertThat(m.handle(local).headers()).containsKey("Content-Security-Policy");
    }

    @Test
    void pathInContext_dropsTheContextPath() {
        assertThat(MountedPage.pathInContext("/shop/_hotline/", "/shop")).isEqualTo("/_hotline/");
        assertThat(MountedPage.pathInContext("/_hotline/", "")).isEqualTo("/_hotline/");
        // Outside the context path nothing is the page's (the agent sees requests no application mapped).
        assertThat(MountedPage.pathInContext("/other/x", "/shop")).isNull();
        assertThat(MountedPage.pathInContext("/_hotline/", "/shop")).isNull();
        assertThat(MountedPage.pathInContext("/shopping/_hotline/", "/shop")).isNull();
        assertThat(MountedPage.pathInContext("/shop", "/shop")).isEqualTo("/");
        assertThat(MountedPage.pathInContext(null, null)).isEqualTo("/");
    }

    @Test
    void onDemand_byHeaderOrQueryParameterOnly() {
        assertThat(MountedPage.onDemand("1", null)).isTrue();
        assertThat(MountedPage.onDemand(" true ", null)).isTrue();
        assertThat(MountedPage.onDemand("0", null)).isFalse();
        assertThat(MountedPage.onDemand(null, "n=3&hotline=1")).isTrue();
        assertThat(MountedPage.onDemand(null, "hotline")).isTrue();
        assertThat(MountedPage.onDemand(null, "hotline=true&a=b")).isTrue();
        assertThat(MountedPage.onDemand(null, "hotline=0")).isFalse();
        assertThat(MountedPage.onDemand(null, "nothotline=1")).isFalse();
        assertThat(MountedPage.onDemand(null, null)).isFalse();
    }

    @Test
    void serverTiming_isInMilliseconds() {
        assertThat(MountedPage.serverTiming(12_345_678L)).isEqualTo("hotline;dur=12.3;desc=\"profile\"");
    }

    @Test
    void readBody_stopsShortlyAfterTheLimit() throws Exception {
        byte[] big = "a".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        String read = MountedPage.readBody(new ByteArrayInputStream(big));
        assertThat(read.length()).isGreaterThan(MountedPage.MAX_BODY).isLessThan(MountedPage.MAX_BODY + 2048);
        assertThat(MountedPage.readBody(new ByteArrayInputStream("token=x".getBytes(StandardCharsets.UTF_8)))).isEqualTo("token=x");
    }
}
