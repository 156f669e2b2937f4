package dev.hotline.core.engine;

import dev.hotline.core.engine.JfrChunkReader.WallSample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Knows which recordings each thread has worked for, keeps the profiler's thread filter in step with the
 * threads inside requests, and hands each sample to the recording whose segment holds it.
 *
 * <p>Concurrency: {@link #enter} and {@link #exit} run on request threads; everything else on the engine's
 * flusher thread. A thread's filter state only changes under its own {@link ThreadSlot}'s lock, so the
 * re-adding after a profiler restart cannot interleave with that thread entering or leaving a request; the
 * lock is per thread and otherwise uncontended.
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

        ThreadSlot(Thread thread) {
            this.thread = thread;
            this.threadId = thread.getId();
        }
    }

    /** A segment as seen at routing time; an open one has {@code end == Long.MAX_VALUE}. */
    private record SegmentRef(RequestRecording recording, long start, long end) {}

    /** Counts of one routing pass, for diagnostics and tests. */
    record Result(int delivered, int unmatched) {
        static final Result NONE = new Result(0, 0);
    }

    /** Long after any recording ended and was completed. */
    private static final long FORGET_AFTER_NS = 60_000_000_000L;

    private final ThreadFilter filter;
    private final Map<Long, ThreadSlot> slots = new ConcurrentHashMap<>();
    private final Map<RequestRecording, Set<ThreadSlot>> slotsOf = new ConcurrentHashMap<>();
    private final AtomicInteger inside = new AtomicInteger();

    SampleRouter(ThreadFilter filter) {
        this.filter = filter;
    }

    /** {@code thread} starts working for {@code recording}: remember the pair and let the profiler sample it. */
    void enter(Thread thread, RequestRecording recording) {
        ThreadSlot slot = slots.computeIfAbsent(thread.getId(), id -> new ThreadSlot(thread));
        // Re-entering a request that already ended (the outer request after an inline task) adds nothing to
        // route, and registering it could outlive its completion.
        boolean track = !recording.isEnded();
        boolean added = false;
        synchronized (slot) {
            if (track && !slot.recordings.contains(recording)) {
                slot.recordings.add(recording);
                added = true;
            }
            if (!slot.inside) {
                slot.inside = true;
                inside.incrementAndGet();
            }
            filter.add(thread);
        }
        if (added) slotsOf.computeIfAbsent(recording, r -> ConcurrentHashMap.newKeySet()).add(slot);
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
        }
    }

    /** Adds {@code note} to every recording not yet complete, when samples were lost for all of them. */
    void noteAll(String note) {
        for (RequestRecording r : slotsOf.keySet()) r.note(note);
    }

    /** The recording is complete: no sample goes to it any more. */
    void forget(RequestRecording recording) {
        Set<ThreadSlot> touched = slotsOf.remove(recording);
        if (touched == null) return;
        for (ThreadSlot slot : touched) {
            synchronized (slot) {
                slot.recordings.remove(recording);
                // Dead threads do not come back; pooled ones keep their slot for the next request.
                if (!slot.inside && slot.recordings.isEmpty() && !slot.thread.isAlive()) slots.remove(slot.threadId, slot);
            }
        }
    }

    /**
     * Delivers samples to the recordings whose segments hold them. On a thread, the innermost segment wins: a
     * task of request B run inline inside request A goes to B. A batch of idle samples reaching past its
     * segment is cut where the segment ends or the thread's next segment begins.
     */
    Result route(List<WallSample> samples) {
        samples.sort(Comparator.comparingLong(WallSample::threadId).thenComparingLong(WallSample::timeNs));
        long forgetBeforeNs = Clock.epochNanos() - FORGET_AFTER_NS;
        int delivered = 0;
        int i = 0;
        while (i < samples.size()) {
            long threadId = samples.get(i).threadId();
            int j = i;
            while (j < samples.size() && samples.get(j).threadId() == threadId) j++;
            ThreadSlot slot = slots.get(threadId);
            if (slot != null) {
                List<SegmentRef> refs = segments(slot, forgetBeforeNs);
                for (int k = i; k < j; k++) {
                    if (routeOne(threadId, refs, samples.get(k))) delivered++;
                }
            }
            i = j;
        }
        return new Result(delivered, samples.size() - delivered);
    }

    private static boolean routeOne(long threadId, List<SegmentRef> refs, WallSample s) {
        long t = s.timeNs();
        SegmentRef target = null;
        long nextStart = Long.MAX_VALUE;
        for (SegmentRef ref : refs) {
            if (ref.start <= t && t <= ref.end) {
                if (target == null || ref.start >= target.start) target = ref;
            } else if (ref.start > t && ref.start < nextStart) {
                nextStart = ref.start;
            }
        }
        if (target == null) return false;
        long span = s.spanNs();
        int count = s.count();
        long limit = Math.min(target.end, nextStart);
        if (span > 0 && limit != Long.MAX_VALUE && t + span > limit) {
            long kept = Math.max(0, limit - t);
            count = (int) Math.max(1, Math.round((double) count * kept / span));
            span = kept;
        }
        return target.recording.addSample(threadId, t, span, count, s.stack());
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
