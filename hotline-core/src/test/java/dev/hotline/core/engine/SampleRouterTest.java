package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileSample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class SampleRouterTest {
    static final Frame OUTER = new Frame("app.Outer", "run", "Outer.java", 10);
    static final Frame INNER = new Frame("app.Inner", "run", "Inner.java", 20);

    /** Samples only what the test hands to the router. */
    static final class NoEngine implements SamplingEngine {
        @Override public String name() { return "test"; }
        @Override public long intervalNs() { return 1_000_000; }
        @Override public void enter(Thread t, RequestRecording r) {}
        @Override public void exit(Thread t, RequestRecording r) {}
        @Override public void finish(RequestRecording r) {}
        @Override public void close() {}
    }

    final Set<Thread> filter = ConcurrentHashMap.newKeySet();
    final SampleRouter router = new SampleRouter(new SampleRouter.ThreadFilter() {
        @Override public void add(Thread thread) { filter.add(thread); }
        @Override public void remove(Thread thread) { filter.remove(thread); }
    });
    final Thread me = Thread.currentThread();
    final long tid = me.getId();

    static RequestRecording recording(String id) {
        return new RequestRecording(id, "GET", "/" + id, null, new NoEngine(), r -> {});
    }

    static void sleepMs(long ms) throws InterruptedException {
        Thread.sleep(ms);
    }

    record WallSample(long threadId, long timeNs, long spanNs, int count, Frame[] stack) {}

    /** One shared stack per frame, as the engines' stack table hands them out. */
    static final java.util.Map<Frame, Frame[]> STACKS = new ConcurrentHashMap<>();

    WallSample sample(long timeNs, long spanNs, int count, Frame frame) {
        return new WallSample(tid, timeNs, spanNs, count, STACKS.computeIfAbsent(frame, f -> new Frame[]{f}));
    }

    SampleRouter.Result route(List<WallSample> samples) {
        SampleBatch b = new SampleBatch();
        for (WallSample s : samples) b.add(s.threadId(), s.timeNs(), s.spanNs(), s.count(), s.stack());
        return router.route(b);
    }

    static List<ProfileSample> samplesOf(RequestRecording r) {
        return r.toProfile().samples();
    }

    @Test
    void nestedSegments_theInnermostTakesTheSample() throws Exception {
        RequestRecording outer = recording("outer");
        RequestRecording inner = recording("inner");
        RequestRecording.Segment o = outer.openSegment(me);
        router.enter(me, outer);
        sleepMs(2);
        router.exit(me);
        RequestRecording.Segment i = inner.openSegment(me);
        router.enter(me, inner);
        sleepMs(2);
        router.exit(me);
        inner.closeSegment(i);
        router.enter(me, outer);
        sleepMs(2);
        outer.closeSegment(o);
        router.exit(me);

        List<WallSample> samples = new ArrayList<>(List.of(
                sample(o.startNs() + 500_000, 0, 1, OUTER),
                sample(i.startNs() + 500_000, 0, 1, INNER),
                sample(i.endNs() + 500_000, 0, 1, OUTER),
                sample(o.endNs() + 500_000, 0, 1, OUTER)));  // after both: nobody's
        SampleRouter.Result r = route(samples);

        assertThat(r.delivered()).isEqualTo(3);
        assertThat(r.unmatched()).isEqualTo(1);
        Profile in = inner.toProfile();
        assertThat(in.lines()).extracting(l -> l.frame()).containsExactly(INNER);
        assertThat(outer.toProfile().lines()).extracting(l -> l.frame()).containsExactly(OUTER);
    }

    @Test
    void anIdleBatchIsCutWhereTheNextSegmentBegins() throws Exception {
        RequestRecording outer = recording("outer");
        RequestRecording inner = recording("inner");
        RequestRecording.Segment o = outer.openSegment(me);
        router.enter(me, outer);
        sleepMs(3);
        RequestRecording.Segment i = inner.openSegment(me);
        router.enter(me, inner);
        sleepMs(3);
        inner.closeSegment(i);
        outer.closeSegment(o);

        long t = o.startNs() + 1_000_000;
        long span = (i.startNs() - t) + 2_000_000;     // runs 2 ms into the inner segment
        route(new ArrayList<>(List.of(sample(t, span, 10, OUTER))));

        List<ProfileSample> s = samplesOf(outer);
        assertThat(s).hasSize(1);
        // Weighed up to where the inner segment starts, not into it.
        assertThat(s.get(0).weightNs()).isLessThanOrEqualTo(i.startNs() - o.startNs());
        assertThat(s.get(0).count()).isLessThan(10);
    }

    @Test
    void samplesOfUnknownThreadsOrTimes_areLeftOut() throws Exception {
        RequestRecording rec = recording("r");
        RequestRecording.Segment seg = rec.openSegment(me);
        router.enter(me, rec);
        sleepMs(2);
        rec.closeSegment(seg);
        router.exit(me);

        SampleRouter.Result r = route(new ArrayList<>(List.of(
                new WallSample(tid + 1_000_000, seg.startNs() + 500_000, 0, 1, new Frame[]{OUTER}),
                sample(seg.startNs() - 1_000_000, 0, 1, OUTER))));

        assertThat(r.delivered()).isZero();
        assertThat(r.unmatched()).isEqualTo(2);
    }

    @Test
    void aForgottenRecording_getsNoMoreSamples() throws Exception {
        RequestRecording rec = recording("r");
        RequestRecording.Segment seg = rec.openSegment(me);
        router.enter(me, rec);
        sleepMs(2);
        rec.closeSegment(seg);
        router.exit(me);
        router.forget(rec);

        assertThat(route(new ArrayList<>(List.of(sample(seg.startNs() + 500_000, 0, 1, OUTER)))).delivered()).isZero();
        assertThat(samplesOf(rec)).isEmpty();
    }

    @Test
    void filter_followsEnterAndExit_andIsRefilledAfterARestart() {
        RequestRecording rec = recording("r");
        rec.openSegment(me);
        router.enter(me, rec);
        assertThat(filter).containsExactly(me);
        assertThat(router.insideCount()).isEqualTo(1);

        filter.clear();   // what a profiler restart does
        router.refill();
        assertThat(filter).containsExactly(me);

        router.exit(me);
        assertThat(filter).isEmpty();
        assertThat(router.insideCount()).isZero();
        router.refill();
        assertThat(filter).isEmpty();
    }

    @Test
    void reenteringAnEndedRequest_isNotTrackedAgain() {
        RequestRecording rec = recording("r");
        RequestRecording.Segment seg = rec.openSegment(me);
        router.enter(me, rec);
        router.exit(me);
        rec.closeSegment(seg);
        rec.end(200, null);
        router.forget(rec);

        router.enter(me, rec);   // the outer binding coming back after an inline task
        router.exit(me);
        assertThat(route(new ArrayList<>(List.of(sample(seg.startNs() + 1, 0, 1, OUTER)))).delivered()).isZero();
    }

    /** Two requests back to back on this thread, A then B, each {@code ms} long. */
    RequestRecording.Segment[] handOver(RequestRecording a, RequestRecording b, long ms) throws Exception {
        RequestRecording.Segment sa = a.openSegment(me);
        router.enter(me, a);
        sleepMs(ms);
        router.exit(me);
        a.closeSegment(sa);
        RequestRecording.Segment sb = b.openSegment(me);
        router.enter(me, b);
        sleepMs(ms);
        router.exit(me);
        b.closeSegment(sb);
        return new RequestRecording.Segment[] {sa, sb};
    }

    static boolean hasFrame(RequestRecording r, Frame f) {
        return r.toProfile().lines().stream().anyMatch(l -> l.frame().equals(f));
    }

    @Test
    void anIdleBatchRunningOnPastItsRequest_givesTheNextRequestNoStackOfItsOwn() throws Exception {
        RequestRecording a = recording("a"), b = recording("b");
        RequestRecording.Segment[] s = handOver(a, b, 4);
        long single = s[0].startNs() + 500_000;
        long batchStart = single + 1_000_000;
        long batchEnd = s[1].startNs() + 2_000_000;   // the thread looked idle throughout: one batch over both
        SampleRouter.Result r = route(new ArrayList<>(List.of(
                sample(single, 0, 1, OUTER),
                sample(batchStart, batchEnd - batchStart, 9, OUTER))));

        assertThat(r.unknownIdle()).isEqualTo(1);
        assertThat(hasFrame(a, OUTER)).isTrue();
        assertThat(hasFrame(b, OUTER)).as("A's stack leaked into B").isFalse();
        List<ProfileSample> inB = samplesOf(b);
        assertThat(inB).hasSize(1);
        assertThat(b.toProfile().nodes().get(inB.get(0).node()).frame()).as("B's part has no stack").isNull();
        assertThat(inB.get(0).weightNs()).as("B's idle time is still counted").isGreaterThanOrEqualTo(2_000_000);
    }

    @Test
    void anIdleBatchWhoseStackWasSampledInAnEarlierRequest_isNotGivenThatStack() throws Exception {
        RequestRecording a = recording("a"), b = recording("b");
        RequestRecording.Segment[] s = handOver(a, b, 4);
        long batchStart = s[1].startNs() + 500_000;   // wholly inside B, reusing A's single sample's stack
        route(new ArrayList<>(List.of(
                sample(s[0].startNs() + 500_000, 0, 1, OUTER),
                sample(batchStart, 2_000_000, 3, OUTER))));

        assertThat(hasFrame(b, OUTER)).isFalse();
        assertThat(samplesOf(b)).hasSize(1);
    }

    @Test
    void anIdleBatchInsideTheRequestOfItsSingleSample_keepsItsStack() throws Exception {
        RequestRecording a = recording("a"), b = recording("b");
        RequestRecording.Segment[] s = handOver(a, b, 4);
        long single = s[1].startNs() + 200_000;
        SampleRouter.Result r = route(new ArrayList<>(List.of(
                sample(s[0].startNs() + 500_000, 0, 1, OUTER),
                sample(single, 0, 1, INNER),
                sample(single + 1_000_000, 2_000_000, 3, INNER))));

        assertThat(r.unknownIdle()).isZero();
        assertThat(r.delivered()).isEqualTo(3);
        assertThat(hasFrame(b, INNER)).isTrue();
        assertThat(hasFrame(b, OUTER)).isFalse();
        assertThat(b.toProfile().sampling().sampleCount()).isEqualTo(4);
    }
}
