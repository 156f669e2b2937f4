package dev.hotline.core.export;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loads the HTML page in headless Chromium and checks the DOM its script rendered. Needs Debian's
 * {@code chromium} package: skipped without it, except on CI ({@code CI=true}), where its absence fails.
 */
class HtmlBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @BeforeAll
    static void needBrowser() {
        if (Files.isExecutable(CHROMIUM)) return;
        if ("true".equals(System.getenv("CI"))) fail(CHROMIUM + " is missing: CI must install the chromium package");
        assumeTrue(false, CHROMIUM + " not installed (Debian package chromium)");
    }

    @Test
    void rendersSummaryFlameGraphTreeAndTables() throws Exception {
        String dom = render(CheckoutFixture.checkout());
        assertThat(dom).contains("data-state=\"ready\"");
        assertThat(dom).contains("<h1 id=\"title\">GET /checkout?cart=42</h1>", "<b>Duration</b>101.3 ms");
        // Flame graph boxes with their labels, the request as the root box.
        assertThat(dom).containsPattern("<div class=\"fb\" data-node=\"\\d+\" style=\"[^\"]*\">CheckoutServlet.doGet:31</div>")
                .containsPattern("class=\"fb\" data-node=\"0\"[^>]*>GET /checkout\\?cart=42</div>");
        // The call tree, hot path open, library runs folded.
        assertThat(dom).contains("<span class=\"name\">com.acme.shop.PaymentGateway.charge</span>",
                "<span class=\"name\">[5 frames hidden]</span>",
                "<span class=\"pkgs\">java.lang, org.eclipse.jetty, jakarta.servlet</span>",
                "<span class=\"name\">sun.nio.ch.Net.poll</span>", "aria-expanded=\"true\"");
        // Hot lines with their source code, functions sorted by total.
        assertThat(dom).contains("<code>Receipt receipt = checkout.pay(id);</code>",
                "<th data-key=\"total\" tabindex=\"0\" aria-sort=\"descending\">Total</th>",
                "<td class=\"name\">com.acme.shop.PriceRules</td><td class=\"name\">apply</td>");
    }

    /** The deep Spring PetClinic stack the results page's browser test also uses (appPackages set). */
    @Test
    void deepSpringStack_opensWithTheRootAndTheFirstApplicationFrameInView() throws Exception {
        Profile p = dev.hotline.core.format.ProfileJson.read(Path.of("..", "hotline-ui", "src", "test", "browser", "petclinic-deep.json"));
        String dom = render(p);
        assertThat(dom).contains("data-state=\"ready\"").contains("data-collapsed=\"true\"")
                .containsPattern("<div class=\"fb band\"[^>]*>\\[\\d+ frames hidden]  java\\.lang, org\\.apache\\.tomcat");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<div class=\"fb\" data-node=\"\\d+\" style=\"[^\"]*top: (\\d+)px;[^\"]*\">OwnerController\\.processFindForm:91</div>")
                .matcher(dom);
        assertThat(m.find()).as("the controller's box").isTrue();
        // Within the first screen of the flame graph (rows of 17 px): 90 frames deep, drawn near the top.
        assertThat(Integer.parseInt(m.group(1))).isLessThan(400);
        // The call tree names the application's frames and hides the runs between them.
        assertThat(dom).contains("<span class=\"name\">org.springframework.samples.petclinic.owner.OwnerController.processFindForm</span>")
                .containsPattern("<span class=\"name\">\\[2\\d frames hidden]</span>");
    }

    @Test
    void traceAndSpanIds_inTheSummary() throws Exception {
        String dom = render(dev.hotline.core.format.SampleProfiles.traced(CheckoutFixture.checkout()));
        assertThat(dom).contains("data-state=\"ready\"", "<b>Trace</b>4bf92f3577b34da6a3ce929d0e0e4736", "<b>Span</b>00f067aa0ba902b7");
        assertThat(render(CheckoutFixture.checkout())).doesNotContain("<b>Trace</b>", "<b>Span</b>");
    }

    @Test
    void hostileStringsRenderAsText() throws Exception {
        String dom = render(CheckoutFixture.hostile());
        assertThat(dom).contains("data-state=\"ready\"");
        assertThat(dom.split("<script", -1)).as("no script element added").hasSize(3);
        assertThat(dom).doesNotContain("<img", "onerror=\"", "<iframe");
        assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("E\\u000avil.java");
    }

    private String render(Profile p) throws IOException, InterruptedException {
        Path page = dir.resolve("profile.html");
        Files.write(page, CheckoutFixture.bytes(HtmlWriterTest.writer(), p));
        return renderedDom(page, dir);
    }

    /** The DOM of {@code page} after headless Chromium ran its scripts; {@code dir} holds its scratch files. */
    static String renderedDom(Path page, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("dom.html");
        Path err = dir.resolve("chromium.log");
        List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + dir.resolve("profile-dir"),
                "--dump-dom", page.toUri().toString());
        Process proc = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!proc.waitFor(120, TimeUnit.SECONDS)) {
            proc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish in 120 s: " + Files.readString(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(proc.exitValue()).as("chromium exit code; log: %s", Files.readString(err)).isZero();
        assertThat(dom).as("chromium log: %s", Files.readString(err)).contains("</html>");
        return dom;
    }
}
