package dev.hotline.core.format;

import dev.hotline.core.analysis.ProfileMerge;
import dev.hotline.core.model.Frame;
import dev.hotline.core.model.Profile;
import dev.hotline.core.model.ProfileBuilder;
import dev.hotline.core.model.RequestInfo;
import dev.hotline.core.report.ReportOptions;
import dev.hotline.core.report.SourceLocator;
import dev.hotline.core.report.TextReports;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of the profile reader: thousands of damaged documents, each of which must either read
 * as a profile that is usable (written back, merged and rendered without error) or be refused with a
 * {@link ProfileFormatException} that says what is wrong. Another exception, a hang, or a refusal that only the
 * reader's safety net caught ({@code invalid profile: java.lang...}, a check missing) is a bug: the input is
 * saved under {@code target/fuzz-failures} to be kept in {@code src/test/resources/.../format/fuzz/}, whose files
 * {@link FuzzRegressionTest} replays.
 */
class ProfileJsonFuzzTest {
    /** Fixed, so every run tries the same inputs; {@code -Dhotline.fuzz.seed=N} for another campaign. */
    static final long SEED = Long.getLong("hotline.fuzz.seed", 0x486f746c696e65L);
    /** About 3 s; {@code -Dhotline.fuzz.inputs=N} for a longer campaign. */
    static final int INPUTS = Integer.getInteger("hotline.fuzz.inputs", 6_000);
    static final long TIMEOUT_SECONDS = 5;

    static List<byte[]> seeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Files.readAllBytes(Path.of("src/test/resources/dev/hotline/core/format/profile-v1.json")));
        seeds.add(ProfileJson.toJson(SampleProfiles.hostile()).getBytes(StandardCharsets.UTF_8));
        seeds.add(ProfileJson.toJson(SampleProfiles.big("/big", 30, Instant.parse("2026-01-01T00:00:00Z"))).getBytes(StandardCharsets.UTF_8));
        seeds.add(ProfileJson.toJson(ProfileMerge.of(List.of(SampleProfiles.golden(), SampleProfiles.hostile()))).getBytes(StandardCharsets.UTF_8));
        ProfileBuilder empty = new ProfileBuilder();
        seeds.add(ProfileJson.toJson(empty.build("e", new RequestInfo("GET", "/", null, 0, Instant.EPOCH, 0, null), "java", 1, false))
                .getBytes(StandardCharsets.UTF_8));
        ProfileBuilder exact = new ProfileBuilder();
        Frame f = new Frame("a.B", "c", null, 1);
        exact.sample(exact.thread("t"), 0, 5, 1, new Frame[] {f, f});
        exact.hits(f, 12);
        seeds.add(ProfileJson.toJson(exact.build("x", new RequestInfo("PUT", "/x", "a=1", 201, Instant.EPOCH, 9, "E"), "exact", 1, true))
                .getBytes(StandardCharsets.UTF_8));
        return seeds;
    }

    @Test
    void everyDamagedDocumentReadsAsAUsableProfileOrIsRefusedWithAReason() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        ExecutorService worker = newWorker();
        try {
            for (int i = 0; i < INPUTS; i++) {
                byte[] input = JsonMutator.mutate(seeds.get(random.nextInt(seeds.size())), random);
                Future<Outcome> f = worker.submit(() -> check(input));
                Outcome o;
                try {
                    o = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException hang) {
                    f.cancel(true);
                    worker.shutdownNow();
                    worker = newWorker(); // the stuck thread is abandoned (daemon)
                    o = new Outcome(false, new AssertionError("no answer within " + TIMEOUT_SECONDS + " s"));
                }
                if (o.accepted()) accepted++;
                if (o.failure() != null) failures.add(save(i, input, o.failure()));
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println(INPUTS + " inputs, " + accepted + " read as profiles, " + (INPUTS - accepted - failures.size())
                + " refused with a reason, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
        assertThat(accepted).as("some mutations leave a valid profile").isPositive();
    }

    /** What one input did: read or refused, and the failure when it did something else. */
    record Outcome(boolean accepted, Throwable failure) {}

    /** Reads {@code input} as ProfileJson.read(Path) does, then uses the profile the ways the command line does. */
    static Outcome check(byte[] input) {
        Profile p;
        try {
            p = ProfileJson.read(strictUtf8(input));
        } catch (ProfileFormatException e) {
            boolean caughtByNet = e.getMessage().startsWith("invalid profile: ");
            return new Outcome(false, caughtByNet ? e : null);
        } catch (Throwable t) {
            return new Outcome(false, t);
        }
        try {
            Profile back = ProfileJson.fromJson(ProfileJson.toJson(p));
            SampleProfiles.assertSameProfile(back, p);
            Profile merged = ProfileMerge.of(List.of(p, p));
            ProfileJson.fromJson(ProfileJson.toJson(merged)); // the merge is a valid document too
            TextReports.render(p, ReportOptions.builder().minShare(0).build(), new SourceLocator(List.of(), null),
                    EnumSet.allOf(TextReports.Kind.class));
            return new Outcome(true, null);
        } catch (Throwable t) {
            return new Outcome(true, t);
        }
    }

    static Reader strictUtf8(byte[] input) {
        return new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static String save(int i, byte[] input, Throwable failure) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/fuzz-failures"));
        Path file = dir.resolve("input-" + i + ".json");
        Files.write(file, input);
        Files.writeString(dir.resolve("input-" + i + ".txt"), stackTrace(failure));
        return file + ": " + failure;
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-input");
            t.setDaemon(true);
            return t;
        });
    }
}
