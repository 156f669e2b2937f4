package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.SamplingEngine;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.internal.QueryRedaction;
import dev.hotline.core.model.Profile;
import dev.hotline.core.store.AsyncProfileWriter;
import dev.hotline.core.store.ProfileDirectory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running profiler: decides which requests to profile, samples them with its engine and hands each finished
 * {@link Profile} to its listeners (profile directory, text reports, results page) on a pipeline thread of its
 * own. Requests never wait for it: a full pipeline drops profiles and counts them.
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
    private static final String PROCESS = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

    private final HotlineConfig config;
    private final QueryRedaction redaction;
    private final SamplingEngine engine;
    private final String fallback;
    private final PathPatterns include;
    private final PathPatterns exclude;
    private final List<ProfileListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor pipeline;
    private final ArrayDeque<Profile> recent = new ArrayDeque<>();
    private final AtomicLong requestCounter = new AtomicLong();
    private final AtomicLong idCounter = new AtomicLong();
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong skippedFast = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;
    private AsyncProfileWriter files;
    private volatile SamplingEngine virtualThreadEngine;

    private Hotline(HotlineConfig config, SamplingEngine engine, String fallback) {
        this.config = config;
        this.redaction = new QueryRedaction(config.redactParams(), config.storeQuery());
        this.engine = engine;
        this.fallback = fallback;
        this.include = new PathPatterns(config.includePaths());
        this.exclude = new PathPatterns(config.excludePaths());
        this.pipeline = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.queueSize()), r -> {
                    Thread t = new Thread(r, "hotline-pipeline");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> {
                    throw new RejectedExecutionException();
                });
    }

    /**
     * Starts a profiler with the given settings: loads the engine (falling back to the pure-Java engine, and
     * saying so in the log and in each profile, when the native one cannot load).
     */
    public static Hotline start(HotlineConfig config) {
        EngineSelection.Selection selection = EngineSelection.select(config);
        Hotline h = new Hotline(config, selection.engine(), selection.fallback());
        if (config.profileDir() != null) {
            ProfileDirectory dir = new ProfileDirectory(config.profileDir(), config.maxFiles(), config.maxBytes());
            h.files = new AsyncProfileWriter(dir, config.queueSize(), path -> { });
            h.addListener(h.files::offer);
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
        return h;
    }

    public HotlineConfig config() {
        return config;
    }

    /** {@code async-profiler} or {@code java}. */
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
     * keeps its profile even when faster than {@code min-duration} (on-demand profiling).
     */
    public RequestProfile begin(String method, String path, String query, boolean force) {
        try {
            if (!shouldProfile(path, force)) return null;
            SamplingEngine e = engine;
            String why = fallback;
            if (!engine.canSample(Thread.currentThread())) {
                e = virtualThreadEngine();
                why = "served on a virtual thread, which " + engine.name() + " cannot sample";
            }
            RequestRecording rec = new RequestRecording(nextId(), method, redaction.redactPath(path), redaction.redact(query), e, this::onComplete);
            rec.forced(force);
            if (why != null) rec.note("engine: " + e.name() + " (" + why + ")");
            begun.incrementAndGet();
            return new RequestProfile(rec);
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

    private String nextId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-" + PROCESS + "-" + Long.toString(idCounter.incrementAndGet(), 36);
    }

    private void onComplete(RequestRecording rec) {
        try {
            pipeline.execute(() -> process(rec));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
        }
    }

    private void process(RequestRecording rec) {
        if (rec.durationNs() < config.minDurationNs() && !rec.forced()) {
            skippedFast.incrementAndGet();
            return;
        }
        Profile profile;
        try {
            profile = rec.toProfile();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            FailureLog.logOnce("could not build a profile", e);
            return;
        }
        synchronized (recent) {
            recent.addFirst(profile);
            while (recent.size() > config.keepInMemory()) recent.removeLast();
        }
        completed.incrementAndGet();
        for (ProfileListener l : listeners) {
            try {
                l.onProfile(profile);
            } catch (RuntimeException | LinkageError e) {
                failures.incrementAndGet();
                FailureLog.logOnce("profile listener " + l.getClass().getName() + " failed", e);
            }
        }
    }

    /** The most recent profiles, newest first, at most {@code keep-in-memory} of them. */
    public List<Profile> recentProfiles() {
        synchronized (recent) {
            return new ArrayList<>(recent);
        }
    }

    public HotlineStats stats() {
        AsyncProfileWriter f = files;
        return new HotlineStats(begun.get(), completed.get(), skippedFast.get(), dropped.get() + (f == null ? 0 : f.dropped()),
                failures.get(), f == null ? 0 : f.written(), f == null ? 0 : f.failed(),
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
        pipeline.shutdown();
        try {
            pipeline.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (files != null) files.close();
    }
}
