package dev.hotline.core.report;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the text reports show and how. Immutable; build one with {@link #builder()}.
 *
 * <p>Both reports split frames into <em>application</em> and <em>library</em> frames ({@link #isLibrary}):
 * the line table only shows application methods (the outermost container frames would otherwise fill the
 * top N with 100% each), and the call tree folds runs of library frames into one line.
 *
 * <p>Which code is the application's is decided per profile ({@link #forProfile}): the include packages given
 * here win; otherwise the profile's own {@link Profile#appPackages() appPackages} (configured or detected when it
 * was made); only a profile from before 0.2, which names none, falls back to the {@link #DEFAULT_LIBRARY_PACKAGES}
 * heuristic.
 *
 * <p>Package lists match prefixes on whole name segments: {@code com.acme} matches {@code com.acme.Shop},
 * {@code com.acme.web.Cart} and {@code com.acme.Shop$Cart}'s package, but not {@code com.acmeco.Shop}.
 *
 * @since 0.1
 */
public final class ReportOptions {

    /**
     * Packages treated as library code when no include packages are given: the JDK, servlet containers and
     * their APIs, common frameworks and libraries, JVM languages' runtimes, and Hotline itself.
     *
     * @since 0.1
     */
    public static final List<String> DEFAULT_LIBRARY_PACKAGES = List.of(
            // JDK and its APIs
            "java", "javax", "jakarta", "jdk", "sun", "com.sun",
            // servlet containers and servers
            "org.eclipse.jetty", "org.apache", "io.undertow", "org.glassfish", "org.jboss", "io.netty",
            "io.vertx", "reactor",
            // frameworks and common libraries
            "org.springframework", "org.hibernate", "com.fasterxml", "ch.qos.logback", "org.slf4j",
            "com.zaxxer", "org.h2", "org.postgresql", "com.mysql", "org.mariadb", "com.mongodb", "redis.clients",
            "io.lettuce", "okhttp3", "okio", "io.grpc", "io.micrometer", "io.opentelemetry", "org.aspectj",
            "net.bytebuddy", "org.objectweb.asm", "com.google.common", "com.google.gson", "com.google.protobuf",
            "com.google.inject", "com.github.benmanes.caffeine", "org.thymeleaf", "freemarker", "org.jooq",
            "org.mybatis", "org.yaml.snakeyaml",
            // JVM languages' runtimes
            "kotlin", "kotlinx", "scala", "groovy", "org.codehaus.groovy", "clojure",
            // the profiler's own frames (the servlet filter is on every stack)
            "dev.hotline");

    private static final ReportOptions DEFAULTS = builder().build();

    private final List<String> includePackages;
    private final List<String> excludePackages;
    private final int topMethods;
    private final double minShare;
    private final List<Path> sourcePaths;
    private final Predicate<Frame> library;
    private final boolean colours;
    private final boolean ascii;
    private final boolean customLibrary;

    private ReportOptions(Builder b) {
        this.includePackages = List.copyOf(b.includePackages);
        this.excludePackages = List.copyOf(b.excludePackages);
        this.topMethods = b.topMethods;
        this.minShare = b.minShare;
        this.sourcePaths = List.copyOf(b.sourcePaths);
        this.customLibrary = b.library != null;
        // The default looks at the include list captured here, so the predicate stays valid if the builder
        // is changed and built again.
        List<String> includes = this.includePackages;
        this.library = b.library != null ? b.library
                : includes.isEmpty()
                ? f -> matchesAny(f.className(), DEFAULT_LIBRARY_PACKAGES)
                : f -> !matchesAny(f.className(), includes);
        this.colours = b.colours;
        this.ascii = b.ascii;
    }

    /** Options with every default: no package lists, top 10 methods, 1% minimum share, no colours. */
    public static ReportOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to derive changed ones. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.includePackages.addAll(includePackages);
        b.excludePackages.addAll(excludePackages);
        b.topMethods = topMethods;
        b.minShare = minShare;
        b.sourcePaths.addAll(sourcePaths);
        b.library = customLibrary ? library : null;
        b.colours = colours;
        b.ascii = ascii;
        return b;
    }

    /**
     * These options for one profile: when neither include packages nor a custom predicate are given and the
     * profile names its application packages, those are the include packages.
     *
     * @since 0.2
     */
    public ReportOptions forProfile(Profile profile) {
        if (customLibrary || !includePackages.isEmpty() || profile.appPackages().isEmpty()) return this;
        return toBuilder().includePackages(profile.appPackages()).build();
    }

    /** Packages of the application; when not empty, only these count as application code. */
    public List<String> includePackages() { return includePackages; }

    /** Packages never shown as application code, even when inside an include package. */
    public List<String> excludePackages() { return excludePackages; }

    /** How many methods the line table shows at most. */
    public int topMethods() { return topMethods; }

    /** Fraction of the profile's sampled time below which methods and tree nodes are left out. */
    public double minShare() { return minShare; }

    /** Extra source roots the {@link SourceLocator} looks in first. */
    public List<Path> sourcePaths() { return sourcePaths; }

    /** Whether reports colour lines by share with ANSI escape sequences. */
    public boolean colours() { return colours; }

    /** Whether the call tree draws with ASCII instead of box-drawing characters. */
    public boolean ascii() { return ascii; }

    /**
     * Whether a frame is library code: folded in the tree, left out of the line table. Excluded packages
     * always are; otherwise the {@linkplain Builder#library(Predicate) custom predicate} decides, or by
     * default: with include packages, everything outside them is library; without, the
     * {@link #DEFAULT_LIBRARY_PACKAGES} are.
     */
    public boolean isLibrary(Frame frame) {
        return matchesAny(frame.className(), excludePackages) || library.test(frame);
    }

    /**
     * Whether {@code className} is {@code prefix} or lies inside it: the next character after the prefix must
     * end a segment ({@code .} or {@code $}).
     */
    public static boolean matchesPackage(String className, String prefix) {
        if (!className.startsWith(prefix)) return false;
        if (className.length() == prefix.length()) return true;
        char next = className.charAt(prefix.length());
        return next == '.' || next == '$';
    }

    static boolean matchesAny(String className, List<String> prefixes) {
        for (String p : prefixes) {
            if (matchesPackage(className, p)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "ReportOptions[include=" + includePackages + ", exclude=" + excludePackages + ", topMethods="
                + topMethods + ", minShare=" + minShare + ", sourcePaths=" + sourcePaths + ", customLibrary="
                + customLibrary + ", colours=" + colours + ", ascii=" + ascii + ']';
    }

    /**
     * Builds {@link ReportOptions}. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<String> includePackages = new ArrayList<>();
        private final List<String> excludePackages = new ArrayList<>();
        private int topMethods = 10;
        private double minShare = 0.01;
        private final List<Path> sourcePaths = new ArrayList<>();
        private Predicate<Frame> library;
        private boolean colours;
        private boolean ascii;

        private Builder() {}

        /** Replaces the include packages; blank entries are ignored, a trailing dot is dropped. */
        public Builder includePackages(Collection<String> packages) {
            replace(includePackages, packages);
            return this;
        }

        /** As {@link #includePackages(Collection)}. */
        public Builder includePackages(String... packages) {
            return includePackages(Arrays.asList(packages));
        }

        /** Replaces the exclude packages; blank entries are ignored, a trailing dot is dropped. */
        public Builder excludePackages(Collection<String> packages) {
            replace(excludePackages, packages);
            return this;
        }

        /** As {@link #excludePackages(Collection)}. */
        public Builder excludePackages(String... packages) {
            return excludePackages(Arrays.asList(packages));
        }

        /** At most this many method tables, at least 0; default 10. */
        public Builder topMethods(int n) {
            if (n < 0) throw new IllegalArgumentException("topMethods must not be negative: " + n);
            this.topMethods = n;
            return this;
        }

        /** Minimum share of the sampled time, in [0, 1]; default 0.01. */
        public Builder minShare(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("minShare must be in [0, 1]: " + fraction);
            }
            this.minShare = fraction;
            return this;
        }

        /** Replaces the extra source roots. */
        public Builder sourcePaths(Collection<Path> roots) {
            sourcePaths.clear();
            for (Path p : roots) sourcePaths.add(Objects.requireNonNull(p, "source path"));
            return this;
        }

        /**
         * Replaces the default application/library split; {@code null} restores it. Excluded packages stay
         * library whatever the predicate says.
         */
        public Builder library(Predicate<Frame> isLibrary) {
            this.library = isLibrary;
            return this;
        }

        /** ANSI colours by share, as wsgi_lineprof does; off by default, for terminals only. */
        public Builder colours(boolean on) {
            this.colours = on;
            return this;
        }

        /** ASCII instead of box-drawing characters, for consoles without UTF-8. */
        public Builder ascii(boolean on) {
            this.ascii = on;
            return this;
        }

        /** Immutable options from the builder's current state; the builder can go on being used. */
        public ReportOptions build() {
            return new ReportOptions(this);
        }

        private static void replace(List<String> target, Collection<String> packages) {
            target.clear();
            for (String p : packages) {
                if (p == null) continue;
                String s = p.strip();
                while (s.endsWith(".")) s = s.substring(0, s.length() - 1);
                if (!s.isEmpty() && !target.contains(s)) target.add(s);
            }
        }
    }
}
