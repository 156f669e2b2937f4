package dev.hotline.servlet;

import dev.hotline.core.HotlineConfig;
import dev.hotline.core.HotlineStats;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles reach the profile directory as one file per request, and a broken directory breaks nothing. */
class ProfileFilesTest {

    private static List<Path> jsonFiles(Path dir, int atLeast) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            if (files.size() >= atLeast || System.nanoTime() > deadline) return files;
            Thread.sleep(20);
        }
    }

    @Test
    void eachRequestBecomesOneFileNamedAfterIt(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("profiles");
        HotlineFilter filter = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).profileDir(dir).build();
        try (TestServer server = TestServer.builder()
                .servlet("/alpha/*", Workloads.servlet(Workloads.AlphaWork::run))
                .servlet("/", Workloads.servlet(() -> { }))
                .filter(filter).start()) {
            for (int i = 0; i < 3; i++) assertThat(server.get("/alpha/items").statusCode()).isEqualTo(200);
            assertThat(server.get("/").statusCode()).isEqualTo(200);
            // Jetty refuses encoded NUL and control characters itself; the name rules for those are tested
            // in ProfileFileNamesTest. What reaches the filter: non-ASCII, markup, quotes, a very long path.
            String hostile = "/alpha/caf%C3%A9/%3Cscript%3E%22'/" + "x".repeat(600) + "/..%2A";
            assertThat(server.get(hostile).statusCode()).isEqualTo(200);

            List<Path> files = jsonFiles(dir, 5);
            assertThat(files).hasSize(5);
            List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
            assertThat(names).filteredOn(n -> n.startsWith("GET.alpha.items.")).hasSize(3).allMatch(n ->
                    n.matches("GET\\.alpha\\.items\\.\\d{6}ms\\.\\d{10}(\\.\\d+)?\\.json"));
            assertThat(names).anyMatch(n -> n.matches("GET\\.root\\.\\d{6}ms\\.\\d{10}\\.json"));
            assertThat(names).allMatch(n -> n.matches("[A-Za-z0-9._-]{1,200}") && !n.startsWith("."));
            for (Path f : files) {
                assertThat(f.toRealPath().getParent()).isEqualTo(dir.toRealPath());
                Profile p = ProfileJson.read(f);
                assertThat(p.request().method()).isEqualTo("GET");
                assertThat(p.sampling().engine()).isEqualTo("java");
            }
            assertThat(filter.hotline().stats().filesWritten()).isEqualTo(5);
        }
    }

    @Test
    void unwritableDirectoryLeavesRequestsSucceeding(@TempDir Path tmp) throws Exception {
        Path notADir = Files.writeString(tmp.resolve("in-the-way"), "a file where the directory should be");
        HotlineFilter filter = HotlineFilter.builder().engine(HotlineConfig.Engine.JAVA)
                .textOutput(HotlineConfig.TextOutput.OFF).profileDir(notADir.resolve("profiles")).build();
        try (TestServer server = TestServer.builder()
                .servlet("/alpha", Workloads.servlet(Workloads.AlphaWork::run)).filter(filter).start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/alpha").statusCode()).isEqualTo(200);
                assertThat(server.get("/alpha").body()).isEqualTo("ok");
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            HotlineStats stats;
            while ((stats = filter.hotline().stats()).fileFailures() < 6 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(stats.fileFailures()).isEqualTo(6);
            assertThat(stats.filesWritten()).isZero();
            assertThat(filter.hotline().recentProfiles()).as("profiling goes on in memory").hasSize(6);
        }
    }
}
