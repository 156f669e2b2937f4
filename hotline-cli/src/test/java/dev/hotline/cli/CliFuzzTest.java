package dev.hotline.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.hotline.cli.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged profile files through the whole command line: {@code view} of each file, then of the directory of
 * all of them, then {@code merge}. Every run must end within a time limit with status 0 or 1 (never an
 * internal error), and a failing single file must give one line. Seeded, so every run tries the same files;
 * hotline-core's ProfileJsonFuzzTest covers the reader itself with many more inputs.
 */
class CliFuzzTest {
    static final long SEED = 20261121L;
    static final int FILES = 250;
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", "\"", "null", "-1", "99999999999999999999", "1e400",
        "\u2028", "\uD83D\uDE00", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "\"\\ud800\""};

    @TempDir
    Path dir;

    @Test
    void damagedFilesAreReadOrRefusedInOneLineNeverAnInternalError() throws Exception {
        List<byte[]> seeds = List.of(Files.readAllBytes(Fixtures.GOLDEN),
                Files.readAllBytes(Fixtures.saveAs(dir.resolve("seed.json"), Fixtures.request("/orders/7", T0, 40, 12))));
        Files.delete(dir.resolve("seed.json"));
        Path damaged = Files.createDirectory(dir.resolve("damaged"));
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int read = 0;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cli-fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < FILES; i++) {
                Path file = Files.write(damaged.resolve(String.format("GET.fuzz.%06dms.1795250000.json", i)),
                        mutate(seeds.get(random.nextInt(seeds.size())), random));
                Cli.Run r = runWithin(worker, "view", file.toString(), "--min-share", "0", "--functions", "--lines", "--tree");
                if (r == null) {
                    failures.add(file + ": no answer within 10 s");
                } else if (r.exit() == Main.OK) {
                    read++;
                } else if (r.exit() != Main.USER_ERROR || r.errLines().size() != 1 || r.err().contains("\tat ")) {
                    failures.add(file + ": exit " + r.exit() + ": " + r.err());
                }
            }
            Cli.Run all = runWithin(worker, "view", damaged.toString(), "--min-share", "0");
            assertThat(all).isNotNull();
            assertThat(all.exit()).as(all.err()).isIn(Main.OK, Main.USER_ERROR);
            assertThat(all.err()).doesNotContain("internal error", "\tat ");
            Cli.Run merge = runWithin(worker, "merge", damaged.toString(), "-o", dir.resolve("merged.json").toString());
            assertThat(merge).isNotNull();
            assertThat(merge.exit()).as(merge.err()).isIn(Main.OK, Main.USER_ERROR);
            if (merge.exit() == Main.OK) {
                Cli.run("view", dir.resolve("merged.json").toString()).succeeds();
            }
        } finally {
            worker.shutdownNow();
        }
        assertThat(failures).isEmpty();
        assertThat(read).as("some damaged files are still profiles").isPositive();
    }

    private static Cli.Run runWithin(ExecutorService worker, String... args) throws Exception {
        Future<Cli.Run> f = worker.submit(() -> Cli.run(args));
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return null;
        }
    }

    /** One to three of: a flipped bit, a cut end, a repeated or lost stretch, a stray token. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in;
        for (int n = 1 + r.nextInt(3); n > 0 && b.length > 0; n--) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> {
                    b = b.clone();
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                case 1 -> b = Arrays.copyOf(b, at);
                case 2 -> b = splice(b, at, 0, Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + r.nextInt(120))));
                case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(60)), new byte[0]);
                default -> b = splice(b, at, 0, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] c = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(insert, 0, c, at, insert.length);
        System.arraycopy(b, at + remove, c, at + insert.length, b.length - at - remove);
        return c;
    }
}
