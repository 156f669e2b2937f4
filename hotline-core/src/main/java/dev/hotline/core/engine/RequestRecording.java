package dev.hotline.core.engine;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.trace.TraceContribution;
import dev.hotline.core.trace.Tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything recorded for one request while it runs: the stretches of time each thread worked for it
 * (segments) and the raw samples engines deliver. Turned into a {@link Profile} once complete.
 *
 * <p>Samples may arrive from any thread, during or after the request (the native engine reads them in
 * batches); samples are attributed by thread and time to this request's segments, so a sample taken on a
 * pooled thread before or after it worked for this request is discarded.
 */
public final class RequestRecording {

    /** A stretch of time one thread worked for this request, on the {@link Clock#epochNanos()} timeline. */
    public static final class Segment {
        final Thread thread;
        final long threadId;
        final int threadIndex;
        final int order;
        final long startNs;
        volatile long endNs = Long.MAX_VALUE;

        Segment(Thread thread, int threadIndex, int order, long startNs) {
            this.thread = thread;
            this.threadId = thread.getId();
            this.threadIndex = threadIndex;
            this.order = order;
            this.startNs = startNs;
        }

        public long threadId() { return threadId; }
        public long startNs() { return startNs; }
        public long endNs() { return endNs; }
        public boolean contains(long t) { return t >= startNs && t <= endNs; }
    }

    /** How long a profile waits for threads still inside the request to hand over their traced figures. */
    private static final long TRACED_THREADS_WAIT_NS = 50_000_000;

    private record RawSample(Segment segment, long timeNs, long spanNs, int count, Frame[] stack) {}

    private final String id;
    private final String method;
    private final String path;
    private final String query;
    private final Instant start;
    private final long startNanoTime;
    private final long startEpochNs;
    private final SamplingEngine engine;
    private final Consumer<RequestRecording> onComplete;

    private final List<String> threadNames = new ArrayList<>(2);
    private final List<Segment> segments = new ArrayList<>(2);
    private final List<RawSample> samples = new ArrayList<>(64);
    private final List<String> notes = new ArrayList<>(0);
    private final List<TraceContribution> contributions = new ArrayList<>(0);
    private boolean budgetLimited;
    private boolean finished;
    private boolean completed;
    private boolean built;
    private int openSegments;
    private boolean finishSignalled;
    private int status;
    private String error;
    private String errorText;
    private long durationNs;
    private String route;
    private volatile boolean forced;

    public RequestRecording(String id, String method, String path, String query, SamplingEngine engine,
                            Consumer<RequestRecording> onComplete) {
        this.id = id;
        this.method = method;
        this.path = path;
        this.query = query;
        this.engine = engine;
        this.onComplete = onComplete;
        this.start = Instant.now();
        this.startNanoTime = System.nanoTime();
        this.startEpochNs = Clock.epochNanos();
    }

    public String id() { return id; }

    /** The framework's route template for the request ({@code /orders/{id}}); {@code null} leaves it unknown. */
    public synchronized void route(String route) { this.route = route; }

    /** Asked for explicitly (on-demand): kept even when faster than {@code min-duration}. */
    public void forced(boolean forced) { this.forced = forced; }
    public boolean forced() { return forced; }

    /** Time since the request started; its duration once it has ended. */
    public synchronized long elapsedNs() {
        return finished ? durationNs : Math.max(1, System.nanoTime() - startNanoTime);
    }
    public SamplingEngine engine() { return engine; }
    public long startEpochNs() { return startEpochNs; }

    /** Opens a segment for the current thread. Called through {@link ThreadBinding}. */
    synchronized Segment openSegment(Thread thread) {
        if (finishSignalled) return null; // a task that starts after the response ended is not the request's work
        String name = thread.getName();
        int idx = threadNames.indexOf(name);
        if (idx < 0) {
            threadNames.add(name);
            idx = threadNames.size() - 1;
        }
        Segment s = new Segment(thread, idx, segments.size(), Clock.epochNanos());
        segments.add(s);
        openSegments++;
        return s;
    }

    synchronized void closeSegment(Segment s) {
        if (s.endNs == Long.MAX_VALUE) s.endNs = Clock.epochNanos();
        openSegments--;
        if (openSegments == 0) notifyAll(); // a profile being built may wait for the last tracer figures
    }

    /** Segments of the given Java thread id, for engines that match samples by thread and time. */
    public synchronized List<Segment> segmentsOf(long threadId) {
        List<Segment> out = new ArrayList<>(1);
        for (Segment s : segments) if (s.threadId == threadId) out.add(s);
        return out;
    }

    /** Time between {@code fromNs} and {@code toNs} during which one of this request's segments was open. */
    public synchronized long overlapNs(long fromNs, long toNs) {
        long total = 0;
        for (Segment s : segments) {
            long a = Math.max(fromNs, s.startNs);
            long b = Math.min(toNs, s.endNs);
            if (b > a) total += b - a;
        }
        return total;
    }

    /** The latest segment end, or {@code Long.MAX_VALUE} while a segment is open. */
    public synchronized long lastEndNs() {
        long end = 0;
        for (Segment s : segments) end = Math.max(end, s.endNs);
        return end;
    }

