package dev.hotline.core.store;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncProfileWriterTest {
    private static final Instant T0 = Instant.ofEpochSecond(1552408596);

    @TempDir
    Path tmp;

    private final Logger julLogger = Logger.getLogger("dev.hotline"); // strong reference while the handler is on it
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { logged.add(r); }
        @Override public void flush() {}
        @Override public void close() {}
    };

    @BeforeEach
    void captureLog() {
        julLogger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        julLogger.removeHandler(capture);
    }

    private static Profile profile(int i) {
        return SampleProfiles.simple("GET", "/item/" + i, 3_000_000, T0.plusSeconds(i));
    }

    @Test
    void writesOnItsOwnDaemonThread_andTellsTheListener() throws Exception {
        List<Path> seen = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ProfileDirectory dir = new ProfileDirectory(tmp.resolve("profiles"));
        try (AsyncProfileWriter w = new AsyncProfileWriter(dir, 8, p -> {
            seen.add(p);
            threads.add(Thread.currentThread());
        })) {
            for (int i = 0; i < 5; i++) assertThat(w.offer(profile(i))).isTrue();
            awaitTrue(() -> w.written() == 5);
        }
        assertThat(seen).hasSize(5).allSatisfy(p -> assertThat(ProfileJson.read(p).request().path()).startsWith("/item/"));
        assertThat(threads).allSatisfy(t -> {
            assertThat(t.getName()).isEqualTo("hotline-writer");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void close_drainsTheQueue_thenDrops() {
        ProfileDirectory dir = new ProfileDirectory(tmp.resolve("profiles"));
        AsyncProfileWriter w = new AsyncProfileWriter(dir, 64, null);
        for (int i = 0; i < 30; i++) w.offer(profile(i));
        assertThat(w.close(Duration.ofSeconds(30))).isTrue();
        assertThat(w.written()).isEqualTo(30);
        assertThat(w.pending()).isZero();
        assertThat(w.offer(profile(99))).isFalse();
        assertThat(w.dropped()).isEqualTo(1);
        w.close(); // twice is fine
    }

    @Test
    void unwritableDirectory_countsFailures_logsTheOutageWhenItStartsAndEnds() throws Exception {
        Path where = tmp.resolve("profiles");
        Files.writeString(where, "a file where the directory should be");
        ProfileDirectory dir = new ProfileDirectory(where);
        try (AsyncProfileWriter w = new AsyncProfileWriter(dir)) {
            for (int i = 0; i < 5; i++) assertThat(w.offer(profile(i))).isTrue();
            awaitTrue(() -> w.failed() == 5);
            assertThat(w.written()).isZero();
            assertThat(logged).filteredOn(r -> r.getMessage().contains(dir.dir().toString())).hasSize(1);

            // the directory becomes usable: later profiles are written
            Files.delete(where);
            w.offer(profile(6));
            awaitTrue(() -> w.written() == 1);
            assertThat(dir.list()).hasSize(1);
            assertThat(w.failed()).isEqualTo(5);
            assertThat(w.outages()).isEqualTo(1);
            assertThat(w.recoveries()).isEqualTo(1);
            assertThat(w.outage()).isNull();
        }
        assertThat(logged).filteredOn(r -> r.getMessage().contains(dir.dir().toString())).hasSize(2);
        assertThat(logged).filteredOn(r -> r.getMessage().contains("works again; 5 could not be written while it failed (a file is in the way")).hasSize(1);
    }

    @Test
    void fullQueue_dropsWithoutBlocking() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProfileDirectory dir = new ProfileDirectory(tmp.resolve("profiles"));
        AsyncProfileWriter w = new AsyncProfileWriter(dir, 4, p -> {
            firstWritten.countDown();
            try {
                release.await(); // holds the writer thread: the queue fills up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            w.offer(profile(0));
            assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            int accepted = 0;
            for (int i = 1; i <= 1000; i++) if (w.offer(profile(i))) accepted++;
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(accepted).isEqualTo(4);
            assertThat(w.dropped()).isEqualTo(996);
            assertThat(w.pending()).isEqualTo(4);
            assertThat(elapsedMs).as("1000 offers, ms").isLessThan(2000);
        } finally {
            release.countDown();
            assertThat(w.close(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(w.written()).isEqualTo(5);
        assertThat(w.failed()).isZero();
    }

    @Test
    void failingListener_isLoggedAndIgnored() throws Exception {
        ProfileDirectory dir = new ProfileDirectory(tmp.resolve("profiles"));
        try (AsyncProfileWriter w = new AsyncProfileWriter(dir, 8, p -> {
            throw new IllegalStateException("listener broke");
        })) {
            w.offer(profile(1));
            w.offer(profile(2));
            awaitTrue(() -> w.written() == 2);
            assertThat(w.failed()).isZero();
        }
    }

    @Test
    void offerNull_isDropped() {
        try (AsyncProfileWriter w = new AsyncProfileWriter(new ProfileDirectory(tmp))) {
            assertThat(w.offer(null)).isFalse();
            assertThat(w.dropped()).isEqualTo(1);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 30 s");
            Thread.sleep(5);
        }
    }
}
