package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.HotlineStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile directory fails while requests run: read-only (a read-only bind mount, then {@code chattr +i}), full
 * (a small tmpfs), deleted, replaced by a file. Requests keep answering 200; each outage is logged when it starts and
 * when it ends, a recreated directory is logged, and the counters add up. Needs root (mounts, chattr).
 */
class ProfileDirectoryFaultsTest {
    @TempDir
    Path tmp;
    Path dir;
    final List<String> log = new CopyOnWriteArrayList<>();
    /** Held, so that the logger (weakly kept by java.util.logging) keeps the handler. */
    final Logger jul = Logger.getLogger("dev.hotline");
    private final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { log.add(r.getMessage()); }
        @Override public void flush() { }
        @Override public void close() { }
    };

    @BeforeEach
    void listen() {
        dir = tmp.resolve("profiles");
        jul.addHandler(capture);
    }

    @AfterEach
    void undo() {
        jul.removeHandler(capture);
        RootOnly.quietly("chattr", "-i", dir.toString());
        RootOnly.quietly("chattr", "-i", tmp.toString());
        RootOnly.quietly("umount", dir.toString());
        RootOnly.quietly("umount", dir.toString());
    }

    private HotlineFilter filter() {
        return HotlineFilter.builder().profileDir(dir).engine(HotlineConfig.Engine.JAVA).textOutput(HotlineConfig.TextOutput.OFF)
                .set("ui-enabled", "false").keepRate("all").build(); // every request is written: this is about the directory
    }

    private static TestServer server(HotlineFilter f) throws Exception {
        return TestServer.builder().filter(f).servlet("/*", Workloads.servlet(() -> { })).start();
    }

    /** {@code n} requests, every one answered 200, then waits until the writer has dealt with all of them. */
    private static HotlineStats requests(TestServer s, HotlineFilter f, int n) throws Exception {
        long before = f.hotline().stats().begun();
        for (int i = 0; i < n; i++) assertThat(s.get("/work/" + i).statusCode()).isEqualTo(200);
        return await(f, st -> st.filesWritten() + st.fileFailures() >= before + n);
    }

    private static HotlineStats await(HotlineFilter f, Predicate<HotlineStats> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            HotlineStats st = f.hotline().stats();
            if (done.test(st)) return st;
            if (System.nanoTime() > deadline) throw new AssertionError("counters never got there: " + st);
            Thread.sleep(20);
        }
    }

    private long lines(String text) {
        return log.stream().filter(m -> m.contains(text)).count();
    }

    private long jsonFiles() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void readOnly_twoOutages_eachLoggedWhenItStartsAndEnds() throws Exception {
        RootOnly.require("mount", "umount", "chattr");
        HotlineFilter f = filter();
        try (TestServer s = server(f)) {
            assertThat(requests(s, f, 3).filesWritten()).isEqualTo(3);

            RootOnly.run("mount", "--bind", dir.toString(), dir.toString());
            RootOnly.run("mount", "-o", "remount,ro,bind", dir.toString());
            HotlineStats st = requests(s, f, 5);
            assertThat(st.fileFailures()).isEqualTo(5);
            assertThat(st.directoryOutages()).isEqualTo(1);
            assertThat(lines("cannot write profiles to " + dir)).isEqualTo(1);
            assertThat(log).anyMatch(m -> m.contains("read-only file system"));
            RootOnly.run("umount", dir.toString());
            st = requests(s, f, 2);
            assertThat(st.directoryRecoveries()).isEqualTo(1);
            assertThat(lines("writing profiles to " + dir + " works again; 5 could not be written")).isEqualTo(1);

            RootOnly.run("chattr", "+i", dir.toString()); // the second outage is logged too
            st = requests(s, f, 4);
            assertThat(st.fileFailures()).isEqualTo(9);
            assertThat(st.directoryOutages()).isEqualTo(2);
            assertThat(lines("cannot write profiles to " + dir)).isEqualTo(2);
            RootOnly.run("chattr", "-i", dir.toString());
            st = requests(s, f, 1);
            assertThat(st.directoryRecoveries()).isEqualTo(2);
            assertThat(lines("works again")).isEqualTo(2);
            assertThat(st.filesWritten() + st.fileFailures()).isEqualTo(st.begun());
            assertThat(jsonFiles()).isEqualTo(st.filesWritten());
        }
    }

    @Test
    void fullDisk_loggedOnce_thenRecovers() throws Exception {
        RootOnly.require("mount", "umount");
        Files.createDirectories(dir);
        RootOnly.run("mount", "-t", "tmpfs", "-o", "size=12k", "tmpfs", dir.toString());
        HotlineFilter f = filter();
        try (TestServer s = server(f)) {
            HotlineStats st = requests(s, f, 30);
            assertThat(st.fileFailures()).isGreaterThan(20);
            assertThat(st.filesWritten()).isPositive();
            // Logged per outage, not per failure; a nearly full disk may let a small file through now and then.
            assertThat(lines("cannot write profiles to " + dir)).as(log + " " + st).isEqualTo(st.directoryOutages()).isBetween(1L, 3L);
            assertThat(log).anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("no space left"));
            RootOnly.run("umount", dir.toString());
            st = requests(s, f, 2);
            assertThat(st.directoryRecoveries()).as(log + " " + st).isEqualTo(st.directoryOutages());
            assertThat(lines("works again")).isEqualTo(st.directoryRecoveries());
            assertThat(st.filesWritten() + st.fileFailures()).isEqualTo(st.begun());
        }
    }

    @Test
    void deletedDirectory_createdAgainAndLogged() throws Exception {
        HotlineFilter f = filter();
        try (TestServer s = server(f)) {
            requests(s, f, 2);
            RootOnly.run("rm", "-rf", dir.toString());
            HotlineStats st = requests(s, f, 3);
            assertThat(st.fileFailures()).isZero();
            assertThat(st.directoryRecreated()).isEqualTo(1);
            assertThat(lines("the profile directory " + dir + " was gone and has been created again")).isEqualTo(1);
            assertThat(jsonFiles()).isEqualTo(3);
        }
    }

    @Test
    void directoryReplacedByAFile_outageLogged_thenRecreated() throws Exception {
        HotlineFilter f = filter();
        try (TestServer s = server(f)) {
            requests(s, f, 1);
            RootOnly.run("rm", "-rf", dir.toString());
            Files.writeString(dir, "in the way");
            HotlineStats st = requests(s, f, 3);
            assertThat(st.fileFailures()).isEqualTo(3);
            assertThat(lines("cannot write profiles to " + dir + " (a file is in the way")).isEqualTo(1);
            Files.delete(dir);
            st = requests(s, f, 1);
            assertThat(st.directoryRecoveries()).isEqualTo(1);
            assertThat(st.directoryRecreated()).isEqualTo(1);
            assertThat(lines("was gone and has been created again")).isEqualTo(1);
        }
    }

    @Test
    void unusableAtStartup_loggedBeforeAnyRequest() throws Exception {
        RootOnly.require("chattr");
        RootOnly.run("chattr", "+i", tmp.toString()); // profiles/ cannot be created in it
        HotlineFilter f = filter();
        try (TestServer s = server(f)) {
            assertThat(lines("cannot write profiles to " + dir)).isEqualTo(1);
            assertThat(f.hotline().stats().directoryOutages()).isEqualTo(1);
            assertThat(s.get("/work").statusCode()).isEqualTo(200);
            RootOnly.run("chattr", "-i", tmp.toString());
            HotlineStats st = requests(s, f, 1);
            assertThat(st.directoryRecoveries()).isEqualTo(1);
        }
    }

    @Test
    void profileDirThatIsAFile_stopsStartupWithTheKey() throws Exception {
        Files.writeString(dir, "a file");
        HotlineFilter f = filter();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> f.init(null)))
                .hasMessageContaining("'profile-dir'").hasMessageContaining("is a file, not a directory");
    }
}
