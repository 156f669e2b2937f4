package dev.hotline.core;

import dev.hotline.core.internal.AppPackageDetector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationCodeTest {
    @TempDir Path dir;

    @Test
    void configuredPackagesWin() throws IOException {
        Path classes = classDir("target/classes", "com/acme/shop/Cart.class");
        HotlineConfig config = HotlineConfig.builder().includePackages("org.example.mine").build();
        ApplicationCode code = ApplicationCode.of(config);
        code.addClassRoot(classes.toUri().toURL());
        assertThat(code.configured()).isTrue();
        assertThat(code.packages()).containsExactly("org.example.mine");
    }

    @Test
    void agentPackagesCountAsConfigured() {
        HotlineConfig config = HotlineConfig.builder().packages("com.acme").build();
        assertThat(ApplicationCode.of(config).packages()).containsExactly("com.acme");
    }

    @Test
    void springBootJarStartClassNamesTheApp_notTheLauncher() throws IOException {
        Path jar = jar("target/petclinic.jar", "org.springframework.boot.loader.launch.JarLauncher",
                "org.springframework.samples.petclinic.PetClinicApplication",
                "BOOT-INF/classes/org/springframework/samples/petclinic/owner/OwnerController.class",
                "BOOT-INF/classes/org/springframework/samples/petclinic/vet/Vet.class",
                "BOOT-INF/lib/spring-web.jar",
                "org/springframework/boot/loader/launch/JarLauncher.class");
        ApplicationCode code = ApplicationCode.detecting("target/petclinic.jar --server.port=0", jar.toString(), dir);
        assertThat(code.packages()).containsExactly("org.springframework.samples.petclinic");
    }

    @Test
    void plainJarMainClassNamesTheApp() throws IOException {
        jar("app.jar", "com.acme.shop.Main", null, "com/acme/shop/Main.class", "org/slf4j/Logger.class");
        ApplicationCode code = ApplicationCode.detecting("app.jar", "app.jar", dir);
        assertThat(code.packages()).containsExactly("com.acme.shop");
    }

    @Test
    void mainClassOnTheCommandLine_butNotAContainerLauncher() {
        assertThat(ApplicationCode.detecting("com.acme.Main --port 1", "", dir).packages()).containsExactly("com.acme");
        assertThat(ApplicationCode.detecting("org.apache.catalina.startup.Bootstrap start", "", dir).packages()).isEmpty();
        assertThat(ApplicationCode.detecting("org.eclipse.jetty.start.Main", "", dir).packages()).isEmpty();
    }

    @Test
    void classesFromADirectoryAreTheApp_classesFromAJarAreNot() throws IOException {
        Path classes = classDir("target/classes", "org/springframework/samples/petclinic/owner/Owner.class",
                "org/springframework/samples/petclinic/vet/Vet.class", "org/springframework/samples/petclinic/package-info.class");
        Path lib = jar("lib/spring-web.jar", null, null, "org/springframework/web/Foo.class");
        String cp = classes + java.io.File.pathSeparator + lib;
        ApplicationCode code = ApplicationCode.detecting("org.springframework.samples.petclinic.PetClinicApplication", cp, dir);
        assertThat(code.packages()).containsExactly("org.springframework.samples.petclinic");
        assertThat(AppPackageDetector.fromLocation(lib.toUri().toURL())).isEmpty();
    }

    @Test
    void webInfClassesReportedByTheContainer() throws IOException {
        Path war = dir.resolve("shop.war");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(war))) {
            out.putNextEntry(new JarEntry("WEB-INF/classes/com/acme/web/Checkout.class"));
            out.putNextEntry(new JarEntry("WEB-INF/lib/lib.jar"));
        }
        ApplicationCode code = ApplicationCode.detecting("org.apache.catalina.startup.Bootstrap start", "", dir);
        code.addClassRoot(new java.net.URL("jar:" + war.toUri() + "!/WEB-INF/classes/"));
        assertThat(code.packages()).containsExactly("com.acme.web");
        Path exploded = classDir("webapps/shop/WEB-INF/classes", "com/acme/web/Cart.class", "com/acme/db/Orders.class");
        ApplicationCode dirs = ApplicationCode.detecting("org.apache.catalina.startup.Bootstrap start", "", dir);
        dirs.addClassRoot(exploded.toUri().toURL());
        assertThat(dirs.packages()).containsExactly("com.acme");
    }

    @Test
    void loadedClassesFromDirectoriesCount_hotlineAndJdkDoNot() {
        // This test's own class comes from target/test-classes, a directory, yet it is Hotline's package.
        List<String> found = AppPackageDetector.fromClasses(List.of(ApplicationCodeTest.class, String.class,
                Test.class));
        assertThat(found).isEmpty();
    }

    @Test
    void loadedClasses_fromADirectoryAreTheApp_fromAJarAreNot() throws Exception {
        Path classes = dir.resolve("classes");
        Path src = dir.resolve("src/com/acme/shop/Cart.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package com.acme.shop; public class Cart {}");
        Path libSrc = dir.resolve("src/org/lib/Util.java");
        Files.createDirectories(libSrc.getParent());
        Files.writeString(libSrc, "package org.lib; public class Util {}");
        javax.tools.JavaCompiler javac = javax.tools.ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), src.toString(), libSrc.toString())).isZero();
        Path lib = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(lib))) {
            out.putNextEntry(new JarEntry("org/lib/Util.class"));
            out.write(Files.readAllBytes(classes.resolve("org/lib/Util.class")));
            out.closeEntry();
        }
        try (java.net.URLClassLoader app = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, null);
             java.net.URLClassLoader jar = new java.net.URLClassLoader(new java.net.URL[] {lib.toUri().toURL()}, null)) {
            Class<?> cart = app.loadClass("com.acme.shop.Cart");
            Class<?> util = jar.loadClass("org.lib.Util");
            ApplicationCode code = ApplicationCode.detecting(null, null, dir);
            code.addLoadedClasses(() -> List.of(cart, util, String.class));
            assertThat(code.packages()).containsExactly("com.acme.shop");
        }
    }

    @Test
    void reduceKeepsOnePrefixPerGroup() {
        assertThat(AppPackageDetector.reduce(List.of("com.acme.shop.web", "com.acme.shop.db", "com.acme.shop",
                "org.example.tools", "dev.hotline.servlet")))
                .containsExactly("com.acme.shop", "org.example.tools");
    }

    @Test
    void nothingFound_isEmpty() {
        assertThat(ApplicationCode.detecting(null, null, dir).packages()).isEmpty();
    }

    private Path classDir(String root, String... classFiles) throws IOException {
        Path r = dir.resolve(root);
        for (String f : classFiles) {
            Path p = r.resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {(byte) 0xCA, (byte) 0xFE});
        }
        return r;
    }

    private Path jar(String name, String mainClass, String startClass, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        Files.createDirectories(jar.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        if (startClass != null) m.getMainAttributes().putValue("Start-Class", startClass);
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, m)) {
            for (String e : entries) {
                out.putNextEntry(new JarEntry(e));
                out.closeEntry();
            }
        }
        return jar;
    }
}
