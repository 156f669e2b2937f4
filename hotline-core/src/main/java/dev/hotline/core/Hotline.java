package dev.hotline.core;

import dev.hotline.core.endpoint.EndpointFigures;
import dev.hotline.core.endpoint.Routes;
import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.SamplingEngine;
import dev.hotline.core.fleet.FleetConnections;
import dev.hotline.core.fleet.FleetIdentity;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.fleet.FleetStats;
import dev.hotline.core.fleet.FleetWriter;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.internal.QueryRedaction;
import dev.hotline.core.model.Profile;
import dev.hotline.core.store.AsyncProfileWriter;
import dev.hotline.core.store.ProfileDirectory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running profiler: decides which requests to sample, samples them with its engine, and after each response
 * decides whether to keep its profile ({@code keep-rate}). Every sampled request counts in its endpoint's figures;
 * only kept ones become {@link Profile}s, handed to the listeners (profile directory, text reports, results page).
 * All of that runs on Hotline's own threads: a request pays for its begin and end bookkeeping only, and never
 * waits. A full pipeline drops requests and counts them.
 *
 * <pre>{@code
 * Hotline hotline = Hotline.start(HotlineConfig.fromEnvironment());
 * RequestProfile p = hotline.begin("GET", "/orders/42", null);
 * try { handle(); } finally { if (p != null) { p.detach(); p.end(200, null); } }
 * }</pre>
 *
 * @since 0.1
 */
public final class Hotline implements AutoCloseable {
    /** Most endpoints with figures of their own; requests of further ones are counted as overflow. */
    static final int MAX_ENDPOINTS = 2000;

    private final HotlineConfig config;
    private final QueryRedaction redaction;
    private final ApplicationCode applicationCode;
    private volatile SamplingEngine engine;
    private volatile String fallback;
    private final PathPatterns include;
    private final PathPatterns exclude;
    private final List<ProfileListener> listeners = new CopyOnWriteArrayList<>();
    private final RequestPipeline pipeline;
    private final KeepPolicy keep;
    private final EndpointFigures endpoints = new EndpointFigures(MAX_ENDPOINTS);
    private final ArrayDeque<KeptProfile> recent = new ArrayDeque<>();
    private final AtomicLong requestCounter = new AtomicLong();
    private final AtomicLong serials = new AtomicLong();
    private final AtomicLong sampled = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong notKept = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;
    // Written by the pipeline thread only.
    private volatile long processed, aggregateNs, buildNs, outputNs;
    private AsyncProfileWriter files;
    private FleetWriter fleet;
    private FleetReader fleetReader;
    private volatile SamplingEngine virtualThreadEngine;
    private HotlineMBean mbean;

    private Hotline(HotlineConfig config, SamplingEngine engine, String fallback) {
        this.config = config;
        this.redaction = new QueryRedaction(config.redactParams(), config.storeQuery());
        this.applicationCode = ApplicationCode.of(config);
        this.engine = engine;
        this.fallback = fallback;
        this.include = new PathPatterns(config.includePaths());
        this.exclude = new PathPatterns(config.excludePaths());
        this.keep = new KeepPolicy(config.keepRate(), config.minDurationNs(), System::nanoTime);
        this.pipeline = new RequestPipeline(config.queueSize(), this::process);
    }

    /**
     * Starts a profiler with the given settings: loads the engine (falling back to the pure-Java engine, and
     * saying so in the log and in each profile, when the native one cannot load).
     */
    public static Hotline start(HotlineConfig config) {
        return start(config, EngineSelection.select(config));
    }

    /** With an engine chosen by the caller: for tests. */
    static Hotline start(HotlineConfig config, EngineSelection.Selection selection) {
        if (config.store() != null && config.enabled() && !FleetConnections.driverAvailable()) {
            selection.engine().close();
            throw new ConfigException("Hotline setting 'store' is set, but the PostgreSQL JDBC driver is not on the class path: "
                    + "add org.postgresql:postgresql to the application (the Hotline agent's jar has it inside).");
        }
        Hotline h = new Hotline(config, selection.engine(), selection.fallback());
        if (config.profileDir() != null) {
            ProfileDirectory dir = new ProfileDirectory(config.profileDir(), config.maxFiles(), config.maxBytes());
            h.files = new AsyncProfileWriter(dir, config.queueSize(), path -> { });
            h.addListener(h.files::offer);
        }
        if (config.store() != null && config.enabled()) {
            h.fleet = fleetWriter(config);
            h.fleetReader = FleetReader.of(config);
            h.addListener(h.fleet::offer);
            h.fleet.start();
        }
        if (config.textOutput() != HotlineConfig.TextOutput.OFF && !config.reports().isEmpty()) {
            h.addListener(new TextOutputListener(config, Thread.currentThread().getContextClassLoader()));
        }
        if (selection.fallback() != null) {
            System.Logger.Level level = config.engine() == HotlineConfig.Engine.ASYNC_PROFILER
                    ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
            FailureLog.log().log(level, "Hotline: sampling with the " + selection.engine().name()
                    + " engine: " + selection.fallback());
        }
        if (config.enabled()) h.mbean = HotlineMBean.register(h);
        return h;
    }

