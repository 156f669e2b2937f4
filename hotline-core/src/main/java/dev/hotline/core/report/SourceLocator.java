package dev.hotline.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the source text of the file a class was compiled from, for the line table's Code column.
 *
 * <p>It looks, in order:
 * <ol>
 *   <li>in each configured source root, at {@code root/com/acme/Shop.java};</li>
 *   <li>next to where the class loader found the class ({@code loader.getResource("com/acme/Shop.class")},
 *       which never loads or initialises the class): for a directory of classes, in the directory itself and,
 *       for the Maven and Gradle layouts ({@code target/classes}, {@code target/test-classes},
 *       {@code build/classes/<lang>/<set>}), in the module's {@code src/<set>/java} and {@code src/<set>/kotlin};
 *       for a jar {@code foo-1.2.jar}, in the sibling {@code foo-1.2-sources.jar} (the local Maven repository
 *       layout); for the application's own packaged jar ({@code java -jar target/app.jar}, a Spring Boot jar's
 *       {@code BOOT-INF/classes}, a war's {@code WEB-INF/classes}), in the project's {@code src/main/java} next to
 *       {@code target/} or under the working directory; for a JDK class, in {@code $JAVA_HOME/lib/src.zip}.</li>
 * </ol>
 *
 * <p>It never throws for a missing or unreadable source: {@link #find} returns {@code null}. Files are read as
 * UTF-8, or ISO-8859-1 when they are not valid UTF-8, up to 2 MB each, and cached (hits and misses) per file,
 * at most 256 files. Thread-safe. The class loader is held weakly so a cached locator does not keep an
 * undeployed web application in memory.
 *
 * @since 0.1
 */
public final class SourceLocator {
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    static final int MAX_CACHED_FILES = 256;
    /** Large generated files could otherwise make the cache hold 256 x 2 MB. */
    static final long MAX_CACHED_CHARS = 16L * 1024 * 1024;
    private static final Object MISSING = new Object();

    private final List<Path> roots;
    private final WeakReference<ClassLoader> loader;
    private final LinkedHashMap<String, Object> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedChars;

    /**
     * @param sourceRoots roots to look in first, in order
     * @param loader      the loader to ask where classes live, or {@code null} to use only the roots
     */
    public SourceLocator(List<Path> sourceRoots, ClassLoader loader) {
        this.roots = List.copyOf(sourceRoots);
        this.loader = new WeakReference<>(loader);
    }

    /**
     * A locator over the options' source paths and the current thread's context class loader (the web
     * application's, when called while serving it), or this class's loader when there is none.
     */
    public static SourceLocator forOptions(ReportOptions options) {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return new SourceLocator(options.sourcePaths(), l != null ? l : SourceLocator.class.getClassLoader());
    }

    /**
     * The path of a class's source file below a source root, {@code com/acme/Shop.java}; or {@code null} when
     * the names cannot make a safe relative path (empty segments, separators, {@code ..}).
     *
     * @param className binary class name, {@code com.acme.Shop$Cart}
     * @param fileName  the file name the class records, or {@code null} to guess the outer class's
     *                  {@code Shop.java}
     */
    public static String relativePath(String className, String fileName) {
        if (className == null) return null;
        String outer = outerClass(className);
        int dot = outer.lastIndexOf('.');
        String file = fileName != null ? fileName : outer.substring(dot + 1) + ".java";
        if (!safeSegment(file)) return null;
        if (dot < 0) return file;
        String pkg = outer.substring(0, dot);
        StringBuilder b = new StringBuilder(pkg.length() + file.length() + 1);
        for (String seg : pkg.split("\\.", -1)) {
            if (!safeSegment(seg)) return null;
            b.append(seg).append('/');
        }
        return b.append(file).toString();
    }

    /**
     * The source file of {@code className}, or {@code null} when none was found or it could not be read.
     *
     * @param className binary class name, {@code com.acme.Shop$Cart}
     * @param fileName  the file name from the frame, or {@code null}
     */
    public SourceFile find(String className, String fileName) {
        String rel = relativePath(className, fileName);
        if (rel == null) return null;
        String outer = outerClass(className);
        String key = outer + '|' + rel;
        synchronized (cache) {
            Object hit = cache.get(key);
            if (hit != null) return hit == MISSING ? null : (SourceFile) hit;
        }
        // Read outside the lock: a slow disk must not stall other report threads; a duplicate read is harmless.
        SourceFile found = locate(outer, rel);
        synchronized (cache) {
            Object previous = cache.put(key, found == null ? MISSING : found);
            if (previous instanceof SourceFile p) cachedChars -= p.chars();
            if (found != null) cachedChars += found.chars();
            Iterator<Map.Entry<String, Object>> eldest = cache.entrySet().iterator();
            while ((cache.size() > MAX_CACHED_FILES || cachedChars > MAX_CACHED_CHARS) && eldest.hasNext()) {
                Object v = eldest.next().getValue();
                if (v instanceof SourceFile f) cachedChars -= f.chars();
                eldest.remove();
            }
        }
        return found;
    }

    private SourceFile locate(String outer, String rel) {
        for (Path root : roots) {
            SourceFile f = attempt(() -> readFile(root.resolve(rel)));
            if (f != null) return f;
        }
        ClassLoader l = loader.get();
        if (l == null) return null;
        URL url = attempt(() -> l.getResource(outer.replace('.', '/') + ".class"));
        if (url == null) return null;
        return attempt(() -> nextToClass(url, outer, rel));
    }

    private SourceFile nextToClass(URL url, String outer, String rel) throws Exception {
        switch (url.getProtocol()) {
            case "file": {
                Path classFile = Path.of(url.toURI());
                Path classesRoot = classFile;
                // Walk up one directory per package segment, plus one for the file itself.
                for (int i = outer.split("\\.").length; i > 0 && classesRoot != null; i--) {
                    classesRoot = classesRoot.getParent();
                }
                if (classesRoot == null) return null;
                for (Path candidate : candidates(classesRoot, rel)) {
                    SourceFile f = attempt(() -> readFile(candidate));
                    if (f != null) return f;
                }
                return null;
            }
            case "jar": {
                String spec = url.toString();
                // The application's own packaged classes: the project's sources, next to target/ or where it runs.
                for (Path candidate : packagedCandidates(spec, rel, Path.of(System.getProperty("user.dir", ".")))) {
                    SourceFile f = attempt(() -> readFile(candidate));
                    if (f != null) return f;
                }
                int bang = spec.indexOf("!/");
                if (bang < 0 || !spec.startsWith("jar:file:")) return null;
                Path jar = Path.of(new URI(spec.substring("jar:".length(), bang)));
                String name = jar.getFileName().toString();
                if (!name.endsWith(".jar")) return null;
                Path sources = jar.resolveSibling(name.substring(0, name.length() - 4) + "-sources.jar");
                return readEntry(sources, rel);
            }
            case "jrt": {
                // jrt:/java.base/java/lang/Thread.class; the JDK ships its sources as lib/src.zip, by module.
                String path = url.getPath();
                int slash = path.indexOf('/', 1);
                if (slash < 0) return null;
                Path srcZip = Path.of(System.getProperty("java.home"), "lib", "src.zip");
                return readEntry(srcZip, path.substring(1, slash) + '/' + rel);
            }
            default:
                return null;
        }
    }

    /**
     * Where the sources of a class packaged in an application jar are: for {@code java -jar target/app.jar} (the
     * class at the jar's root) and for a Spring Boot or web archive's {@code BOOT-INF/classes} or
     * {@code WEB-INF/classes} ({@code jar:file:/p/target/app.jar!/BOOT-INF/classes!/...}, or since Spring Boot 3.2
     * {@code jar:nested:/p/target/app.jar/!BOOT-INF/classes/!/...}): the project's {@code src/main/java} (and
     * {@code kotlin}) next to the {@code target} or {@code build/libs} directory holding the jar, then under the
     * working directory. A library nested in {@code BOOT-INF/lib} or {@code WEB-INF/lib} has none here.
     */
    static List<Path> packagedCandidates(String spec, String rel, Path workingDir) {
        List<Path> out = new ArrayList<>(4);
        String s = spec.startsWith("jar:") ? spec.substring(4) : spec;
        boolean nested = s.startsWith("nested:");
        if (!nested && !s.startsWith("file:")) return out;
        int end = nested ? s.indexOf("/!") : s.indexOf("!/");
        if (end < 0) return out;
        String inner = s.substring(end + 2);
        if (inner.startsWith("/")) inner = inner.substring(1);
        boolean app = inner.startsWith("BOOT-INF/classes") || inner.startsWith("WEB-INF/classes") || inner.indexOf('!') < 0;
        if (!app || inner.startsWith("BOOT-INF/lib") || inner.startsWith("WEB-INF/lib")) return out;
        Path jar;
        try {
            jar = nested ? Path.of(java.net.URLDecoder.decode(s.substring("nested:".length(), end), StandardCharsets.UTF_8))
                    : Path.of(new URI(s.substring(0, end)));
        } catch (Exception e) {
            return out;
        }
        Path dir = jar.getParent();
        if (dir != null && name(dir).equals("target") && dir.getParent() != null) {
            addSourceSet(out, dir.getParent(), "main", rel);
        } else if (dir != null && name(dir).equals("libs") && dir.getParent() != null && name(dir.getParent()).equals("build")
                && dir.getParent().getParent() != null) {
            addSourceSet(out, dir.getParent().getParent(), "main", rel);
        }
        if (workingDir != null) addSourceSet(out, workingDir, "main", rel);
        return out;
    }

    /** Where sources live relative to a directory of compiled classes, in the common build layouts. */
    static List<Path> candidates(Path classesRoot, String rel) {
        List<Path> out = new ArrayList<>(4);
        out.add(classesRoot.resolve(rel));
        Path parent = classesRoot.getParent();
        String name = name(classesRoot);
        if (parent != null && name(parent).equals("target") && parent.getParent() != null) {
            String set = name.equals("classes") ? "main" : name.equals("test-classes") ? "test" : null;
            if (set != null) addSourceSet(out, parent.getParent(), set, rel);
        } else if (parent != null && parent.getParent() != null && name(parent.getParent()).equals("classes")) {
            // Gradle: build/classes/<java|kotlin>/<sourceSet>
            Path build = parent.getParent().getParent();
            if (build != null && name(build).equals("build") && build.getParent() != null) {
                addSourceSet(out, build.getParent(), name, rel);
            }
        }
        return out;
    }

    private static void addSourceSet(List<Path> out, Path module, String set, String rel) {
        out.add(module.resolve("src").resolve(set).resolve("java").resolve(rel));
        out.add(module.resolve("src").resolve(set).resolve("kotlin").resolve(rel));
    }

    private static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? "" : n.toString();
    }

    private static SourceFile readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        try (InputStream in = Files.newInputStream(file)) {
            return new SourceFile(file.toString(), decode(readCapped(in)));
        }
    }

    private static SourceFile readEntry(Path zip, String entryName) throws IOException {
        if (!Files.isRegularFile(zip)) return null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(entryName);
            if (e == null || e.isDirectory()) return null;
            try (InputStream in = z.getInputStream(e)) {
                return new SourceFile(zip + "!/" + entryName, decode(readCapped(in)));
            }
        }
    }

    /**
     * Reads at most {@link #MAX_FILE_BYTES}; a longer file is cut after its last complete line within the cap,
     * so the lines that are shown are right and the rest are simply absent.
     */
    static byte[] readCapped(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
        if (b.length <= MAX_FILE_BYTES) return b;
        int end = MAX_FILE_BYTES;
        while (end > 0 && b[end - 1] != '\n') end--;
        byte[] cut = new byte[end];
        System.arraycopy(b, 0, cut, 0, end);
        return cut;
    }

    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            // Older sources are often Latin-1; every byte sequence decodes as ISO-8859-1.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code com.acme.Shop} for {@code com.acme.Shop$Cart} and for a hidden {@code com.acme.Shop$$Lambda/0x1}. */
    static String outerClass(String className) {
        String name = className;
        int slash = name.indexOf('/');
        if (slash >= 0) name = name.substring(0, slash);
        int dot = name.lastIndexOf('.');
        int dollar = name.indexOf('$', dot + 2);
        return dollar > 0 ? name.substring(0, dollar) : name;
    }

    private static boolean safeSegment(String s) {
        if (s.isEmpty() || s.equals(".") || s.equals("..")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || Text.hostile(c)) return false;
        }
        return true;
    }

    private interface Attempt<T> {
        T run() throws Exception;
    }

    /** Missing, unreadable or oddly named sources are a normal case for a report, never an error. */
    private static <T> T attempt(Attempt<T> a) {
        try {
            return a.run();
        } catch (Exception e) {
            return null;
        }
    }
}
