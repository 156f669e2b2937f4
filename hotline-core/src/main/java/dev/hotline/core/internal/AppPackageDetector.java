package dev.hotline.core.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the application's packages from what the JVM shows: the main class, and where classes were loaded from.
 * Used by {@code dev.hotline.core.ApplicationCode}; not an API.
 */
public final class AppPackageDetector {
    /** Main classes that start a container, a build tool or a launcher rather than name the application. */
    static final List<String> LAUNCHERS = List.of("org.springframework.boot.loader", "org.apache.catalina",
            "org.apache.tomcat", "org.eclipse.jetty", "io.undertow", "org.codehaus.plexus.classworlds", "org.apache.maven",
            "org.gradle", "worker.org.gradle", "com.intellij", "org.jetbrains", "org.junit", "jdk", "sun", "com.sun", "java",
            "org.jboss.modules", "org.wildfly", "org.glassfish", "com.ibm.ws", "dev.hotline.cli");
    /** The profiler's own modules: never the application, even when loaded from a directory. */
    static final List<String> HOTLINE = List.of("dev.hotline.core", "dev.hotline.servlet", "dev.hotline.agent",
            "dev.hotline.ui", "dev.hotline.cli", "dev.hotline.spring", "one.profiler");
    /** Bounds a walk over a class directory, so a huge tree cannot stall the pipeline. */
    static final int MAX_FILES = 20_000;
    static final int MAX_PACKAGES = 16;

    private AppPackageDetector() {}

    /** What detection reads from the JVM. */
    public record Jvm(String command, String classPath, Path workingDir) {
        public static final Jvm NONE = new Jvm(null, null, null);

        public static Jvm current() {
            return new Jvm(System.getProperty("sun.java.command"), System.getProperty("java.class.path"),
                    Path.of(System.getProperty("user.dir", ".")));
        }
    }

    /**
     * The main class's package: {@code java -jar app.jar} reads the jar's {@code Start-Class} (Spring Boot) or
     * {@code Main-Class}, and a fat jar's {@code BOOT-INF/classes} or {@code WEB-INF/classes}; {@code java -cp ...
     * com.acme.Main} names it.
     */
    public static List<String> fromCommand(Jvm jvm) {
        if (jvm.command() == null || jvm.command().isBlank()) return List.of();
        String first = jvm.command().strip().split("\\s+", 2)[0];
        if (first.toLowerCase(Locale.ROOT).endsWith(".jar") || first.toLowerCase(Locale.ROOT).endsWith(".war")) {
            Path jar = jvm.workingDir() == null ? Path.of(first) : jvm.workingDir().resolve(first);
            return fromJar(jar);
        }
        String pkg = mainPackage(first);
        return pkg == null ? List.of() : List.of(pkg);
    }

    /** Packages of the classes in the class path's directories (an IDE or {@code mvn spring-boot:run}). */
    public static List<String> fromClassPath(Jvm jvm) {
        if (jvm.classPath() == null || jvm.classPath().isBlank()) return List.of();
        Set<String> out = new LinkedHashSet<>();
        for (String entry : jvm.classPath().split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = jvm.workingDir() == null ? Path.of(entry) : jvm.workingDir().resolve(entry);
            if (Files.isDirectory(p)) out.addAll(packagesIn(p));
        }
        return List.copyOf(out);
    }