    /** The writer to the fleet store that {@code config} names. */
    private static FleetWriter fleetWriter(HotlineConfig config) {
        FleetIdentity id = identity(config);
        String url = config.store();
        return new FleetWriter(id, () -> FleetConnections.open(url, config.storeUser(), config.storePassword()),
                FleetConnections.masked(url), (int) config.storeRetention().toDays(), config.storeMaxSize(),
                config.storeBacklog(), config.queueSize(), System::currentTimeMillis);
    }

    /**
     * How this JVM names itself in the fleet store: {@code service}, {@code instance} and {@code version}, with defaults.
     *
     * @since 0.3
     */
    public static FleetIdentity identity(HotlineConfig config) {
        return new FleetIdentity(config.service() != null ? config.service() : FleetIdentity.defaultService(),
                config.instance() != null ? config.instance() : FleetIdentity.defaultInstance(), config.version());
    }

    /**
     * The fleet store's writer counters, or {@code null} when no {@code store} is configured.
     *
     * @since 0.3
     */
    public FleetStats fleetStats() {
        FleetWriter f = fleet;
        return f == null ? null : f.stats();
    }

    /**
     * The fleet store as the results page reads it (connections opened when first asked), or {@code null} when no
     * {@code store} is configured. Closed with this profiler.
     *
     * @since 0.3
     */
    public FleetReader fleetReader() {
        return fleetReader;
    }

    /**
     * How this JVM names itself in the fleet store, or {@code null} when no {@code store} is configured.
     *
     * @since 0.3
     */
    public FleetIdentity fleetIdentity() {
        FleetWriter f = fleet;
        return f == null ? null : f.identity();
    }

    public HotlineConfig config() {
        return config;
    }

    /**
     * The application's packages, stamped on every profile: configured, else detected ({@link ApplicationCode}).
     *
     * @since 0.2
     */
    public ApplicationCode applicationCode() {
        return applicationCode;
    }

    /** {@code async-profiler} or {@code java}: the engine new requests are sampled with. */
    public String engineName() {
        return engine.name();
    }

    /** The profile directory in use, or {@code null} when {@code profile-dir} is not set. */
    public ProfileDirectory profileDirectory() {
        return files == null ? null : files.directory();
    }

    /** Why the native engine is not in use, or {@code null} when it is (or the Java engine was asked for). */
    public String engineFallbackReason() {
        return fallback;
    }

    public void addListener(ProfileListener listener) {
        listeners.add(listener);
    }

    /**
     * Figures per endpoint over every sampled request, kept or not.
     *
     * @since 0.2
     */
    public EndpointFigures endpoints() {
        return endpoints;
    }

    /**
     * Whether a request to {@code path} is profiled: enabled, path included and not excluded, and selected by
     * {@code profile-one-in} (unless {@code force}).
     */
    public boolean shouldProfile(String path, boolean force) {
        if (closed || !config.enabled()) return false;
        if (exclude.matches(path)) return false;
        if (!include.isEmpty() && !include.matches(path)) return false;
        if (force) return true;
        int n = config.profileOneIn();
        return n == 1 || requestCounter.getAndIncrement() % n == 0;
    }

    /**
     * Starts profiling a request on the current thread, or returns {@code null} when it is not to be profiled
     * or Hotline failed (logged once; the request goes on unprofiled). {@code query} is the raw query string:
     * the values of secret-looking parameters ({@code redact-params}) are redacted before it is stored.
     */
    public RequestProfile begin(String method, String path, String query) {
        return begin(method, path, query, false);
    }

    /**
     * As {@link #begin(String, String, String)}; {@code force} profiles it whatever {@code profile-one-in} says and
     * keeps its profile whatever {@code keep-rate} and {@code min-duration} say (on-demand profiling).
     */
    public RequestProfile begin(String method, String path, String query, boolean force) {
        try {
            if (!shouldProfile(path, force)) return null;
            SamplingEngine e = engine;
            String why = fallback;
            if (e.failure() != null) {
                e = replaceBrokenEngine(e);
                why = fallback;
            }
            if (!e.canSample(Thread.currentThread())) {
                e = virtualThreadEngine();
                why = "served on a virtual thread, which " + engine.name() + " cannot sample";
            }
            // Path parameters (;jsessionid=) are redacted now: the path names the endpoint. The query waits until
            // a profile is kept.
            RequestRecording rec = new RequestRecording(serials.incrementAndGet(), method, redaction.redactPath(path), query,
                    e, this::onComplete);
            if (force) rec.forced(true);
            if (why != null) rec.note("engine: " + e.name() + " (" + why + ")");
            sampled.incrementAndGet();
            return new RequestProfile(rec, redaction);
        } catch (RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            FailureLog.logOnce("could not start profiling a request", e);
            return null;
        }
    }

