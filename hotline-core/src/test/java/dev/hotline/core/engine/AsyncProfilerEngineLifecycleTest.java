package dev.hotline.core.engine;

import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.hotline.core.engine.AsyncProfilerEngineTest.hasMethod;
import static dev.hotline.core.engine.AsyncProfilerEngineTest.request;
import static dev.hotline.core.engine.AsyncProfilerEngineTest.requestOnNewThread;
import static org.assertj.core.api.Assertions.assertThat;

/** Engines of their own: rotation, failures and closing leave no request without its profile. */
class AsyncProfilerEngineLifecycleTest {
    AsyncProfilerEngine engine;

    @AfterEach
    void close() {
        if (engine != null) engine.close();
    }

    AsyncProfilerEngine start(long rotateBytes) throws Exception {
        AsyncProfilerEngineTest.startOrSkip(1_000_000).close();   // skips where the library cannot load
        engine = AsyncProfilerEngine.tryCreate(1_000_000, null, rotateBytes);
        return engine;
    }

    @Test
    void rotation_startsFreshFilesWithoutLosingRequests() throws Exception {
        start(1);   // rotate after every flush
        Path first = engine.recordingFile();
        CompletableFuture<Profile> spanning = new CompletableFuture<>();
        // A request that lives through several rotations keeps being sampled: its thread is put back into
        // the filter after each restart.
        Thread t = new Thread(() -> {
            try {
                spanning.complete(request(engine, "long", () -> {
                    for (int i = 0; i < 6; i++) {
                        AsyncProfilerWorkload.requestA(40);
                        // Short requests on other threads make the engine flush (and so rotate) meanwhile.
                        requestOnNewThread(engine, "short" + i, () -> AsyncProfilerWorkload.spin(5));
                    }
                }).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                spanning.completeExceptionally(e);
            }
        }, "long-request");
        t.start();
        Profile p = spanning.get(20, TimeUnit.SECONDS);

        assertThat(engine.recordingFile()).isNotEqualTo(first);
        assertThat(Files.exists(first)).as("rotated-out file deleted").isFalse();
        assertThat(hasMethod(p, "requestA")).isTrue();
        // Over 240 ms at 1 ms: most of it sampled despite a restart after every flush.
        assertThat(p.sampling().sampleCount()).isGreaterThan(100);
    }

    @Test
    void aFailingRead_completesRequestsWithANote() throws Exception {
        start(64L << 20);
        requestOnNewThread(engine, "warm", () -> AsyncProfilerWorkload.spin(5));
        // Take the file away from under the reader; async-profiler keeps writing to the unlinked file.
        Files.delete(engine.recordingFile());

        Profile p = requestOnNewThread(engine, "after", () -> AsyncProfilerWorkload.spin(20));
        assertThat(p.notes()).anyMatch(n -> n.contains("may lack samples"));

        // The engine started over in a fresh file: the next request is whole again.
        Profile next = requestOnNewThread(engine, "next", () -> AsyncProfilerWorkload.spin(20));
        assertThat(next.notes()).noneMatch(n -> n.contains("may lack samples"));
        assertThat(next.sampling().sampleCount()).isPositive();
    }

    @Test
    void close_completesWaitingRequests_andLaterOnesAtOnce() throws Exception {
        start(64L << 20);
        List<CompletableFuture<Profile>> profiles = new ArrayList<>();
        for (int i = 0; i < 5; i++) profiles.add(request(engine, "r" + i, () -> AsyncProfilerWorkload.spin(20)));
        CompletableFuture<Profile> late = new CompletableFuture<>();
        RequestRecording open = new RequestRecording("open", "GET", "/open", null, engine, r -> late.complete(r.toProfile()));
        ThreadBinding b = ThreadBinding.bind(open);
        Path dir = engine.recordingFile().getParent();

        engine.close();
        // Every waiting request completes. (Under CPU contention a dump can outlast a whole 20 ms request, whose
        // samples async-profiler then drops; such a profile says so in a note, so only the total is checked.)
        long samples = 0;
        for (CompletableFuture<Profile> f : profiles) {
            Profile p = f.get(1, TimeUnit.SECONDS);
            if (p.sampling().sampleCount() == 0) assertThat(p.notes()).anyMatch(n -> n.contains("being flushed"));
            samples += p.sampling().sampleCount();
        }
        assertThat(samples).isPositive();
        assertThat(Files.exists(dir)).as("temporary files deleted").isFalse();

        ThreadBinding.unbind(b);
        open.end(200, null);
        assertThat(late.get(1, TimeUnit.SECONDS).notes()).anyMatch(n -> n.contains("closed"));

        // The profiler is free again for the next engine.
        engine = AsyncProfilerEngine.tryCreate(1_000_000);
        assertThat(engine.name()).isEqualTo("async-profiler");
    }
}
