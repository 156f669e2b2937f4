package dev.hotline.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sources of an application run as a packaged jar: {@code java -jar target/app.jar} and Spring Boot's BOOT-INF/classes. */
class PackagedSourcesTest {
    @TempDir Path project;

    private Path setUp(String entryPrefix) throws Exception {
        Path src = project.resolve("src/main/java/com/acme/Shop.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package com.acme;\nclass Shop {\n    int pay() { return 42; }\n}\n");
        Path jar = project.resolve("target/app.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry(entryPrefix + "com/acme/Shop.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void plainJarInTarget_findsTheProjectsSrcMainJava() throws Exception {
        Path jar = setUp("");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            SourceFile f = new SourceLocator(List.of(), loader).find("com.acme.Shop", "Shop.java");
            assertThat(f).isNotNull();
            assertThat(f.location()).isEqualTo(project.resolve("src/main/java/com/acme/Shop.java").toString());
            assertThat(f.line(3)).contains("return 42;");
        }
    }

    @Test
    void springBootBootInfClasses_mapToSrcMainJava() throws Exception {
        Path jar = setUp("BOOT-INF/classes/");
        URL nestedStyle = new URL("jar:" + jar.toUri() + "!/BOOT-INF/classes!/com/acme/Shop.class");
        ClassLoader loader = new ClassLoader(null) {
            @Override
            public URL getResource(String name) {
                return name.equals("com/acme/Shop.class") ? nestedStyle : null;
            }
        };
        SourceFile f = new SourceLocator(List.of(), loader).find("com.acme.Shop", "Shop.java");
        assertThat(f).isNotNull();
        assertThat(f.location()).isEqualTo(project.resolve("src/main/java/com/acme/Shop.java").toString());
    }

    @Test
    void springBoot32NestedUrls_andTheWorkingDirectory() throws MalformedURLException {
        String rel = "com/acme/Shop.java";
        Path elsewhere = Path.of("/opt/app");
        assertThat(SourceLocator.packagedCandidates("jar:nested:" + project.resolve("target/app.jar") + "/!BOOT-INF/classes/!/com/acme/Shop.class",
                rel, elsewhere)).startsWith(project.resolve("src/main/java").resolve(rel));
        // A jar outside target/: run from the project directory, its src/main/java.
        assertThat(SourceLocator.packagedCandidates("jar:file:/opt/app/app.jar!/BOOT-INF/classes!/com/acme/Shop.class", rel, project))
                .containsExactly(project.resolve("src/main/java").resolve(rel), project.resolve("src/main/kotlin").resolve(rel));
        // Libraries nested in the fat jar are not the project's.
        assertThat(SourceLocator.packagedCandidates("jar:nested:/opt/app/app.jar/!BOOT-INF/lib/spring-web.jar!/org/x/Y.class",
                "org/x/Y.java", project)).isEmpty();
    }
}