    /** The pure-Java engine for requests the main engine cannot sample; started on first need. */
    private SamplingEngine virtualThreadEngine() {
        SamplingEngine e = virtualThreadEngine;
        if (e == null) {
            synchronized (this) {
                e = virtualThreadEngine;
                if (e == null) {
                    e = EngineSelection.javaEngine(config);
                    virtualThreadEngine = e;
                }
            }
        }
        return e;
    }

    /**
     * The engine stopped delivering samples (async-profiler's output cannot be read): new requests go to the
     * pure-Java engine from now on, and say so. Requests already begun finish on the old engine, with a note.
     */
    private synchronized SamplingEngine replaceBrokenEngine(SamplingEngine broken) {
        if (engine != broken) return engine;
        String reason = broken.name() + " stopped working: " + broken.failure();
        SamplingEngine replacement = EngineSelection.javaEngine(config);
        FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: " + reason + "; sampling with the "
                + replacement.name() + " engine from now on");
        fallback = reason;
        engine = replacement;
        Thread closer = new Thread(broken::close, "hotline-engine-close");
        closer.setDaemon(true);
        closer.start();
        return replacement;
    }

    private void onComplete(RequestRecording rec) {
        pipeline.offer(rec);
    }

    /** On the pipeline thread: endpoint figures for every request; a profile for the ones kept. */
    private void process(RequestRecording rec) {
        long t0 = System.nanoTime();
        String route = Routes.endpointOf(rec.path(), rec.route(), rec.status());
        long p95 = endpoints.p95Ns(rec.method(), route);
        endpoints.add(rec.method(), route, rec);
        if (fleet != null) {
            fleet.request((rec.startEpochNs() + rec.durationNs()) / 1_000_000, rec.method(), route, rec.durationNs(), rec.failed());
        }
        String reason = keep.decide(rec.method() + ' ' + route, rec.durationNs(), rec.forced(), rec.failed(), p95);
        long t1 = System.nanoTime();
        processed++;
        aggregateNs += t1 - t0;
        if (reason == null) {
            notKept.incrementAndGet();
            return;
        }
        Profile profile;
        try {
            profile = rec.toProfile(redaction::redact).withAppPackages(applicationCode.packages()).withKeptBecause(reason);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            notKept.incrementAndGet();
            FailureLog.logOnce("could not build a profile", e);
            return;
        }
        long t2 = System.nanoTime();
        buildNs += t2 - t1;
        synchronized (recent) {
            recent.addFirst(new KeptProfile(rec, reason, redaction::redact, profile.appPackages()));
            while (recent.size() > config.keepInMemory()) recent.removeLast();
        }
        kept.incrementAndGet();
        for (ProfileListener l : listeners) {
            try {
                l.onProfile(profile);
            } catch (RuntimeException | LinkageError e) {
                failures.incrementAndGet();
                FailureLog.logOnce("profile listener " + l.getClass().getName() + " failed", e);
            }
        }
        outputNs += System.nanoTime() - t2;
    }

    /**
     * What Hotline's own threads have spent so far.
     *
     * @since 0.2
     */
    public PipelineCosts costs() {
        return new PipelineCosts(processed, aggregateNs, kept.get(), buildNs, outputNs, engine.costs());
    }

    /** The most recent profiles, newest first, at most {@code keep-in-memory} of them; each is built anew. */
    public List<Profile> recentProfiles() {
        List<Profile> out = new ArrayList<>();
        for (KeptProfile k : recentKept()) out.add(k.profile());
        return out;
    }

    /**
     * The most recent kept requests, newest first, at most {@code keep-in-memory} of them, as held in memory: their
     * profiles are built when asked for.
     *
     * @since 0.2
     */
    public List<KeptProfile> recentKept() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public HotlineStats stats() {
        AsyncProfileWriter f = files;
        long s = sampled.get(), k = kept.get(), n = notKept.get(), d = pipeline.dropped();
        return new HotlineStats(s, k, n, d, Math.max(0, s - k - n - d), failures.get(),
                f == null ? 0 : f.written(), f == null ? 0 : f.failed(), f == null ? 0 : f.dropped(),
                endpoints.overflowRequests(),
                f == null ? 0 : f.outages(), f == null ? 0 : f.recoveries(), f == null ? 0 : f.directory().recreated());
    }

    /** Stops sampling, lets queued profiles finish (up to 5 s) and releases the engine. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        engine.close();
        SamplingEngine v = virtualThreadEngine;
        if (v != null) v.close();
        pipeline.close();
        if (files != null) files.close();
        if (fleet != null) fleet.close();
        if (fleetReader != null) fleetReader.close();
        if (mbean != null) mbean.unregister();
    }
}