    /**
     * Packages under a location classes were loaded from, when it is application code: a directory, or a jar's
     * {@code BOOT-INF/classes} or {@code WEB-INF/classes}. A library jar gives nothing.
     */
    public static List<String> fromLocation(URL location) {
        String s = location.toString();
        try {
            if (s.startsWith("file:")) {
                Path p = Path.of(location.toURI());
                if (Files.isDirectory(p)) return packagesIn(p);
                return List.of();
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return List.of();
        }
        for (String root : List.of("BOOT-INF/classes", "WEB-INF/classes")) {
            int at = s.indexOf(root);
            if (at < 0) continue;
            Path jar = jarOf(s.substring(0, at));
            if (jar != null && Files.isRegularFile(jar)) return packagesInJar(jar, root + "/");
        }
        return List.of();
    }

    /** Packages of the classes loaded from a directory, {@code BOOT-INF/classes} or {@code WEB-INF/classes}. */
    public static List<String> fromClasses(Iterable<Class<?>> classes) {
        Set<String> out = new LinkedHashSet<>();
        Map<URL, Boolean> appLocations = new LinkedHashMap<>();
        for (Class<?> c : classes) {
            if (c.isArray() || c.isPrimitive() || c.isSynthetic() || c.getClassLoader() == null) continue;
            String pkg = c.getPackageName();
            if (pkg.isEmpty() || isHotline(pkg)) continue;
            URL where;
            try {
                CodeSource cs = c.getProtectionDomain().getCodeSource();
                where = cs == null ? null : cs.getLocation();
            } catch (SecurityException e) {
                continue;
            }
            if (where == null) continue;
            if (appLocations.computeIfAbsent(where, AppPackageDetector::isApplicationLocation)) out.add(pkg);
        }
        return List.copyOf(out);
    }

    /** Whether classes from {@code location} are the application's: a directory, BOOT-INF/classes, WEB-INF/classes. */
    static boolean isApplicationLocation(URL location) {
        String s = location.toString();
        if (s.contains("BOOT-INF/classes") || s.contains("WEB-INF/classes")) return true;
        if (!s.startsWith("file:")) return false;
        try {
            return Files.isDirectory(Path.of(location.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A few prefixes covering the packages: grouped by their first two segments, each group's longest common
     * prefix; prefixes inside another are dropped.
     */
    public static List<String> reduce(Collection<String> packages) {
        Map<String, String> byGroup = new LinkedHashMap<>();
        for (String p : packages) {
            if (p == null || p.isBlank() || isHotline(p)) continue;
            String[] parts = p.split("\\.");
            String group = parts.length >= 2 ? parts[0] + '.' + parts[1] : parts[0];
            byGroup.merge(group, p, AppPackageDetector::commonPrefix);
        }
        List<String> out = new ArrayList<>();
        for (String p : byGroup.values()) {
            if (out.stream().noneMatch(o -> covers(o, p))) {
                out.removeIf(o -> covers(p, o));
                out.add(p);
            }
        }
        out.sort(null);
        return out.size() > MAX_PACKAGES ? List.copyOf(out.subList(0, MAX_PACKAGES)) : List.copyOf(out);
    }

    private static boolean covers(String prefix, String pkg) {
        return pkg.equals(prefix) || pkg.startsWith(prefix + '.');
    }

    private static String commonPrefix(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        int n = 0;
        while (n < x.length && n < y.length && x[n].equals(y[n])) n++;
        return String.join(".", List.of(x).subList(0, n));
    }

    static boolean isHotline(String pkg) {
        for (String h : HOTLINE) if (covers(h, pkg)) return true;
        return false;
    }

    /** Package of a main class, or {@code null} for a launcher, the default package or not a class name. */
    static String mainPackage(String className) {
        if (className == null || !className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)+")) return null;
        for (String l : LAUNCHERS) if (covers(l, className)) return null;
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return isHotline(pkg) ? null : pkg;
    }

    static List<String> fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) return List.of();
        Set<String> out = new LinkedHashSet<>();
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Attributes main = f.getManifest() == null ? null : f.getManifest().getMainAttributes();
            if (main != null) {
                String start = main.getValue("Start-Class");
                String pkg = mainPackage(start != null ? start : main.getValue("Main-Class"));
                if (pkg != null) out.add(pkg);
            }
            out.addAll(entriesUnder(f, "BOOT-INF/classes/"));
            out.addAll(entriesUnder(f, "WEB-INF/classes/"));
        } catch (IOException | SecurityException e) {
            return List.copyOf(out);
        }
        return List.copyOf(out);
    }

    static List<String> packagesInJar(Path jar, String root) {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            return entriesUnder(f, root);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    private static List<String> entriesUnder(JarFile f, String root) {
        Set<String> out = new LinkedHashSet<>();
        Enumeration<JarEntry> entries = f.entries();
        int seen = 0;
        while (entries.hasMoreElements() && seen++ < MAX_FILES) {
            String name = entries.nextElement().getName();
            if (name.startsWith(root)) addClassFile(out, name.substring(root.length()));
        }
        return List.copyOf(out);
    }

    static List<String> packagesIn(Path dir) {
        Set<String> out = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.limit(MAX_FILES).filter(Files::isRegularFile)
                    .forEach(p -> addClassFile(out, dir.relativize(p).toString().replace(File.separatorChar, '/')));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return List.copyOf(out);
        }
        return List.copyOf(out);
    }

    private static void addClassFile(Set<String> out, String relative) {
        if (!relative.endsWith(".class") || relative.startsWith("META-INF/")) return;
        int slash = relative.lastIndexOf('/');
        if (slash <= 0) return;
        String file = relative.substring(slash + 1);
        if (file.equals("module-info.class") || file.equals("package-info.class")) return;
        out.add(relative.substring(0, slash).replace('/', '.'));
    }

    /** The jar file a {@code jar:file:/app.jar!/} or {@code nested:/app.jar/!} URL prefix points into. */
    private static Path jarOf(String prefix) {
        String s = prefix;
        if (s.startsWith("jar:")) s = s.substring(4);
        if (s.startsWith("nested:")) s = "file:" + s.substring(7);
        int bang = s.indexOf('!');
        if (bang >= 0) s = s.substring(0, bang);
        while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        try {
            return Path.of(java.net.URI.create(s));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }
}
