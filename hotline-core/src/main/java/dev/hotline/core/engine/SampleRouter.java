package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knows which recordings each thread works for, keeps the profiler's thread filter in step with the threads
 * inside requests, and hands each sample to the recording whose segment holds it.
 *
 * <p><b>Idle batches.</b> async-profiler samples an idle thread once by a signal, then counts its further ticks
 * into a batch event that reuses that sample's stack for as long as the thread uses under 10 µs of CPU. A batch can
 * therefore run on past the end of the request whose stack it carries, into the thread's next request. The router
 * gives a batch's stack only to the segment that holds the single sample the stack came from (the thread's latest
 * single sample with that stack), cut where that segment ends; a part of the batch that falls in a later segment
 * is delivered there with an empty stack: time the thread spent idle in a stack that was never sampled inside
 * that request. A batch of one tick looks like a single sample; when it carries the stack of a single sample taken
 * earlier in a request of another endpoint, and this request began within {@value #QUICK_HANDOVER_NS} ns of the
 * previous one's end, it is taken for such a batch and delivered with an empty stack. (The same stack in a request of
 * the same endpoint is the same code, so it is kept; a slower hand-over used the CPU that makes async-profiler take a
 * fresh sample.) Nothing of one request's stacks reaches another.
 *
 * <p>Concurrency: {@link #enter} and {@link #exit} run on request threads; everything else on the engine's
 * reader thread. A thread's filter state only changes under its own {@link ThreadSlot}'s lock, so the re-adding
 * after a profiler restart cannot interleave with that thread entering or leaving a request; the lock is per
 * thread and otherwise uncontended.
 */
final class SampleRouter {

    /** Adds a thread to or removes it from the profiler's thread filter. */
    interface ThreadFilter {
        void add(Thread thread);

        void remove(Thread thread);
    }

    /** What the engine knows of one Java thread. */
    static final class ThreadSlot {
        final Thread thread;
        final long threadId;
        /** Guarded by this. */
        private boolean inside;
        /** Recordings not yet complete that had a segment on this thread. Guarded by this. */
        private final List<RequestRecording> recordings = new ArrayList<>(2);
        /** The thread's latest single samples, a ring: where the stacks its idle batches reuse were taken. Reader thread only. */
        private final long[] singleNs = new long[SINGLES];
        private final Frame[][] singleStack = new Frame[SINGLES][];
        private final RequestRecording[] singleOf = new RequestRecording[SINGLES];
        private int nextSingle;

        void single(long t, Frame[] stack, RequestRecording of) {
            singleNs[nextSingle] = t;
            singleStack[nextSingle] = stack;
            singleOf[nextSingle] = of;
            nextSingle = (nextSingle + 1) % SINGLES;
        }

        /** The ring index of the latest single sample with {@code stack} taken before {@code t}, or -1. */
        int lastSingle(Frame[] stack, long t) {
            int best = -1;
            for (int i = 0; i < SINGLES; i++) {
                if (singleStack[i] == stack && singleNs[i] < t && (best < 0 || singleNs[i] > singleNs[best])) best = i;
            }
            return best;
        }

        void forgetSingles() {
            java.util.Arrays.fill(singleStack, null);
            java.util.Arrays.fill(singleOf, null);
        }

        ThreadSlot(Thread thread) {
            this.thread = thread;
            this.threadId = thread.getId();
        }
    }

    /** A segment as seen at routing time; an open one has {@code end == Long.MAX_VALUE}. */
    private record SegmentRef(RequestRecording recording, long start, long end) {}

    /**
     * Counts of one routing pass.
     *
     * @param delivered samples handed to a recording
     * @param unmatched samples no recording's segment held (a thread between requests, a forgotten recording)
     * @param unknownIdle parts of idle batches delivered with an empty stack (see the class comment)
     */
    record Result(int delivered, int unmatched, int unknownIdle) {
        static final Result NONE = new Result(0, 0, 0);
    }

    /** Single samples remembered per thread. */
    private static final int SINGLES = 8;

    /** A hand-over between requests on a thread quicker than this may have used under 10 µs of CPU. */
    static final long QUICK_HANDOVER_NS = 50_000;

    /** Long after any recording ended and was completed. */
    private static final long FORGET_AFTER_NS = 60_000_000_000L;

    private final ThreadFilter filter;
    private final Map<Long, ThreadSlot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger inside = new AtomicInteger();
    private int delivered, unmatched, unknownIdle; // of the current pass

    SampleRouter(ThreadFilter filter) {
        this.filter = filter;
    }

    /** {@code thread} starts working for {@code recording}: remember the pair and let the profiler sample it. */
    void enter(Thread thread, RequestRecording recording) {
        long id = thread.getId();
        ThreadSlot slot = slots.get(id);
        if (slot == null || slot.thread != thread) {
            slot = new ThreadSlot(thread);
            slots.put(id, slot);
        }
        // Re-entering a request that already ended (the outer request after an inline task) adds nothing to
        // route, and registering it could outlive its completion.
        boolean track = !recording.isEnded();
        synchronized (slot) {
            if (track && !slot.recordings.contains(recording)) slot.recordings.add(recording);
            if (!slot.inside) {
                slot.inside = true;
                inside.incrementAndGet();
            }
            filter.add(thread);
        }
    }

    /** {@code thread} stops working for a request: the profiler stops sampling it. */
    void exit(Thread thread) {
        ThreadSlot slot = slots.get(thread.getId());
        if (slot == null) return;
        synchronized (slot) {
            if (slot.inside) {
                slot.inside = false;
                inside.decrementAndGet();
            }
            filter.remove(thread);
        }
    }

    /** Threads currently inside a request. */
    int insideCount() {
        return inside.get();
    }

    /** After the profiler restarted with an empty thread filter: put the threads inside requests back. */
    void refill() {
        for (ThreadSlot slot : slots.values()) {
            synchronized (slot) {
                if (slot.inside) filter.add(slot.thread);
            }
            // A new recording's batches cannot refer to single samples of the old one.
            slot.forgetSingles();
        }
    }

    /** Adds {@code note} to every recording not yet complete, when samples were lost for all of them. */
    void noteAll(String note) {
        for (ThreadSlot slot : slots.values()) {
            List<RequestRecording> rs;
            synchronized (slot) {
                rs = new ArrayList<>(slot.recordings);
            }
            for (RequestRecording r : rs) r.note(note);
        }
    }

    /** The recording is complete: no sample goes to it any more. */
    void forget(RequestRecording recording) {
        for (long id : recording.threadIds()) {
            ThreadSlot slot = slots.get(id);
            if (slot == null) continue;
            synchronized (slot) {
                slot.recordings.remove(recording);
                // Dead threads do not come back; pooled ones keep their slot for the next request.
                if (!slot.inside && slot.recordings.isEmpty() && !slot.thread.isAlive()) slots.remove(slot.threadId, slot);
            }
        }
    }

    /**
     * Delivers samples to the recordings whose segments hold them. On a thread, the innermost segment wins: a
     * task of request B run inline inside request A goes to B.
     */
    Result route(SampleBatch batch) {
        delivered = 0;
        unmatched = 0;
        unknownIdle = 0;
        int n = batch.size();
        int[] order = batch.byThreadAndTime();
        long forgetBeforeNs = Clock.epochNanos() - FORGET_AFTER_NS;
        int i = 0;
        while (i < n) {
            long threadId = batch.threadId(order[i]);
            int j = i;
            while (j < n && batch.threadId(order[j]) == threadId) j++;
            ThreadSlot slot = slots.get(threadId);
            if (slot == null) {
                unmatched += j - i;
            } else {
                List<SegmentRef> refs = segments(slot, forgetBeforeNs);
                for (int k = i; k < j; k++) routeOne(slot, refs, batch, order[k]);
            }
            i = j;
        }
        return new Result(delivered, unmatched, unknownIdle);
    }

    private void routeOne(ThreadSlot slot, List<SegmentRef> refs, SampleBatch b, int i) {
        long t = b.time(i);
        long span = b.span(i);
        int count = b.count(i);
        Frame[] stack = b.stack(i);
        int previous = slot.lastSingle(stack, t);
        if (span == 0 && count == 1) {
            SegmentRef target = innermost(refs, t);
            RequestRecording earlier = previous < 0 ? null : slot.singleOf[previous];
            if (target != null && earlier != null && earlier != target.recording && !earlier.sameEndpoint(target.recording)
                    && quickHandOver(earlier, slot.threadId, target)) {
                // Another endpoint's stack: a batch of one tick carrying it over. Its time, with no stack.
                if (target.recording.addSample(slot.threadId, t, 0, 1, StackTable.EMPTY)) {
                    delivered++;
                    unknownIdle++;
                } else {
                    unmatched++;
                }
                return;
            }
            slot.single(t, stack, target == null ? null : target.recording);
            count(target != null && target.recording.addSample(slot.threadId, t, 0, 1, stack));
            return;
        }
        // A batch: its stack was sampled at the thread's latest single sample with that stack.
        long source = previous >= 0 ? slot.singleNs[previous] : t;
        long end = t + span;
        SegmentRef home = innermost(refs, source);
        long homeEnd = t;
        boolean any = false;
        if (home != null) {
            homeEnd = Math.min(home.end, nextStart(refs, source));
            any = deliverPart(slot, home, b, i, Math.max(t, home.start), Math.min(end, homeEnd), stack);
        }
        // What runs on into later segments was not sampled there: their time, with no stack.
        for (SegmentRef r : refs) {
            if (r == home) continue;
            long from = Math.max(t, r.start);
            if ((home != null && from < homeEnd) || from > end || from > r.end) continue;
            long to = Math.min(Math.min(end, r.end), nextStart(refs, from));
            if (deliverPart(slot, r, b, i, from, to, StackTable.EMPTY)) {
                unknownIdle++;
                any = true;
            }
        }
        if (!any) unmatched++;
    }

    private boolean deliverPart(ThreadSlot slot, SegmentRef target, SampleBatch b, int i, long from, long to, Frame[] stack) {
        if (to < from) return false;
        long span = b.span(i);
        int count = b.count(i);
        int partCount = span <= 0 ? count : (int) Math.max(1, Math.round((double) count * (to - from) / span));
        boolean ok = target.recording.addSample(slot.threadId, from, to - from, partCount, stack);
        if (ok) delivered++;
        return ok;
    }

    private void count(boolean ok) {
        if (ok) delivered++;
        else unmatched++;
    }

    /**
     * Whether {@code target} began within {@value #QUICK_HANDOVER_NS} ns of the end of {@code earlier}'s last segment on
     * the thread: quick enough for the thread to have used under 10 µs of CPU in between, which a servlet container
     * finishing one request and parsing the next does not.
     */
    private static boolean quickHandOver(RequestRecording earlier, long threadId, SegmentRef target) {
        // The earlier request may be complete and forgotten by now: its own segments still say when it left.
        long before = Long.MIN_VALUE;
        for (RequestRecording.Segment seg : earlier.segmentsOf(threadId)) {
            if (seg.endNs() <= target.start && seg.endNs() > before) before = seg.endNs();
        }
        return before != Long.MIN_VALUE && target.start - before <= QUICK_HANDOVER_NS;
    }

    /** The innermost segment holding {@code t}: the one that started last. */
    private static SegmentRef innermost(List<SegmentRef> refs, long t) {
        SegmentRef target = null;
        for (SegmentRef ref : refs) {
            if (ref.start <= t && t <= ref.end && (target == null || ref.start >= target.start)) target = ref;
        }
        return target;
    }

    /** The earliest segment start after {@code t}, or {@code Long.MAX_VALUE}. */
    private static long nextStart(List<SegmentRef> refs, long t) {
        long next = Long.MAX_VALUE;
        for (SegmentRef ref : refs) if (ref.start > t && ref.start < next) next = ref.start;
        return next;
    }

    private static List<SegmentRef> segments(ThreadSlot slot, long forgetBeforeNs) {
        List<RequestRecording> recordings;
        synchronized (slot) {
            // Safety net for a registration that raced with the recording's completion: by now it is complete.
            slot.recordings.removeIf(r -> r.isEnded() && r.lastEndNs() < forgetBeforeNs);
            recordings = new ArrayList<>(slot.recordings);
        }
        List<SegmentRef> refs = new ArrayList<>(recordings.size());
        for (RequestRecording r : recordings) {
            for (RequestRecording.Segment seg : r.segmentsOf(slot.threadId)) {
                refs.add(new SegmentRef(r, seg.startNs(), seg.endNs()));
            }
        }
        return refs;
    }
}
