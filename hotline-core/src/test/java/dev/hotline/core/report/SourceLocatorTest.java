package dev.hotline.core.report;

import dev.hotline.core.report.fixtures.Shop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.hotline.core.report.TestProfiles.SHOP;
import static dev.hotline.core.report.TestProfiles.shopLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class SourceLocatorTest {
    @TempDir
    Path tmp;

    private final ClassLoader testLoader = Shop.class.getClassLoader();

    @Test
    void relativePaths() {
        assertThat(SourceLocator.relativePath("com.acme.Shop", "Shop.java")).isEqualTo("com/acme/Shop.java");
        assertThat(SourceLocator.relativePath("com.acme.Shop$Cart", null)).isEqualTo("com/acme/Shop.java");
        assertThat(SourceLocator.relativePath("com.acme.Shop$$Lambda/0x0000000801001", null))
                .isEqualTo("com/acme/Shop.java");
        assertThat(SourceLocator.relativePath("com.acme.ShopKt", "Shop.kt")).isEqualTo("com/acme/Shop.kt");
        assertThat(SourceLocator.relativePath("Main", null)).isEqualTo("Main.java");
        assertThat(SourceLocator.relativePath("com.sun.proxy.$Proxy12", null)).isEqualTo("com/sun/proxy/$Proxy12.java");
    }

    @Test
    void namesThatWouldEscapeTheSourceRootGiveNoPath() {
        assertThat(SourceLocator.relativePath("com.acme.Shop", "../../etc/passwd")).isNull();
        assertThat(SourceLocator.relativePath("com.acme.Shop", "..")).isNull();
        assertThat(SourceLocator.relativePath("com.acme.Shop", "C:\\x.java")).isNull();
        assertThat(SourceLocator.relativePath("com..acme.Shop", null)).isNull();
        assertThat(SourceLocator.relativePath(".Shop", null)).isNull();
        assertThat(SourceLocator.relativePath("com.acme.Shop", "Sh\nop.java")).isNull();
        assertThat(SourceLocator.relativePath("com.acme.Shop", "")).isNull();
    }

    @Test
    void findsTestSourcesNextToTestClasses() {
        SourceLocator locator = new SourceLocator(List.of(), testLoader);
        SourceFile src = locator.find(SHOP, "Shop.java");
        assertThat(src).isNotNull();
        assertThat(Path.of(src.location()).toAbsolutePath())
                .isEqualTo(TestProfiles.shopSource().toAbsolutePath());
        assertThat(src.line(shopLine("Thread.sleep(5)"))).contains("Thread.sleep(5);");
        assertThat(src.line(0)).isNull();
        assertThat(src.line(src.lineCount() + 1)).isNull();
        assertThat(locator.find(SHOP, "Shop.java")).as("cached").isSameAs(src);
    }

    @Test
    void guessesTheOuterClassFileForNestedClassesWithoutFileName() {
        SourceFile src = new SourceLocator(List.of(), testLoader).find(SHOP + "$Cart", null);
        assertThat(src).isNotNull();
        assertThat(src.line(shopLine("return items * 2L;"))).contains("items * 2L");
    }

    @Test
    void configuredRootsComeFirst() throws IOException {
        Path file = tmp.resolve("dev/hotline/core/report/fixtures/Shop.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "first\r\nsecond\rthird\n");
        SourceFile src = new SourceLocator(List.of(tmp.resolve("missing"), tmp), testLoader).find(SHOP, "Shop.java");
        assertThat(src.location()).isEqualTo(file.toString());
        assertThat(src.lineCount()).isEqualTo(3);
        assertThat(src.line(2)).isEqualTo("second");
        assertThat(src.line(3)).isEqualTo("third");
    }

    @Test
    void readsTheSiblingSourcesJar() throws IOException {
        Path jar = tmp.resolve("repo/com/foo/foo/1.0/foo-1.0.jar");
        Files.createDirectories(jar.getParent());
        zip(jar, Map.of("com/foo/Widget.class", "not really a class: it is never loaded"));
        zip(jar.resolveSibling("foo-1.0-sources.jar"), Map.of("com/foo/Widget.java",
                "package com.foo;\n\npublic class Widget {\n    void spin() { for (;;) {} }\n}\n"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            SourceLocator locator = new SourceLocator(List.of(), loader);
            SourceFile src = locator.find("com.foo.Widget", "Widget.java");
            assertThat(src).isNotNull();
            assertThat(src.location()).endsWith("foo-1.0-sources.jar!/com/foo/Widget.java");
            assertThat(src.line(4)).isEqualTo("    void spin() { for (;;) {} }");
            assertThat(locator.find("com.foo.Widget$Gear", null)).as("nested, by the outer class").isNotNull();
            assertThat(locator.find("com.foo.Missing", "Missing.java")).isNull();
        }
    }

    @Test
    void aJarWithoutSourcesGivesNothing() throws IOException {
        Path jar = tmp.resolve("bar-2.0.jar");
        zip(jar, Map.of("com/bar/Bar.class", "x"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(new SourceLocator(List.of(), loader).find("com.bar.Bar", "Bar.java")).isNull();
        }
    }

    @Test
    void fallsBackToLatin1AndDropsTheByteOrderMark() throws IOException {
        Path latin = tmp.resolve("a/Latin.java");
        Files.createDirectories(latin.getParent());
        Files.write(latin, "// caf\u00e9\nclass Latin {}\n".getBytes(StandardCharsets.ISO_8859_1));
        Path bom = tmp.resolve("a/Bom.java");
        Files.write(bom, ("\uFEFFclass Bom {} // \u00e9t\u00e9\n").getBytes(StandardCharsets.UTF_8));
        SourceLocator locator = new SourceLocator(List.of(tmp), null);
        assertThat(locator.find("a.Latin", "Latin.java").line(1)).isEqualTo("// caf\u00e9");
        assertThat(locator.find("a.Bom", "Bom.java").line(1)).isEqualTo("class Bom {} // \u00e9t\u00e9");
    }

    @Test
    void capsHugeFilesAtTheLastWholeLine() throws IOException {
        Path big = tmp.resolve("g/Generated.java");
        Files.createDirectories(big.getParent());
        Files.writeString(big, ("x".repeat(99) + "\n").repeat(25_000), StandardCharsets.US_ASCII);
        SourceFile src = new SourceLocator(List.of(tmp), null).find("g.Generated", "Generated.java");
        assertThat(src.lineCount()).isEqualTo(SourceLocator.MAX_FILE_BYTES / 100);
        assertThat(src.line(src.lineCount())).hasSize(99);
    }

    @Test
    void neverThrowsForMissingOrOddInput() {
        SourceLocator locator = new SourceLocator(List.of(tmp, Path.of("/nonexistent/root")), testLoader);
        assertThat(locator.find("com.nowhere.Ghost", "Ghost.java")).isNull();
        assertThat(locator.find("com.nowhere.Ghost", "../Ghost.java")).isNull();
        assertThat(locator.find("\u0000.Ghost", null)).isNull();
        assertThat(locator.find(null, null)).isNull();
        assertThat(new SourceLocator(List.of(), null).find(SHOP, "Shop.java")).isNull();
    }

    @Test
    void mavenAndGradleLayouts() {
        Path m = Path.of("/p/mod");
        assertThat(SourceLocator.candidates(m.resolve("target/classes"), "a/B.java")).containsExactly(
                m.resolve("target/classes/a/B.java"), m.resolve("src/main/java/a/B.java"),
                m.resolve("src/main/kotlin/a/B.java"));
        assertThat(SourceLocator.candidates(m.resolve("target/test-classes"), "a/B.java")).contains(
                m.resolve("src/test/java/a/B.java"));
        assertThat(SourceLocator.candidates(m.resolve("build/classes/kotlin/main"), "a/B.kt")).contains(
                m.resolve("src/main/kotlin/a/B.kt"));
        assertThat(SourceLocator.candidates(Path.of("/classes"), "a/B.java")).containsExactly(Path.of("/classes/a/B.java"));
    }

    @Test
    void findsJdkSourcesWhenTheJdkShipsThem() {
        Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        assumeThat(Files.isRegularFile(srcZip)).as("this JDK has lib/src.zip").isTrue();
        SourceFile src = new SourceLocator(List.of(), ClassLoader.getSystemClassLoader())
                .find("java.lang.Thread", "Thread.java");
        assertThat(src).isNotNull();
        assertThat(src.location()).endsWith("src.zip!/java.base/java/lang/Thread.java");
    }

    private static void zip(Path file, Map<String, String> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
