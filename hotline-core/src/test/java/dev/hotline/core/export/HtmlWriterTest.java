package dev.hotline.core.export;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hotline.core.export.CheckoutFixture.ATTRIBUTE;
import static dev.hotline.core.export.CheckoutFixture.SCRIPT;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTML page as text: self-contained, its data only in the JSON blob, the blob escaped and readable. */
class HtmlWriterTest {
    static final String DATA_OPEN = "<script type=\"application/json\" id=\"profile-data\">";

    static HtmlWriter writer() {
        ReportOptions options = ReportOptions.builder().sourcePaths(List.of(CheckoutFixture.acmeSources())).build();
        return new HtmlWriter(options, new SourceLocator(options.sourcePaths(), null));
    }

    static String blob(String html) {
        int start = html.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return html.substring(start, html.indexOf("</script>", start));
    }

    @Test
    void isRegisteredByNameAndExtensions() {
        assertThat(ProfileFormats.byName("html")).isInstanceOf(HtmlWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("p.html"))).isInstanceOf(HtmlWriter.class);
        assertThat(ProfileFormats.forFile(Path.of("P.HTM"))).isInstanceOf(HtmlWriter.class);
    }

    @Test
    void matchesTheGoldenFile() throws Exception {
        CheckoutFixture.assertGolden("checkout.html", CheckoutFixture.bytes(writer(), CheckoutFixture.checkout()));
    }

    @Test
    void referencesNothingOutsideTheFile() {
        String html = CheckoutFixture.text(writer(), CheckoutFixture.checkout());
        assertThat(html).doesNotContain("http://", "https://", "//cdn", "<link", "@import", "url(", "src=", "<iframe",
                "<img", "<object", "<embed", "fetch(", "XMLHttpRequest", "WebSocket", "innerHTML", "outerHTML",
                "insertAdjacentHTML", "document.write", "eval(", "new Function");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ");
        // No machine paths either: the sources were found, but only their text is embedded.
        assertThat(html).doesNotContain(CheckoutFixture.acmeSources().toString());
    }

    @Test
    void policyHashesMatchTheTemplatesOwnScriptAndStyle() throws Exception {
        String template = HtmlWriter.template();
        String policy = between(template, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
        String script = between(template, "<script>", "</script>");
        String style = between(template, "<style>", "</style>");
        assertThat(policy).as("update the template's policy after editing its script or style")
                .contains("script-src 'sha256-" + sha256(script) + "'")
                .contains("style-src 'sha256-" + sha256(style) + "'")
                .doesNotContain("unsafe");
        assertThat(template.split("<script", -1)).as("one data element and one script").hasSize(3);
    }

    @Test
    void theBlobIsTheProfileDocumentPlusThePagesData() throws Exception {
        Profile p = CheckoutFixture.checkout();
        String html = CheckoutFixture.text(writer(), p);
        assertThat(html).doesNotContain(HtmlWriter.PLACEHOLDER);
        String blob = blob(html);
        Profile back = ProfileJson.fromJson(blob);
        assertThat(ProfileJson.toJson(back)).isEqualTo(ProfileJson.toJson(p));
        assertThat(blob).contains("\"libraryNodes\": \"0111110")
                .contains("\"Receipt receipt = checkout.pay(id);\"", "\"gateway.charge(cart.total());\"");
    }

    @Test
    void hostileStringsAppearOnlyEscapedInTheBlob() throws Exception {
        Profile p = CheckoutFixture.hostile();
        String html = CheckoutFixture.text(writer(), p);
        String blob = blob(html);
        assertThat(blob).doesNotContain("<", ">", "&");
        assertThat(html).doesNotContain(SCRIPT, ATTRIBUTE, "alert(1)</", "<img", "<!--");
        assertThat(html.split("<script", -1)).hasSize(3);
        assertThat(html.replace(blob, "")).doesNotContain("alert");
        assertThat(blob).contains("\\u003c\\/script\\u003e\\u003cscript\\u003ealert(1)\\u003c\\/script\\u003e");
        Profile back = ProfileJson.fromJson(blob);
        assertThat(back.request().path()).isEqualTo("/x" + SCRIPT);
        assertThat(back.request().query()).isEqualTo("q=" + ATTRIBUTE);
        assertThat(back.notes()).contains("note " + SCRIPT + ATTRIBUTE);
        assertThat(back.methods()).extracting(m -> m.method().className()).contains("com.evil." + SCRIPT);
    }

    @Test
    void escapesWhatJsonAllowsRawButAPageMustNot() {
        StringBuilder b = new StringBuilder();
        HtmlData.quote(b, "a\"b\\c\n\u2028\u0001\ud800x\ud83d\ude00");
        assertThat(b).hasToString("\"a\\\"b\\\\c\\u000a\\u2028\\u0001\\ud800x\ud83d\ude00\"");
        assertThat(HtmlWriter.scriptSafe("{\"a\": \"</script><!-- & -->\"}"))
                .isEqualTo("{\"a\": \"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\"}");
        assertThat(HtmlData.code("\tint x = 1;  ")).isEqualTo("int x = 1;");
        assertThat(HtmlData.code("x".repeat(500))).hasSize(HtmlData.MAX_CODE + 3);
    }

    @Test
    void writesAnEmptyProfile() throws Exception {
        Profile p = new dev.hotline.core.model.ProfileBuilder().build("e", new dev.hotline.core.model.RequestInfo("GET",
                "/", null, 204, CheckoutFixture.START, 1, null), "java", CheckoutFixture.MS, false);
        String html = CheckoutFixture.text(new HtmlWriter(), p);
        assertThat(ProfileJson.fromJson(blob(html)).id()).isEqualTo("e");
        assertThat(blob(html)).contains("\"code\": []");
    }

    static String between(String s, String open, String close) {
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL).matcher(s);
        assertThat(m.find()).as("%s...%s", open, close).isTrue();
        return m.group(1);
    }

    static String sha256(String s) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
