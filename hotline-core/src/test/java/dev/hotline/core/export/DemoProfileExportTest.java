package dev.hotline.core.export;

import com.google.protobuf.DynamicMessage;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile recorded from the demo app ({@code GET /fanout}: five threads, async-profiler) goes through every
 * export format, and each file is accepted by a reader that is not Hotline's: speedscope's own JSON schema,
 * pprof's official profile.proto through protobuf-java, valgrind's callgrind_annotate, headless Chromium.
 * The profile is a file saved by the demo's profile directory, kept as a test resource.
 */
class DemoProfileExportTest {
    static Profile demo;
    @TempDir Path dir;

    @BeforeAll
    static void load() throws Exception {
        demo = ProfileJson.read(FormatChecks.MODULE.resolve("src/test/resources/dev/hotline/core/export/demo-fanout.json"));
        assertThat(demo.threads()).hasSizeGreaterThan(1);
    }

    private Path export(String format, String fileName) throws Exception {
        ProfileWriter w = ProfileFormats.byName(format);
        assertThat(w).as(format).isNotNull();
        Path f = dir.resolve(fileName);
        Files.write(f, FormatChecks.write(w, demo));
        return f;
    }

    @Test
    void everyRegisteredFormatWritesTheDemoProfile() {
        for (ProfileWriter w : ProfileFormats.all()) {
            assertThat(FormatChecks.write(w, demo)).as(w.name()).isNotEmpty();
        }
    }

    @Test
    void hotlineJsonReadsBack() throws Exception {
        Profile back = ProfileJson.read(export("hotline", "demo.json"));
        assertThat(ProfileJson.toJson(back)).isEqualTo(ProfileJson.toJson(demo));
    }

    @Test
    void speedscopeFileMatchesSpeedscopesSchema() throws Exception {
        SpeedscopeSchema.requireValidator();
        FormatChecks.Result r = SpeedscopeSchema.validate(List.of(export("speedscope", "demo.speedscope.json")));
        assertThat(r.exitCode()).as(SpeedscopeSchema.describe(r)).isZero();
    }

    @Test
    void collapsedStacksParseBack() throws Exception {
        Path f = export("collapsed-lines", "demo.lines.collapsed");
        Profile back = CollapsedStacks.read(f, demo.sampling().intervalNs());
        assertThat(back.sampling().sampleCount()).isEqualTo(demo.sampling().sampleCount());
    }

    @Test
    void pprofDecodesWithTheOfficialProto() throws Exception {
        var type = PprofProto.profileType();
        byte[] gz = Files.readAllBytes(export("pprof", "demo.pb.gz"));
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        DynamicMessage p = DynamicMessage.parseFrom(type, raw);
        var sampleField = type.findFieldByName("sample");
        var valueField = sampleField.getMessageType().findFieldByName("value");
        long wall = 0, count = 0;
        for (int i = 0; i < p.getRepeatedFieldCount(sampleField); i++) {
            DynamicMessage s = (DynamicMessage) p.getRepeatedField(sampleField, i);
            wall += (Long) s.getRepeatedField(valueField, 0);
            count += (Long) s.getRepeatedField(valueField, 1);
        }
        assertThat(wall).isEqualTo(demo.sampling().sampledNs());
        assertThat(count).isEqualTo(demo.sampling().sampleCount());
    }

    @Test
    void callgrindAnnotateReadsTheCallgrindFile() throws Exception {
        CallgrindAnnotateTest.needTool();
        Path f = export("callgrind", "callgrind.out.demo");
        Process proc = new ProcessBuilder(CallgrindAnnotateTest.TOOL.toString(), "--threshold=100", f.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(out).isZero();
        assertThat(out).doesNotContainIgnoringCase("warning");
        Map<String, long[]> functions = CallgrindAnnotateTest.functions(out);
        long self = functions.values().stream().mapToLong(v -> v[0]).sum();
        assertThat(self).as("self costs add up to the sampled time").isEqualTo(demo.sampling().sampledNs());
    }

    @Test
    void htmlCarriesTheProfileAndRendersInChromium() throws Exception {
        Path f = export("html", "demo.html");
        String html = Files.readString(f);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http");
        Profile embedded = ProfileJson.read(new InputStreamReader(new ByteArrayInputStream(
                HtmlWriterTest.blob(html).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        assertThat(embedded.id()).isEqualTo(demo.id());
        HtmlBrowserTest.needBrowser();
        String dom = HtmlBrowserTest.renderedDom(f, dir);
        assertThat(dom).contains("SupplierQuotes");
    }

    @Test
    void pstatsTableListsTheDemoMethods() throws Exception {
        String text = Files.readString(export("pstats", "demo.pstats.txt"));
        List<String> rows = new ArrayList<>(List.of(text.split("\n")));
        assertThat(rows).anyMatch(r -> r.contains("dev/hotline/demo/SupplierQuotes.java:39(SupplierQuotes.ask)"));
        assertThat(rows).as("generated class names are stable").noneMatch(r -> r.contains("0x0"));
    }
}