    /**
     * Delivers a sample of {@code thread} taken at {@code timeNs} ({@link Clock#epochNanos()} timeline).
     * Returns false when no segment of this request on that thread holds the time, or the recording is complete.
     *
     * @param spanNs for a batch of {@code count} idle samples, the time from its first to its last sample
     */
    public synchronized boolean addSample(long threadId, long timeNs, long spanNs, int count, Frame[] stackTopFirst) {
        if (completed) return false;
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.threadId == threadId && s.contains(timeNs)) {
                samples.add(new RawSample(s, timeNs, Math.max(0, spanNs), Math.max(1, count), stackTopFirst));
                return true;
            }
        }
        return false;
    }

    /** Delivers a sample of a thread known to be inside {@code segment} now. */
    public synchronized boolean addSample(Segment segment, long timeNs, Frame[] stackTopFirst) {
        if (completed || !segment.contains(timeNs)) return false;
        samples.add(new RawSample(segment, timeNs, 0, 1, stackTopFirst));
        return true;
    }

    /**
     * Adds exact figures a tracer counted for this request; they are merged into the profile when it is built.
     * Returns false, dropping them, once the profile has been built.
     *
     * @since 0.2
     */
    public synchronized boolean contribute(TraceContribution contribution) {
        if (built || contribution == null) return false;
        contributions.add(contribution);
        return true;
    }

    public synchronized void budgetLimited() {
        budgetLimited = true;
    }

    public synchronized void note(String note) {
        if (!notes.contains(note)) notes.add(note);
    }

    /** How a failed request's error is recorded (root cause, redacted message), set before {@link #end}. */
    public synchronized void errorText(String text) { this.errorText = text; }

    /**
     * The response is complete: the duration is fixed, open segments are cut here and the engine is told.
     * Later calls are ignored.
     */
    public void end(int status, Throwable error) {
        boolean tell;
        synchronized (this) {
            if (finished) return;
            this.durationNs = Math.max(1, System.nanoTime() - startNanoTime);
            this.status = status;
            this.error = error == null ? null : errorText != null ? errorText : error.getClass().getName();
            finished = true;
            // Threads still working (a fire-and-forget task, the serving thread unwinding after an async
            // complete) are cut at the response's end: what they do later is not this request's time.
            long now = Clock.epochNanos();
            for (Segment s : segments) if (s.endNs == Long.MAX_VALUE) s.endNs = now;
            tell = !finishSignalled;
            finishSignalled = true;
        }
        if (tell) engine.finish(this);
    }


    public synchronized boolean isEnded() {
        return finishSignalled;
    }

    /** The engine has delivered every sample: builds the profile and hands it on. Idempotent. */
    public void complete() {
        synchronized (this) {
            if (completed) return;
            completed = true;
        }
        onComplete.accept(this);
    }

    /**
     * Builds the profile. Each sample's weight is the time since the thread's previous sample in the same
     * segment (the first: since the segment's start), so a sampler that falls behind still reports real time.
     * The tail after a segment's last sample goes to that sample when it is shorter than two intervals.
     */
    public synchronized Profile toProfile() {
        awaitTracedThreads();
        built = true;
        ProfileBuilder b = new ProfileBuilder();
        for (String t : threadNames) b.thread(t);
        long interval = engine.intervalNs();
        List<RawSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingInt((RawSample r) -> r.segment.order).thenComparingLong(RawSample::timeNs));
        for (int i = 0; i < sorted.size(); i++) {
            RawSample r = sorted.get(i);
            Segment s = r.segment;
            long prev = (i > 0 && sorted.get(i - 1).segment == s) ? sorted.get(i - 1).timeNs + sorted.get(i - 1).spanNs : s.startNs;
            long end = r.timeNs + r.spanNs;
            long weight = Math.max(0, end - prev);
            boolean last = i + 1 == sorted.size() || sorted.get(i + 1).segment != s;
            if (last && s.endNs != Long.MAX_VALUE) {
                long tail = s.endNs - end;
                if (tail > 0 && tail < 2 * interval) weight += tail;
            }
            b.sample(s.threadIndex, Math.max(0, r.timeNs - startEpochNs), weight, r.count, r.stack);
        }
        for (TraceContribution c : contributions) {
            try {
                c.addTo(b);
            } catch (RuntimeException e) {
                FailureLog.logOnce("could not add exact tracing figures to a profile", e);
                b.note("exact tracing figures are incomplete: " + e);
            }
        }
        for (String n : notes) b.note(n);
        RequestInfo info = new RequestInfo(method, path, query, status, start, durationNs, error, route);
        return b.build(id, info, engine.name(), interval, budgetLimited);
    }

    /**
     * A thread that worked for the request hands its exact figures over when it leaves, which can be just after
     * the response ended (a task whose future completed the response). With a tracer installed, the profile
     * waits a little for such threads rather than lose their figures.
     */
    private void awaitTracedThreads() {
        if (openSegments <= 0 || Tracing.installed() == null) return;
        long deadline = System.nanoTime() + TRACED_THREADS_WAIT_NS;
        try {
            for (long left = TRACED_THREADS_WAIT_NS; openSegments > 0 && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (openSegments > 0) note("exact tracing: a thread still worked for the request when its profile was built; its figures are missing");
    }

    public synchronized long durationNs() { return durationNs; }
    public String method() { return method; }
    public String path() { return path; }
}
