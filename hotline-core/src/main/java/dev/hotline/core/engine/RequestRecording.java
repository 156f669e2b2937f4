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
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

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
        final long threadId;
        final int threadIndex;
        final int order;
        final long startNs;
        volatile long endNs = Long.MAX_VALUE;

        Segment(Thread thread, int threadIndex, int order, long startNs) {
            this.threadId = thread.getId(); // not the thread itself: a kept recording must not hold it alive
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
    private static final int INITIAL_SAMPLES = 16;

    /** Receives a request's samples with their weights, in time order per segment. */
    @FunctionalInterface
    public interface WeightedSampleVisitor {
        /**
         * @param threadIndex index of the thread's name among those that worked for the request
         * @param offsetNs    time of the sample after the request's start
         * @param weightNs    wall-clock time the sample stands for
         * @param count       engine samples it merges
         * @param stack       top frame first; shared, never to be modified
         */
        void sample(int threadIndex, long offsetNs, long weightNs, int count, Frame[] stack);
    }

    private final long serial;
    private final String method;
    private final String path;
    private final String query;
    private final long startNanoTime;
    private final long startEpochNs;
    private final SamplingEngine engine;
    private final Consumer<RequestRecording> onComplete;
    private String id;

    private final List<String> threadNames = new ArrayList<>(1);
    private final List<Segment> segments = new ArrayList<>(1);
    // Samples as parallel arrays: a request holds only references to shared stacks and a few numbers per sample.
    private int sampleCount;
    private long[] sampleTime;
    private long[] sampleSpan;
    private int[] sampleCountOf;
    private Frame[][] sampleStack;
    private Segment[] sampleSegment;
    private List<String> notes;
    private List<TraceContribution> contributions;
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
    private String traceId;
    private String spanId;
    private volatile boolean forced;

    /**
     * @param serial unique among the recordings of this JVM; with the start time it makes the profile's id
     * @param query  the raw query string; redacted only if the profile is kept ({@link #toProfile})
     */
    public RequestRecording(long serial, String method, String path, String query, SamplingEngine engine,
                            Consumer<RequestRecording> onComplete) {
        this.serial = serial;
        this.method = method;
        this.path = path;
        this.query = query;
        this.engine = engine;
        this.onComplete = onComplete;
        this.startNanoTime = System.nanoTime();
        this.startEpochNs = Clock.epochNanos();
    }

    /** A recording whose profile gets the given id. */
    public RequestRecording(String id, String method, String path, String query, SamplingEngine engine,
                            Consumer<RequestRecording> onComplete) {
        this(0, method, path, query, engine, onComplete);
        this.id = id;
    }

    /** The profile's id: made on first use, since most recordings never need one. */
    public synchronized String id() {
        if (id == null) {
            id = Long.toString(startEpochNs / 1_000_000, 36) + "-" + PROCESS + "-" + Long.toString(serial, 36);
        }
        return id;
    }

    /** Tells apart the ids of two JVMs started in the same millisecond. */
    private static final String PROCESS = Long.toString(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);

    /** The framework's route template for the request ({@code /orders/{id}}); {@code null} leaves it unknown. */
    public synchronized void route(String route) { this.route = route; }

    /** The route template, or {@code null} when the framework gave none. */
    public synchronized String route() { return route; }

    /** The distributed trace and span the request belongs to (validated by the caller); {@code null} leaves them unknown. */
    public synchronized void trace(String traceId, String spanId) {
        this.traceId = traceId;
        this.spanId = spanId;
    }

    /** The trace id, or {@code null}. */
    public synchronized String traceId() { return traceId; }

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

    /** The Java thread ids this request's segments ran on, each once. */
    synchronized long[] threadIds() {
        long[] ids = new long[segments.size()];
        int n = 0;
        outer:
        for (Segment s : segments) {
            for (int i = 0; i < n; i++) if (ids[i] == s.threadId) continue outer;
            ids[n++] = s.threadId;
        }
        return java.util.Arrays.copyOf(ids, n);
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
     * @param stackTopFirst a shared stack (from the engines' stack table): kept by reference
     */
    public synchronized boolean addSample(long threadId, long timeNs, long spanNs, int count, Frame[] stackTopFirst) {
        if (completed) return false;
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            if (s.threadId == threadId && s.contains(timeNs)) {
                append(s, timeNs, Math.max(0, spanNs), Math.max(1, count), stackTopFirst);
                return true;
            }
        }
        return false;
    }

    /** Delivers a sample of a thread known to be inside {@code segment} now. */
    public synchronized boolean addSample(Segment segment, long timeNs, Frame[] stackTopFirst) {
        if (completed || !segment.contains(timeNs)) return false;
        append(segment, timeNs, 0, 1, stackTopFirst);
        return true;
    }

    private void append(Segment s, long timeNs, long spanNs, int count, Frame[] stack) {
        if (sampleTime == null || sampleCount == sampleTime.length) grow();
        int i = sampleCount++;
        sampleTime[i] = timeNs;
        sampleSpan[i] = spanNs;
        sampleCountOf[i] = count;
        sampleStack[i] = stack;
        sampleSegment[i] = s;
    }

    private void grow() {
        int n = sampleTime == null ? INITIAL_SAMPLES : sampleTime.length * 2;
        sampleTime = sampleTime == null ? new long[n] : java.util.Arrays.copyOf(sampleTime, n);
        sampleSpan = sampleSpan == null ? new long[n] : java.util.Arrays.copyOf(sampleSpan, n);
        sampleCountOf = sampleCountOf == null ? new int[n] : java.util.Arrays.copyOf(sampleCountOf, n);
        sampleStack = sampleStack == null ? new Frame[n][] : java.util.Arrays.copyOf(sampleStack, n);
        sampleSegment = sampleSegment == null ? new Segment[n] : java.util.Arrays.copyOf(sampleSegment, n);
    }

    /** Samples delivered so far (engine samples, a batch counting as its size). */
    public synchronized long samplesTaken() {
        long n = 0;
        for (int i = 0; i < sampleCount; i++) n += sampleCountOf[i];
        return n;
    }

    /**
     * Adds exact figures a tracer counted for this request; they are merged into the profile when it is built.
     * Returns false, dropping them, once the profile has been built.
     *
     * @since 0.2
     */
    public synchronized boolean contribute(TraceContribution contribution) {
        if (built || contribution == null) return false;
        if (contributions == null) contributions = new ArrayList<>(1);
        contributions.add(contribution);
        return true;
    }

    public synchronized void budgetLimited() {
        budgetLimited = true;
    }

    public synchronized void note(String note) {
        if (notes == null) notes = new ArrayList<>(1);
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

    /** The engine has delivered every sample: hands the recording on. Idempotent. */
    public void complete() {
        synchronized (this) {
            if (completed) return;
            completed = true;
        }
        onComplete.accept(this);
    }

    /** Whether both are requests of one endpoint: same method, and same route (or path, with ids collapsed). */
    boolean sameEndpoint(RequestRecording other) {
        if (!method.equals(other.method)) return false;
        String a = route(), b = other.route();
        if (a != null && b != null) return a.equals(b);
        return dev.hotline.core.endpoint.Routes.fromPath(path).equals(dev.hotline.core.endpoint.Routes.fromPath(other.path));
    }

    /** The HTTP status, once ended. */
    public synchronized int status() { return status; }


    /** Failed: a 5xx status or an exception out of the application. */
    public synchronized boolean failed() { return status >= 500 || error != null; }

    /**
     * Hands each sample over with its weight: the time since the thread's previous sample in the same segment
     * (the first: since the segment's start), so a sampler that falls behind still reports real time. The tail
     * after a segment's last sample goes to that sample when it is shorter than two intervals.
     */
    public synchronized void forEachWeightedSample(WeightedSampleVisitor visitor) {
        int n = sampleCount;
        if (n == 0) return;
        int[] order = timeOrder();
        long interval = engine.intervalNs();
        for (int k = 0; k < n; k++) {
            int i = order[k];
            Segment s = sampleSegment[i];
            int p = k > 0 ? order[k - 1] : -1;
            long prev = (p >= 0 && sampleSegment[p] == s) ? sampleTime[p] + sampleSpan[p] : s.startNs;
            long end = sampleTime[i] + sampleSpan[i];
            long weight = Math.max(0, end - prev);
            boolean last = k + 1 == n || sampleSegment[order[k + 1]] != s;
            if (last && s.endNs != Long.MAX_VALUE) {
                long tail = s.endNs - end;
                if (tail > 0 && tail < 2 * interval) weight += tail;
            }
            visitor.sample(s.threadIndex, Math.max(0, sampleTime[i] - startEpochNs), weight, sampleCountOf[i], sampleStack[i]);
        }
    }

    /** Sample indexes by segment, then time. Samples mostly arrive in order, so an insertion sort is near linear. */
    private int[] timeOrder() {
        int n = sampleCount;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = 1; i < n; i++) {
            int x = order[i];
            int j = i - 1;
            while (j >= 0 && before(x, order[j])) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = x;
        }
        return order;
    }

    private boolean before(int a, int b) {
        int sa = sampleSegment[a].order, sb = sampleSegment[b].order;
        return sa != sb ? sa < sb : sampleTime[a] < sampleTime[b];
    }


    /**
     * Builds the profile.
     *
     * @param redact turns the raw query into the one stored
     */
    public synchronized Profile toProfile(UnaryOperator<String> redact) {
        awaitTracedThreads();
        built = true;
        ProfileBuilder b = new ProfileBuilder();
        for (String t : threadNames) b.thread(t);
        forEachWeightedSample(b::sample);
        if (contributions != null) {
            for (TraceContribution c : contributions) {
                try {
                    c.addTo(b);
                } catch (RuntimeException e) {
                    FailureLog.logOnce("could not add exact tracing figures to a profile", e);
                    b.note("exact tracing figures are incomplete: " + e);
                }
            }
        }
        if (notes != null) for (String n : notes) b.note(n);
        Instant start = Instant.ofEpochSecond(0, startEpochNs);
        RequestInfo info = new RequestInfo(method, path, query == null ? null : redact.apply(query), status, start,
                durationNs, error, route, traceId, spanId);
        return b.build(id(), info, engine.name(), engine.intervalNs(), budgetLimited);
    }

    /** As {@link #toProfile(UnaryOperator)}, storing the query as it came. */
    public Profile toProfile() {
        return toProfile(UnaryOperator.identity());
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
    /** The raw query string, as the request had it (not redacted). */
    public String rawQuery() { return query; }
    /** Whether a tracer added exact figures (hit counts) to this request. */
    public synchronized boolean exact() { return contributions != null && !contributions.isEmpty(); }
    public String method() { return method; }
    public String path() { return path; }
}
