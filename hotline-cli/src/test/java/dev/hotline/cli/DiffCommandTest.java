package dev.hotline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.hotline.cli.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class DiffCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLinesThatChangedMostComeFirst() throws Exception {
        Path before = Fixtures.saveAs(dir.resolve("before.json"), Fixtures.request("/orders/1", T0, 20, 30));
        Path after = Fixtures.saveAs(dir.resolve("after.json"), Fixtures.request("/orders/1", T0, 80, 25));
        Cli.Run r = Cli.run("diff", before.toString(), after.toString()).succeeds();
        assertThat(r.out()).startsWith("A: 50.4 ms  GET /orders/1  200").contains("\nB: 105.4 ms  GET /orders/1  200")
                .contains("Sampled time: 50.0 ms -> 105.0 ms (+55.0 ms, 2.10x)");
        List<String> lineRows = r.out().lines().dropWhile(l -> !l.startsWith("Lines,")).skip(3)
                .takeWhile(l -> !l.isEmpty()).toList();
        assertThat(lineRows).hasSize(3);
        assertThat(lineRows.get(0)).contains("+60.0ms", "4.00x", "com.acme.shop.OrderRepository.load  OrderRepository.java:77");
        assertThat(lineRows.get(1)).contains("+55.0ms", "com.acme.shop.ShopServlet.doGet");
        assertThat(lineRows.get(2)).contains("-5.0ms", "0.83x", "com.acme.shop.Prices.price  Prices.java:12");
        assertThat(r.out()).contains("Methods, largest change of total time first (3 of 3 shown; 0 new, 0 gone):")
                .doesNotContain("SocketInputStream", "\u001b[");

        Cli.Run all = Cli.run("diff", before.toString(), after.toString(), "--all", "--top", "1").succeeds();
        assertThat(all.out()).contains("(1 of 5 shown; 0 new, 0 gone)", "java.net.SocketInputStream.read");
        assertThat(Cli.run("diff", before.toString(), after.toString(), "--color=always").out()).contains("\u001b[31m", "\u001b[32m");
    }

    @Test
    void aProfileAgainstItselfChangesNothing() {
        String g = Fixtures.GOLDEN.toString();
        Cli.Run r = Cli.run("diff", g, g, "--all").succeeds();
        assertThat(r.out()).contains("(0.0 ms, 1.00x)");
        r.out().lines().filter(l -> l.contains("  com.") || l.contains("  java.") || l.contains("  sun."))
                .forEach(row -> assertThat(row).contains("   0.0ms   1.00x"));
    }

    @Test
    void directoriesAreComparedMerged() throws Exception {
        Path v1 = Files.createDirectory(dir.resolve("v1"));
        Path v2 = Files.createDirectory(dir.resolve("v2"));
        for (int i = 0; i < 3; i++) Fixtures.save(v1, Fixtures.request("/orders/1", T0.plusSeconds(i), 10, 10));
        for (int i = 0; i < 2; i++) Fixtures.save(v2, Fixtures.request("/orders/1", T0.plusSeconds(i), 30, 10));
        Cli.Run r = Cli.run("diff", v1.toString(), v2.toString()).succeeds();
        assertThat(r.out()).startsWith("A is the merged profile of 3 requests from " + v1 + "\nB is the merged profile of 2 requests from " + v2)
                .contains("60.0 ms -> 80.0 ms");
    }

    @Test
    void needsExactlyTwoProfiles() {
        String g = Fixtures.GOLDEN.toString();
        Cli.run("diff", g).failsWithOneLine("diff needs two profiles, A and B (got 1");
        Cli.run("diff", g, g, g).failsWithOneLine("(got 3");
        Cli.run("diff", g, "nope.json").failsWithOneLine("nope.json: no such file or directory");
    }
}
