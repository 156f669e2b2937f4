package dev.hotline.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Hotline's settings. Every key is kebab-case ({@code profile-dir}) and can be given, from highest to lowest
 * precedence, as:
 * <ol>
 *   <li>a Java system property {@code hotline.<key>} ({@code -Dhotline.profile-dir=/tmp/profiles});</li>
 *   <li>an environment variable {@code HOTLINE_<KEY>} ({@code HOTLINE_PROFILE_DIR=/tmp/profiles});</li>
 *   <li>an explicit value: a filter init-parameter or a {@link Builder} call;</li>
 *   <li>the default.</li>
 * </ol>
 * So a deployment can switch profiling on or off with {@code HOTLINE_ENABLED} alone, whatever the code says.
 * Unknown keys among init-parameters, code and system properties, and malformed values anywhere, fail with a
 * {@link ConfigException} naming the key, its source, the value and what is accepted. An unknown {@code HOTLINE_*}
 * environment variable is logged once and ignored: platforms set such variables themselves (Kubernetes sets
 * {@code HOTLINE_SERVICE_HOST} and {@code HOTLINE_SERVICE_PORT} for a Service named {@code hotline}).
 *
 * @since 0.1
 */
public final class HotlineConfig {

    /** Which sampling engine profiles requests. */
    public enum Engine {
        /** async-profiler where its native library loads, the pure-Java engine elsewhere. */
        AUTO,
        ASYNC_PROFILER,
        JAVA;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }
    }

    /** Where text reports go. */
    public enum TextOutput {
        LOG, STDOUT, STDERR, OFF;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Which text reports are printed. */
    public enum Report {
        /** wsgi_lineprof-style line table per method. */
        LINES,
        /** pyinstrument-style call tree. */
        TREE,
        /** pstats-style method table (exact tracing: ncalls, tottime, cumtime). @since 0.2 */
        METHODS;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Order of the method table. @since 0.2 */
    public enum MethodSort {
        TOTTIME, CUMTIME;

        @Override public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    static final Setting<Boolean> ENABLED = Setting.of("enabled", "true", "true or false",
            "Profile requests at all.", Setting::bool);
    static final Setting<Path> PROFILE_DIR = Setting.of("profile-dir", "", "a directory path (created if missing), or empty for none",
            "Directory that receives one JSON file per profiled request.", Setting::directory);
    static final Setting<TextOutput> TEXT_OUTPUT = Setting.of("text-output", "log", "log, stdout, stderr or off",
            "Where text reports go; log uses System.Logger 'dev.hotline' at INFO.", s -> Setting.oneOf(TextOutput.class, s));
    static final Setting<Set<Report>> REPORTS = Setting.of("reports", "lines,tree", "a comma list of lines, tree, methods",
            "Which text reports to print.", HotlineConfig::reports);
    static final Setting<Engine> ENGINE = Setting.of("engine", "auto", "auto, async-profiler or java",
            "Sampling engine.", s -> Setting.oneOf(Engine.class, s));
    static final Setting<String> ASYNC_PROFILER_LIBRARY = Setting.of("async-profiler-library", "", "a path to libasyncProfiler.so / .dylib, or empty",
            "A specific async-profiler native library; empty uses the one bundled for this platform.", s -> s);
    static final Setting<Long> INTERVAL = Setting.of("interval", "1ms", "a duration from 100us to 1s (1ms, 500us, 2ms)",
            "Wall-clock sampling interval.", HotlineConfig::interval);
    static final Setting<List<String>> INCLUDE_PATHS = Setting.of("include-paths", "", "a comma list of path globs (/api/**, /orders/*)",
            "Only requests whose path matches one of these are profiled; empty means all.", HotlineConfig::globs);
    static final Setting<List<String>> EXCLUDE_PATHS = Setting.of("exclude-paths", "", "a comma list of path globs (/static/**, *.css)",
            "Requests whose path matches one of these are never profiled.", HotlineConfig::globs);
    static final Setting<Integer> PROFILE_ONE_IN = Setting.of("profile-one-in", "1", "a whole number >= 1",
            "Profile one request in N (1 profiles every request).", Setting::positiveInt);
    static final Setting<Long> MIN_DURATION = Setting.of("min-duration", "0ms", "a duration (0ms, 100ms, 1s)",
            "Keep only profiles of requests at least this slow.", Setting::durationNs);
    static final Setting<List<String>> INCLUDE_PACKAGES = Setting.of("include-packages", "", "a comma list of package prefixes",
            "Reports show these packages as application code; others are folded.", Setting::list);
    static final Setting<List<String>> EXCLUDE_PACKAGES = Setting.of("exclude-packages", "", "a comma list of package prefixes",
            "Reports fold these packages as library code.", Setting::list);
    static final Setting<Integer> TOP = Setting.of("top", "10", "a whole number >= 1",
            "Methods shown in the line table.", Setting::positiveInt);
    static final Setting<Double> MIN_SHARE = Setting.of("min-share", "1%", "a share (1%, 0.5%, 0.01)",
            "Tree nodes and methods below this share of the request are left out of text reports.", Setting::fraction);
    static final Setting<List<Path>> SOURCE_PATHS = Setting.of("source-paths", "", "a list of directories, separated by , or the path separator",
            "Extra source roots for the code column of line tables.", Setting::paths);
    static final Setting<Integer> MAX_FILES = Setting.of("max-files", "1000", "a whole number >= 1",
            "Profile directory retention: most files kept.", Setting::positiveInt);
    static final Setting<Long> MAX_BYTES = Setting.of("max-bytes", "256MB", "a size (256MB, 1GB, 65536)",
            "Profile directory retention: most bytes kept.", Setting::bytes);
    static final Setting<Integer> QUEUE_SIZE = Setting.of("queue-size", "1024", "a whole number >= 1",
            "Finished requests waiting for the pipeline, and kept profiles waiting to be written; beyond it they are dropped and counted, never blocking a request.",
            Setting::positiveInt);
    static final Setting<Double> KEEP_RATE = Setting.of("keep-rate", "10", "profiles per second (a number above 0, such as 10 or 0.5), or all",
            "Profiles kept per second per JVM, decided after each response: on-demand first, then failed, then slow for "
                    + "their endpoint, then the rest spread across endpoints. Below it every profiled request is kept; "
                    + "every sampled request counts in the endpoint figures either way.", HotlineConfig::keepRate);
    static final Setting<Integer> KEEP_IN_MEMORY = Setting.of("keep-in-memory", "100", "a whole number >= 1",
            "Recent profiles kept in memory.", Setting::positiveInt);
    static final Setting<Double> SAMPLER_CPU_BUDGET = Setting.of("sampler-cpu-budget", "5%", "a share of one core (5%, 0.1), above 0",
            "CPU the pure-Java engine may use; it samples less often rather than exceed it.", HotlineConfig::budget);
    static final Setting<MethodSort> METHOD_SORT = Setting.of("method-sort", "cumtime", "tottime or cumtime",
            "Order of the method table.", s -> Setting.oneOf(MethodSort.class, s));
    static final Setting<List<String>> PACKAGES = Setting.of("packages", "", "a comma list of package prefixes",
            "Java agent: packages whose classes are traced line by line; empty traces nothing.", HotlineConfig::packages);
    static final Setting<String> TRACE_DUMP_CLASS = Setting.of("trace-dump-class", "", "a fully qualified class name, or empty",
            "Java agent: writes the original and traced bytes of this class to trace-dump-dir.", s -> s);
    static final Setting<Path> TRACE_DUMP_DIR = Setting.of("trace-dump-dir", "", "a directory path, or empty for the temporary directory",
            "Java agent: where trace-dump-class is written.", s -> s.isEmpty() ? null : Path.of(s));

    static final Setting<Boolean> UI_ENABLED = Setting.of("ui-enabled", "true", "true or false",
            "Serve the results page and its JSON API under ui-path.", Setting::bool);
    static final Setting<String> UI_PATH = Setting.of("ui-path", "/_hotline/", "an absolute path below the application (/_hotline/)",
            "Where the results page is served, relative to the application's context path.", HotlineConfig::uiPath);
    static final Setting<String> UI_TOKEN = Setting.of("ui-token", "", "a secret of at least 16 characters, or empty for none",
            "Token that lets non-loopback clients use the results page and on-demand profiling; without it only loopback clients may.",
            HotlineConfig::uiToken);
    static final Setting<Integer> UI_PORT = Setting.of("ui-port", "", "a port number (0 picks a free one), or empty for none",
            "Serve the results page on its own listener on 127.0.0.1 at this port instead of under ui-path on the application's "
                    + "connector; prefer it behind any reverse proxy.", Setting::port);
    static final Setting<Long> UI_SESSION = Setting.of("ui-session", "12h", "a duration of at least 1 minute (30m, 12h, 7d)",
            "How long a sign-in to the results page lasts; it also ends at sign-out.", Setting::sessionNs);
    static final Setting<List<String>> REDACT_PARAMS = Setting.of("redact-params", dev.hotline.core.internal.QueryRedaction.DEFAULT_NAMES,
            "a comma list of parameter names",
            "Query and path parameters whose values are stored as [redacted] (see docs/configuration.md for how names match).",
            s -> Setting.list(s.toLowerCase(Locale.ROOT)));
    static final Setting<Boolean> STORE_QUERY = Setting.of("store-query", "true", "true or false",
            "Store the query string of requests (redacted); false stores none at all.", Setting::bool);

    static final Setting<String> STORE = Setting.of("store", "", "a JDBC URL jdbc:postgresql://host:5432/database, or empty for none",
            "The fleet store: every JVM writes its kept profiles and per-minute endpoint figures to this PostgreSQL database, "
                    + "and the results page shows the whole fleet (docs/fleet.md).", HotlineConfig::store);
    static final Setting<String> STORE_USER = Setting.of("store-user", "", "a user name, or empty to take it from the URL",
            "User for the fleet store.", s -> s);
    static final Setting<String> STORE_PASSWORD = Setting.of("store-password", "", "a password, or empty to take it from the URL",
            "Password for the fleet store; never logged.", s -> s);
    static final Setting<String> SERVICE = Setting.of("service", "", "a name, or empty for the application's own",
            "The service this JVM belongs to in the fleet store; empty takes spring.application.name, else the main jar's or class's name.",
            HotlineConfig::label);
    static final Setting<String> INSTANCE = Setting.of("instance", "", "a name, or empty for host:pid",
            "This JVM's name in the fleet store.", HotlineConfig::label);
    static final Setting<String> VERSION = Setting.of("version", "", "a version label (1.4.2, a commit), or empty",
            "The version this JVM runs, for comparing versions in the fleet store.", HotlineConfig::label);
    static final Setting<Long> STORE_RETENTION = Setting.of("store-retention", "7d", "a duration of whole days, at least 1d (7d, 30d)",
            "Fleet store retention by age: day partitions older than this are dropped.", HotlineConfig::retention);
    static final Setting<Long> STORE_MAX_SIZE = Setting.of("store-max-size", "10GB", "a size (10GB, 500MB), or 0 for no limit",
            "Fleet store retention by size: the oldest day partitions are dropped while the tables are larger (today's never).",
            Setting::bytes);
    static final Setting<Integer> STORE_BACKLOG = Setting.of("store-backlog", "2000", "a whole number >= 1",
            "Kept profiles held in memory for the fleet store while it is unreachable or slower than they come (compressed, a few KiB each); beyond it newer ones are dropped and counted.",
            Setting::positiveInt);

    static final List<Setting<?>> ALL = List.of(ENABLED, PROFILE_DIR, TEXT_OUTPUT, REPORTS, ENGINE, ASYNC_PROFILER_LIBRARY, INTERVAL,
            INCLUDE_PATHS, EXCLUDE_PATHS, PROFILE_ONE_IN, MIN_DURATION, INCLUDE_PACKAGES, EXCLUDE_PACKAGES, TOP,
            MIN_SHARE, SOURCE_PATHS, MAX_FILES, MAX_BYTES, QUEUE_SIZE, KEEP_RATE, KEEP_IN_MEMORY, SAMPLER_CPU_BUDGET,
            METHOD_SORT, PACKAGES, TRACE_DUMP_CLASS, TRACE_DUMP_DIR,
            UI_ENABLED, UI_PATH, UI_TOKEN, UI_PORT, UI_SESSION, REDACT_PARAMS, STORE_QUERY,
            STORE, STORE_USER, STORE_PASSWORD, SERVICE, INSTANCE, VERSION, STORE_RETENTION, STORE_MAX_SIZE, STORE_BACKLOG);
    /** Never printed: {@link #toString()} and error messages mask them. */
    static final Set<Setting<?>> SECRETS = Set.of(UI_TOKEN, STORE_PASSWORD);

    private final Map<Setting<?>, Object> values;
    private final Map<String, String> origins;

    private HotlineConfig(Map<Setting<?>, Object> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** Defaults, overridden by {@code hotline.*} system properties and {@code HOTLINE_*} environment variables. */
    public static HotlineConfig fromEnvironment() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every key with its default and description, in documentation order. */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            out.put(s.key, s.description + " Default: " + (s.defaultValue.isEmpty() ? "(none)" : s.defaultValue)
                    + ". Accepted: " + s.accepted + ".");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting<T> s) {
        return (T) values.get(s);
    }

    public boolean enabled() { return get(ENABLED); }
    /** {@code null} when no profile directory is configured. */
    public Path profileDir() { return get(PROFILE_DIR); }
    public TextOutput textOutput() { return get(TEXT_OUTPUT); }
    public Set<Report> reports() { return get(REPORTS); }
    public Engine engine() { return get(ENGINE); }
    /** {@code null} to use the library bundled for this platform. */
    public String asyncProfilerLibrary() { String s = get(ASYNC_PROFILER_LIBRARY); return s.isEmpty() ? null : s; }
    public long intervalNs() { return get(INTERVAL); }
    public List<String> includePaths() { return get(INCLUDE_PATHS); }
    public List<String> excludePaths() { return get(EXCLUDE_PATHS); }
    public int profileOneIn() { return get(PROFILE_ONE_IN); }
    public long minDurationNs() { return get(MIN_DURATION); }
    /** The {@code include-packages} setting or, when it is empty, the traced {@link #packages()}. */
    public List<String> includePackages() {
        List<String> p = get(INCLUDE_PACKAGES);
        return p.isEmpty() ? get(PACKAGES) : p;
    }
    public List<String> excludePackages() { return get(EXCLUDE_PACKAGES); }
    public int top() { return get(TOP); }
    public double minShare() { return get(MIN_SHARE); }
    public List<Path> sourcePaths() { return get(SOURCE_PATHS); }
    public int maxFiles() { return get(MAX_FILES); }
    public long maxBytes() { return get(MAX_BYTES); }
    public int queueSize() { return get(QUEUE_SIZE); }
    public int keepInMemory() { return get(KEEP_IN_MEMORY); }
    /** {@code keep-rate}: profiles kept per second, {@link Double#POSITIVE_INFINITY} for {@code all}. @since 0.2 */
    public double keepRate() { return get(KEEP_RATE); }
    /** {@code keep-rate} as written back: a number, or {@code all}. @since 0.2 */
    public String keepRateText() {
        double r = keepRate();
        return Double.isInfinite(r) ? "all" : (r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r));
    }
    public double samplerCpuBudget() { return get(SAMPLER_CPU_BUDGET); }
    /** @since 0.2 */
    public MethodSort methodSort() { return get(METHOD_SORT); }
    /** Package prefixes the Java agent traces line by line; empty when nothing is traced. @since 0.2 */
    public List<String> packages() { return get(PACKAGES); }
    /** The class whose original and traced bytes the agent writes out, or {@code null}. @since 0.2 */
    public String traceDumpClass() { String s = get(TRACE_DUMP_CLASS); return s.isEmpty() ? null : s; }
    /** Where {@link #traceDumpClass()} is written; {@code null} for the temporary directory. @since 0.2 */
    public Path traceDumpDir() { return get(TRACE_DUMP_DIR); }
    public boolean uiEnabled() { return get(UI_ENABLED); }
    /** Starts and ends with {@code /}. @since 0.2 */
    public String uiPath() { return get(UI_PATH); }
    /** The token, or {@code null} when none is configured. @since 0.2 */
    public String uiToken() { String s = get(UI_TOKEN); return s.isEmpty() ? null : s; }
    /** The results page's own port on 127.0.0.1, or -1 to serve it under {@link #uiPath()}. @since 0.2 */
    public int uiPort() { return get(UI_PORT); }
    /** How long a sign-in to the results page lasts. @since 0.2 */
    public java.time.Duration uiSession() { return java.time.Duration.ofNanos(get(UI_SESSION)); }
    /** Lower-case names. @since 0.2 */
    public List<String> redactParams() { return get(REDACT_PARAMS); }
    /** Whether query strings are stored at all (redacted). @since 0.2 */
    public boolean storeQuery() { return get(STORE_QUERY); }

    /** The fleet store's JDBC URL, or {@code null} when none is configured. @since 0.3 */
    public String store() { String s = get(STORE); return s.isEmpty() ? null : s; }
    /** {@code null} to take the user from the URL. @since 0.3 */
    public String storeUser() { String s = get(STORE_USER); return s.isEmpty() ? null : s; }
    /** {@code null} to take the password from the URL. @since 0.3 */
    public String storePassword() { String s = get(STORE_PASSWORD); return s.isEmpty() ? null : s; }
    /** The configured service name, or {@code null} for the application's own. @since 0.3 */
    public String service() { String s = get(SERVICE); return s.isEmpty() ? null : s; }
    /** The configured instance name, or {@code null} for host:pid. @since 0.3 */
    public String instance() { String s = get(INSTANCE); return s.isEmpty() ? null : s; }
    /** The configured version label, empty when none. @since 0.3 */
    public String version() { return get(VERSION); }
    /** @since 0.3 */
    public java.time.Duration storeRetention() { return java.time.Duration.ofNanos(get(STORE_RETENTION)); }
    /** Bytes; 0 for no limit. @since 0.3 */
    public long storeMaxSize() { return get(STORE_MAX_SIZE); }
    /** @since 0.3 */
    public int storeBacklog() { return get(STORE_BACKLOG); }

    /** Where the value of {@code key} came from: {@code default}, {@code init-parameter}, a property or variable name. */
    public String origin(String key) {
        return origins.getOrDefault(key, "default");
    }

    @Override
    public String toString() {
        return ALL.stream().map(s -> s.key + "=" + (SECRETS.contains(s) && !"".equals(values.get(s)) ? "****"
                        : s == STORE ? dev.hotline.core.fleet.FleetConnections.masked((String) values.get(s)) : format(values.get(s)))).collect(Collectors.joining(", ", "HotlineConfig{", "}"));
    }

    private static String format(Object v) {
        if (v instanceof Long l) return String.valueOf(l);
        if (v instanceof Double d && d.isInfinite()) return "all";
        return String.valueOf(v);
    }

    // ---- parsers specific to one key ----------------------------------------------------------------------

    private static String store(String s) {
        if (s.isEmpty()) return s;
        if (!s.startsWith("jdbc:postgresql:")) throw new Setting.Invalid("is not a jdbc:postgresql: URL (only PostgreSQL is supported)");
        return s;
    }

    private static String label(String s) {
        if (s.length() > 200) throw new Setting.Invalid("is longer than 200 characters");
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) throw new Setting.Invalid("holds a control character");
        }
        return s;
    }

    private static long retention(String s) {
        long ns = Setting.durationNs(s);
        long day = 86_400_000_000_000L;
        if (ns < day || ns % day != 0) throw new Setting.Invalid("is not a whole number of days (partitions are by day)");
        return ns;
    }

    private static Set<Report> reports(String s) {
        EnumSet<Report> out = EnumSet.noneOf(Report.class);
        for (String r : Setting.list(s)) out.add(Setting.oneOf(Report.class, r));
        return Collections.unmodifiableSet(out);
    }

    private static List<String> packages(String s) {
        List<String> out = Setting.list(s);
        for (String p : out) {
            if (!p.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
                throw new Setting.Invalid("holds '" + p + "', which is not a package name");
            }
        }
        return out;
    }

    private static double keepRate(String s) {
        if (s.trim().equalsIgnoreCase("all")) return Double.POSITIVE_INFINITY;
        double v;
        try {
            v = Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is neither a number nor all");
        }
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException("must be a number above 0, or all");
        return v;
    }

    private static long interval(String s) {
        long ns = Setting.durationNs(s);
        if (ns < 100_000 || ns > 1_000_000_000) throw new Setting.Invalid("is not between 100us and 1s");
        return ns;
    }

    private static double budget(String s) {
        double v = Setting.fraction(s);
        if (v <= 0) throw new Setting.Invalid("is not above 0");
        return v;
    }

    private static String uiPath(String s) {
        if (!s.startsWith("/") || s.equals("/")) throw new Setting.Invalid("does not start with /, or is / alone");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/_-.~".indexOf(c) >= 0;
            if (!ok) throw new Setting.Invalid("holds a character other than letters, digits and / _ - . ~");
        }
        if (s.contains("//") || s.contains("/./") || s.contains("/../") || s.endsWith("/..") || s.endsWith("/.")) {
            throw new Setting.Invalid("holds an empty, . or .. segment");
        }
        return s.endsWith("/") ? s : s + "/";
    }

    private static String uiToken(String s) {
        if (!s.isEmpty() && s.length() < 16) throw new Setting.Invalid("is shorter than 16 characters");
        return s;
    }

    private static List<String> globs(String s) {
        List<String> out = Setting.list(s);
        for (String g : out) PathPatterns.compile(g); // fail early on a bad pattern
        return out;
    }

    /**
     * Collects explicit settings (init-parameters, code) and resolves them against system properties and the
     * environment. The property and environment sources are replaceable, for tests and for frameworks with
     * their own property sources.
     */
    public static final class Builder {
        private final Map<String, String> explicit = new LinkedHashMap<>();
        private String explicitSource = "code";
        private Function<String, String> systemProperties = System::getProperty;
        private Iterable<String> systemPropertyNames = () -> System.getProperties().stringPropertyNames().iterator();
        private Function<String, String> environment = System::getenv;
        private Iterable<String> environmentNames = () -> System.getenv().keySet().iterator();

        private Builder() {}

        /** Sets a key by its kebab-case name, as a filter init-parameter would. */
        public Builder set(String key, String value) {
            explicit.put(key, value);
            return this;
        }

        /** Names the source of {@link #set} values in error messages ({@code init-parameter}). */
        public Builder explicitSource(String name) {
            this.explicitSource = name;
            return this;
        }

        /** Replaces the system properties (default: {@link System#getProperties()}). */
        public Builder systemProperties(Properties props) {
            this.systemProperties = props::getProperty;
            this.systemPropertyNames = () -> props.stringPropertyNames().iterator();
            return this;
        }

        /** Replaces the environment (default: {@link System#getenv()}). */
        public Builder environment(Map<String, String> env) {
            Map<String, String> copy = Map.copyOf(env);
            this.environment = copy::get;
            this.environmentNames = () -> copy.keySet().iterator();
            return this;
        }

        public Builder enabled(boolean v) { return set(ENABLED.key, String.valueOf(v)); }
        public Builder profileDir(Path dir) { return set(PROFILE_DIR.key, dir == null ? "" : dir.toString()); }
        public Builder textOutput(TextOutput v) { return set(TEXT_OUTPUT.key, v.toString()); }
        public Builder reports(Report... r) {
            List<String> names = new ArrayList<>();
            for (Report x : r) names.add(x.toString());
            return set(REPORTS.key, String.join(",", names));
        }
        public Builder engine(Engine v) { return set(ENGINE.key, v.toString()); }
        public Builder interval(java.time.Duration d) { return set(INTERVAL.key, d.toNanos() + "ns"); }
        public Builder includePaths(String... globs) { return set(INCLUDE_PATHS.key, String.join(",", globs)); }
        public Builder excludePaths(String... globs) { return set(EXCLUDE_PATHS.key, String.join(",", globs)); }
        public Builder profileOneIn(int n) { return set(PROFILE_ONE_IN.key, String.valueOf(n)); }
        public Builder minDuration(java.time.Duration d) { return set(MIN_DURATION.key, d.toNanos() + "ns"); }
        public Builder includePackages(String... p) { return set(INCLUDE_PACKAGES.key, String.join(",", p)); }
        public Builder excludePackages(String... p) { return set(EXCLUDE_PACKAGES.key, String.join(",", p)); }
        public Builder top(int n) { return set(TOP.key, String.valueOf(n)); }
        public Builder minShare(double fraction) { return set(MIN_SHARE.key, String.valueOf(fraction)); }
        public Builder sourcePaths(Path... paths) {
            List<String> s = new ArrayList<>();
            for (Path p : paths) s.add(p.toString());
            return set(SOURCE_PATHS.key, String.join(java.io.File.pathSeparator, s));
        }
        public Builder maxFiles(int n) { return set(MAX_FILES.key, String.valueOf(n)); }
        public Builder maxBytes(long n) { return set(MAX_BYTES.key, String.valueOf(n)); }
        public Builder queueSize(int n) { return set(QUEUE_SIZE.key, String.valueOf(n)); }
        public Builder keepInMemory(int n) { return set(KEEP_IN_MEMORY.key, String.valueOf(n)); }
        /** {@code keep-rate}: profiles per second, or {@code "all"}. @since 0.2 */
        public Builder keepRate(String rate) { return set(KEEP_RATE.key, rate); }
        public Builder samplerCpuBudget(double fraction) { return set(SAMPLER_CPU_BUDGET.key, String.valueOf(fraction)); }
        public Builder methodSort(MethodSort v) { return set(METHOD_SORT.key, v.toString()); }
        public Builder packages(String... p) { return set(PACKAGES.key, String.join(",", p)); }
        /** The fleet store's JDBC URL, {@code null} for none. @since 0.3 */
        public Builder store(String url) { return set(STORE.key, url == null ? "" : url); }
        /** @since 0.3 */
        public Builder service(String name) { return set(SERVICE.key, name == null ? "" : name); }
        /** @since 0.3 */
        public Builder instance(String name) { return set(INSTANCE.key, name == null ? "" : name); }
        /** @since 0.3 */
        public Builder version(String label) { return set(VERSION.key, label == null ? "" : label); }
        public Builder uiEnabled(boolean v) { return set(UI_ENABLED.key, String.valueOf(v)); }
        public Builder uiPath(String path) { return set(UI_PATH.key, path); }
        public Builder uiToken(String token) { return set(UI_TOKEN.key, token == null ? "" : token); }
        /** @since 0.2 */
        public Builder uiPort(int port) { return set(UI_PORT.key, String.valueOf(port)); }

        /** Resolves every key. @throws ConfigException for an unknown key or a malformed value */
        public HotlineConfig build() {
            Map<String, Setting<?>> byKey = new LinkedHashMap<>();
            for (Setting<?> s : ALL) byKey.put(s.key, s);
            for (String k : explicit.keySet()) {
                if (!byKey.containsKey(k)) throw unknown("'" + k + "' (" + explicitSource + ")", byKey);
            }
            for (String name : systemPropertyNames) {
                if (name.startsWith("hotline.") && byKey.values().stream().noneMatch(s -> s.systemProperty().equals(name))) {
                    throw unknown("system property '" + name + "'", byKey);
                }
            }
            for (String name : environmentNames) {
                if (name.startsWith("HOTLINE_") && byKey.values().stream().noneMatch(s -> s.environmentVariable().equals(name))) {
                    UnknownVariables.warn(name);
                }
            }
            Map<Setting<?>, Object> values = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            for (Setting<?> s : ALL) {
                String raw = s.defaultValue;
                String origin = "default";
                if (explicit.containsKey(s.key)) { raw = explicit.get(s.key); origin = explicitSource; }
                String env = environment.apply(s.environmentVariable());
                if (env != null) { raw = env; origin = "environment variable " + s.environmentVariable(); }
                String prop = systemProperties.apply(s.systemProperty());
                if (prop != null) { raw = prop; origin = "system property " + s.systemProperty(); }
                values.put(s, s.parse(raw == null ? "" : raw, origin));
                origins.put(s.key, origin);
            }
            return new HotlineConfig(values, origins);
        }

        private static ConfigException unknown(String what, Map<String, Setting<?>> byKey) {
            return new ConfigException("Unknown Hotline setting " + what + "; known keys: " + String.join(", ", byKey.keySet()));
        }
    }
}
