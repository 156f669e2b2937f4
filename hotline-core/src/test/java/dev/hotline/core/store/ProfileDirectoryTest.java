package dev.hotline.core.store;

import dev.hotline.core.format.ProfileFormatException;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.format.SampleProfiles;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileDirectoryTest {
    private static final Instant T0 = Instant.ofEpochSecond(1552408596);

    @TempDir
    Path tmp;

    @Test
    void write_createsTheDirectoryAndAReadableFile() throws Exception {
        ProfileDirectory d = new ProfileDirectory(tmp.resolve("a/b/profiles"));
        Profile p = SampleProfiles.golden();
        Path f = d.write(p);
        assertThat(f).hasFileName("GET.orders.42.000018ms.1795256130.json").hasParent(d.dir());
        SampleProfiles.assertSameProfile(ProfileJson.read(f), p);
        assertThat(d.list()).containsExactly(f);
        assertThat(tempFiles(d.dir())).isEmpty();
    }

    @Test
    void hostilePaths_giveSafeUniqueFilesInsideTheDirectory() throws Exception {
        ProfileDirectory d = new ProfileDirectory(tmp.resolve("profiles"));
        Set<Path> files = new HashSet<>();
        for (String path : ProfileFileNamesTest.HOSTILE_PATHS) {
            Path f = d.write(SampleProfiles.simple("GET", path, 5_000_000, T0));
            assertThat(f.getFileName().toString()).as(path).matches(ProfileFileNamesTest.SAFE);
            assertThat(d.dir().resolve(f.getFileName().toString()).normalize().getParent()).as(path).isEqualTo(d.dir());
            assertThat(f.normalize().getParent()).isEqualTo(d.dir());
            assertThat(ProfileJson.read(f).request().path()).isEqualTo(path);
            files.add(f);
        }
        assertThat(files).hasSize(ProfileFileNamesTest.HOSTILE_PATHS.length);
        try (Stream<Path> all = Files.list(d.dir())) {
            assertThat(all.count()).isEqualTo(files.size()); // nothing written elsewhere, no temporary file left
        }
        assertThat(Files.exists(tmp.resolve("etc"))).isFalse();
    }

    @ParameterizedTest(name = "hardLinks={0}")
    @ValueSource(booleans = {true, false})
    void sameName_concurrentWriters_neverOverwrite(boolean hardLinks) throws Exception {
        ProfileDirectory d = new ProfileDirectory(tmp.resolve("profiles"));
        d.hardLinks = hardLinks;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Profile p = SampleProfiles.simple("GET", "/same", 7_000_000, T0);
            results.add(pool.submit(() -> {
                start.await();
                return d.write(p);
            }));
        }
        start.countDown();
        Set<Path> files = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Future<Path> f : results) files.add(f.get(30, TimeUnit.SECONDS));
        pool.shutdown();
        assertThat(files).hasSize(100);
        for (Path f : files) ids.add(ProfileJson.read(f).id());
        assertThat(ids).hasSize(100);
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("GET.same.000007ms.1552408596.json", "GET.same.000007ms.1552408596.1.json", "GET.same.000007ms.1552408596.99.json")
                .allMatch(n -> n.matches("GET\\.same\\.000007ms\\.1552408596(\\.\\d{1,2})?\\.json"));
        assertThat(d.list()).hasSize(100);
        assertThat(tempFiles(d.dir())).isEmpty();
    }

    @Test
    void write_isAtomic_readersNeverSeeAPartialFile() throws Exception {
        ProfileDirectory d = new ProfileDirectory(tmp.resolve("profiles"));
        Profile big = SampleProfiles.big("/big", 4000, T0);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger parsed = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    for (Path f : d.list()) {
                        try {
                            ProfileJson.read(f);
                            parsed.incrementAndGet();
                        } catch (NoSuchFileException deletedByRetention) {
                            // fine
                        } catch (ProfileFormatException e) {
                            failures.add(f.getFileName() + ": " + e.getMessage());
                        }
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            }
        });
        reader.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) results.add(pool.submit(() -> d.write(big)));
        for (Future<Path> f : results) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        writing.set(false);
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(parsed.get()).isPositive();
        assertThat(d.list()).hasSize(24);
    }

    @Test
    void retention_byCount_keepsTheNewestRequests() throws Exception {
        ProfileDirectory d = new ProfileDirectory(tmp.resolve("profiles"), 5, ProfileDirectory.DEFAULT_MAX_BYTES);
        for (int i = 0; i < 12; i++) d.write(SampleProfiles.simple("GET", "/r" + i, 1_000_000, T0.plusSeconds(i)));
        assertThat(names(d.list())).containsExactly(
                "GET.r11.000001ms.1552408607.json", "GET.r10.000001ms.1552408606.json", "GET.r9.000001ms.1552408605.json",
                "GET.r8.000001ms.1552408604.json", "GET.r7.000001ms.1552408603.json");
        // an old request written now is the oldest, but the file just written is kept
        Path old = d.write(SampleProfiles.simple("GET", "/old", 1_000_000, T0.minusSeconds(3600)));
        assertThat(old).exists();
        assertThat(d.list()).hasSize(5).contains(old);
        assertThat(names(d.list())).doesNotContain("GET.r7.000001ms.1552408603.json");
    }

    @Test
    void retention_byBytes() throws Exception {
        Path dir = tmp.resolve("profiles");
        long size = Files.size(new ProfileDirectory(tmp.resolve("probe")).write(SampleProfiles.simple("GET", "/r0", 1_000_000, T0)));
        ProfileDirectory d = new ProfileDirectory(dir, 1000, 3 * size + size / 2);
        for (int i = 0; i < 10; i++) d.write(SampleProfiles.simple("GET", "/r" + i, 1_000_000, T0.plusSeconds(i)));
        List<Path> kept = d.list();
        assertThat(kept).hasSize(3);
        assertThat(names(kept).get(0)).startsWith("GET.r9.");
        long total = 0;
        for (Path f : kept) total += Files.size(f);
        assertThat(total).isLessThanOrEqualTo(d.maxBytes());
    }

    @Test
    void retention_atStartup_countsExistingFilesAndIgnoresOthers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(dir.resolve("GET.old" + i + ".000001ms." + (1000 + i) + ".json"), "{}");
        }
        Files.writeString(dir.resolve("README.txt"), "not a profile");
        Files.writeString(dir.resolve(".hidden.json"), "{}");
        Files.createDirectory(dir.resolve("GET.dir.000001ms.1.json"));
        Path staleTemp = Files.writeString(dir.resolve(".tmp-dead.part"), "{\"partial");
        Files.setLastModifiedTime(staleTemp, FileTime.from(Instant.now().minusSeconds(7200)));
        Path freshTemp = Files.writeString(dir.resolve(".tmp-live.part"), "{\"partial");

        ProfileDirectory d = new ProfileDirectory(dir, 3, ProfileDirectory.DEFAULT_MAX_BYTES);
        assertThat(d.list()).hasSize(6);
        Path f = d.write(SampleProfiles.simple("GET", "/new", 1_000_000, T0));
        assertThat(names(d.list())).containsExactly(f.getFileName().toString(),
                "GET.old5.000001ms.1005.json", "GET.old4.000001ms.1004.json");
        assertThat(dir.resolve("README.txt")).exists();
        assertThat(dir.resolve(".hidden.json")).exists();
        assertThat(dir.resolve("GET.dir.000001ms.1.json")).isDirectory();
        assertThat(staleTemp).doesNotExist();
        assertThat(freshTemp).exists();
    }

    @Test
    void retention_sameSecond_fallsBackToModificationTime() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("profiles"));
        Path a = Files.writeString(dir.resolve("GET.a.000001ms.5.json"), "{}");
        Path b = Files.writeString(dir.resolve("GET.b.000001ms.5.json"), "{}");
        Path c = Files.writeString(dir.resolve("notes.json"), "{}"); // no time in the name: its mtime counts
        Files.setLastModifiedTime(a, FileTime.fromMillis(20_000));
        Files.setLastModifiedTime(b, FileTime.fromMillis(10_000));
        Files.setLastModifiedTime(c, FileTime.fromMillis(1_000));
        ProfileDirectory d = new ProfileDirectory(dir);
        assertThat(d.list()).containsExactly(a, b, c);
    }

    @Test
    void fileInTheWay_failsWithIOException() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("profiles"), "I am a file");
        ProfileDirectory d = new ProfileDirectory(blocker);
        assertThatThrownBy(() -> d.write(SampleProfiles.golden())).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(d.list()).isEmpty();
        assertThat(Files.readString(blocker)).isEqualTo("I am a file");
    }

    @Test
    void list_ofAMissingDirectory_isEmpty() throws Exception {
        assertThat(new ProfileDirectory(tmp.resolve("nowhere")).list()).isEmpty();
    }

    @Test
    void limits_mustBePositive() {
        assertThatThrownBy(() -> new ProfileDirectory(tmp, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProfileDirectory(tmp, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) out.add(f.getFileName().toString());
        return out;
    }

    private static List<Path> tempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }
}
