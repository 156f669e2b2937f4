package dev.hotline.core;

import dev.hotline.core.internal.AppPackageDetector;
import dev.hotline.core.internal.FailureLog;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Which packages are the application's own code: the {@code include-packages} (or, under the agent, the traced
 * {@code packages}) when configured, else detected from the JVM lazily, off the request path (on the thread that
 * builds profiles; refreshed every minute, as classes of more packages load):
 * <ul>
 *   <li>the package of the main class: a Spring Boot jar's {@code Start-Class}, a jar's {@code Main-Class}, or the
 *       class named on the command line (container and build-tool launchers do not count);</li>
 *   <li>classes loaded from a directory, from {@code BOOT-INF/classes} or from {@code WEB-INF/classes} rather than
 *       from a library jar: the class path's directories, the fat jar's {@code BOOT-INF/classes}, and whatever the
 *       servlet filter or the agent {@linkplain #addClassRoot reports}.</li>
 * </ul>
 * A package name never makes code a library: {@code org.springframework.samples.petclinic} is an application. Every
 * profile carries the answer as {@code appPackages}, so the page, the command line and the exports agree.
 *
 * @since 0.2
 */
public final class ApplicationCode {
    /** A detection that found nothing is tried again, at most this often: the app's classes may load later. */
    private static final long RETRY_NS = 10_000_000_000L;
    /** A detection is refreshed this often: classes of other packages load as other requests come. */
    private static final long REFRESH_NS = 60_000_000_000L;

    private final List<String> configured;
    private final Supplier<AppPackageDetector.Jvm> jvm;
    private final List<URL> classRoots = new CopyOnWriteArrayList<>();
    private final List<Supplier<? extends Iterable<Class<?>>>> loadedClasses = new CopyOnWriteArrayList<>();
    private volatile List<String> detected;
    private volatile long detectedAt;

    private ApplicationCode(List<String> configured, Supplier<AppPackageDetector.Jvm> jvm) {
        this.configured = List.copyOf(configured);
        this.jvm = jvm;
    }

    /** The configured packages of {@code config} when there are any, else detection in this JVM. */
    public static ApplicationCode of(HotlineConfig config) {
        return new ApplicationCode(config.includePackages(), AppPackageDetector.Jvm::current);
    }

    /** Exactly these packages; nothing is detected. */
    public static ApplicationCode of(List<String> packages) {
        return new ApplicationCode(packages, () -> AppPackageDetector.Jvm.NONE);
    }

    /** Detection over the given command line ({@code sun.java.command}), class path and working directory. */
    static ApplicationCode detecting(String command, String classPath, Path workingDir) {
        return new ApplicationCode(List.of(), () -> new AppPackageDetector.Jvm(command, classPath, workingDir));
    }

    /** Whether the packages come from the configuration rather than detection. */
    public boolean configured() {
        return !configured.isEmpty();
    }

    /**
     * Tells detection where some of the application's classes were loaded from: a directory, a jar's
     * {@code BOOT-INF/classes} or a web app's {@code WEB-INF/classes}. Locations in a library jar are ignored.
     */
    public void addClassRoot(URL location) {
        if (location == null || configured()) return;
        classRoots.add(location);
        detected = null;
    }

    /**
     * Gives detection the classes loaded in the JVM (the agent's view): those loaded from a directory,
     * {@code BOOT-INF/classes} or {@code WEB-INF/classes} are the application's. Called at detection only.
     */
    public void addLoadedClasses(Supplier<? extends Iterable<Class<?>>> classes) {
        if (configured()) return;
        loadedClasses.add(Objects.requireNonNull(classes, "classes"));
        detected = null;
    }

    /** The application's package prefixes; empty when none were configured and none could be detected. */
    public List<String> packages() {
        if (configured()) return configured;
        List<String> d = detected;
        if (fresh(d)) return d;
        synchronized (this) {
            d = detected;
            if (fresh(d)) return d;
            d = detect();
            detected = d;
            detectedAt = System.nanoTime();
            return d;
        }
    }

    private boolean fresh(List<String> d) {
        return d != null && System.nanoTime() - detectedAt < (d.isEmpty() ? RETRY_NS : REFRESH_NS);
    }

    private List<String> detect() {
        Set<String> found = new LinkedHashSet<>();
        try {
            AppPackageDetector.Jvm j = jvm.get();
            found.addAll(AppPackageDetector.fromCommand(j));
            found.addAll(AppPackageDetector.fromClassPath(j));
            for (URL root : classRoots) found.addAll(AppPackageDetector.fromLocation(root));
            for (Supplier<? extends Iterable<Class<?>>> s : loadedClasses) found.addAll(AppPackageDetector.fromClasses(s.get()));
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not detect the application's packages", e);
        }
        return AppPackageDetector.reduce(new ArrayList<>(found));
    }

    @Override
    public String toString() {
        return configured() ? "ApplicationCode[configured=" + configured + ']' : "ApplicationCode[detected=" + detected + ']';
    }
}
