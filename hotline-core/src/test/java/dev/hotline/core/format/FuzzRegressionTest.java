package dev.hotline.core.format;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the inputs that once made the reader fail in another way than a {@link ProfileFormatException} with a
 * reason (kept in {@code fuzz/}; the first line of the matching {@code .txt} says what went wrong before the
 * fix): each must now be read as a usable profile or refused with a reason, within the fuzzer's time limit.
 */
class FuzzRegressionTest {

    @TestFactory
    Stream<DynamicTest> everyKeptInputIsNowReadOrRefusedWithAReason() throws IOException, URISyntaxException {
        Path dir = Path.of(FuzzRegressionTest.class.getResource("fuzz").toURI());
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        return inputs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] input = Files.readAllBytes(p);
            ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fuzz-regression");
                t.setDaemon(true);
                return t;
            });
            try {
                Future<ProfileJsonFuzzTest.Outcome> f = worker.submit(() -> ProfileJsonFuzzTest.check(input));
                ProfileJsonFuzzTest.Outcome o = f.get(ProfileJsonFuzzTest.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                assertThat(o.failure()).as(p.getFileName().toString()).isNull();
            } finally {
                worker.shutdownNow();
            }
        }));
    }
}
