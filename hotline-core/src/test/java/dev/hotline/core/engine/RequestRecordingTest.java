package dev.hotline.core.engine;

import dev.hotline.core.HotlineContext;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRecordingTest {
    static final Frame F = new Frame("app.A", "run", "A.java", 1);
    static final Frame G = new Frame("app.B", "run", "B.java", 2);

    /** An engine that samples nothing by itself; tests deliver samples by hand. */
    static final class ManualEngine implements SamplingEngine {
        final List<String> events = new ArrayList<>();
        @Override public String name() { return "manual"; }
        @Override public long intervalNs() { return 1_000_000; }
        @Override public synchronized void enter(Thread t, RequestRecording r) { events.add("enter " + t.getName()); }
        @Override public synchronized void exit(Thread t, RequestRecording r) { events.add("exit " + t.getName()); }
        @Override public void finish(RequestRecording r) { r.complete(); }
        @Override public void close() {}
    }

    @Test
    void weightsAreTheGapsBetweenSamples() {
        List<Profile> out = new ArrayList<>();
        ManualEngine engine = new ManualEngine();
        RequestRecording rec = new RequestRecording("id", "GET", "/", null, engine, r -> out.add(r.toProfile()));
        ThreadBinding b = ThreadBinding.bind(rec);
        RequestRecording.Segment seg = b.segment();
        long s = seg.startNs();
        long tid = Thread.currentThread().getId();
        rec.addSample(tid, s + 1_000_000, 0, 1, new Frame[]{F});
        rec.addSample(tid, s + 5_000_000, 0, 1, new Frame[]{G});        // sampler fell behind: stands for 4 ms
        rec.addSample(tid, s + 6_000_000, 3_000_000, 3, new Frame[]{F}); // idle batch of 3 spanning 3 ms
        assertThat(rec.addSample(tid + 1, s + 2_000_000, 0, 1, new Frame[]{F})).as("other thread").isFalse();
        assertThat(rec.addSample(tid, s - 1, 0, 1, new Frame[]{F})).as("before the segment").isFalse();
        ThreadBinding.unbind(b);
        rec.end(200, null);
        Profile p = out.get(0);
        assertThat(p.samples()).extracting(x -> x.weightNs()).startsWith(1_000_000L, 4_000_000L, 4_000_000L);
        assertThat(p.sampling().sampleCount()).isEqualTo(5);
        assertThat(p.request().status()).isEqualTo(200);
        assertThat(engine.events).containsExactly("enter " + Thread.currentThread().getName(), "exit " + Thread.currentThread().getName());
    }

    @Test
    void workStartedAfterTheResponseEndedIsNotTheRequests() {
        List<Profile> out = new ArrayList<>();
        RequestRecording rec = new RequestRecording("id", "GET", "/", null, new ManualEngine(), r -> out.add(r.toProfile()));
        ThreadBinding b = ThreadBinding.bind(rec);
        ThreadBinding.unbind(b);
        rec.end(200, null);
        ThreadBinding late = ThreadBinding.bind(rec);
        assertThat(ThreadBinding.current()).isNull();
        ThreadBinding.unbind(late);
        assertThat(out).hasSize(1);
    }

    @Test
    void innerRequestSuspendsOuterOnTheSameThread() {
        ManualEngine engine = new ManualEngine();
        RequestRecording a = new RequestRecording("a", "GET", "/a", null, engine, r -> {});
        RequestRecording b = new RequestRecording("b", "GET", "/b", null, engine, r -> {});
        ThreadBinding ba = ThreadBinding.bind(a);
        ThreadBinding bb = ThreadBinding.bind(b);
        assertThat(ThreadBinding.current()).isSameAs(b);
        ThreadBinding.unbind(bb);
        assertThat(ThreadBinding.current()).isSameAs(a);
        ThreadBinding.unbind(ba);
        assertThat(ThreadBinding.current()).isNull();
        String me = Thread.currentThread().getName();
        assertThat(engine.events).containsExactly("enter " + me, "exit " + me, "enter " + me, "exit " + me, "enter " + me, "exit " + me);
    }

    @Test
    void contextCarriesTheRequestIntoPoolThreads() throws Exception {
        ManualEngine engine = new ManualEngine();
        List<Profile> out = new ArrayList<>();
        RequestRecording rec = new RequestRecording("id", "GET", "/", null, engine, r -> out.add(r.toProfile()));
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "pool-1"));
        try {
            Runnable outside = () -> {};
            assertThat(HotlineContext.wrap(outside)).as("no request: unchanged").isSameAs(outside);
            ExecutorService wrapped = HotlineContext.wrap(pool);
            ThreadBinding b = ThreadBinding.bind(rec);
            RequestRecording seen = wrapped.submit(ThreadBinding::current).get();
            ThreadBinding.unbind(b);
            rec.end(200, null);
            assertThat(seen).isSameAs(rec);
            assertThat(pool.submit(ThreadBinding::current).get()).as("binding undone after the task").isNull();
            assertThat(out.get(0).threads()).containsExactly(Thread.currentThread().getName(), "pool-1");
        } finally {
            pool.shutdownNow();
        }
    }
}
