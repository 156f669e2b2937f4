package dev.hotline.core.engine;

import dev.hotline.core.engine.JdkJfrReference.Sample;
import dev.hotline.core.model.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class JfrSampleParserTest {
    @TempDir
    static Path dir;
    /** Recorded with {@code nobatch}: only {@code jdk.ExecutionSample}s. */
    static Path unbatched;
    /** Recorded with async-profiler's default idle batches: {@code profiler.WallClockSample}s as well. */
    static Path batched;

    @BeforeAll
    static void record() throws Exception {
        unbatched = JfrRecordingWorkload.record(dir.resolve("nobatch.jfr"), "nobatch", 3, 300, 1);
        batched = JfrRecordingWorkload.record(dir.resolve("batch.jfr"), "", 3, 300, 1);
    }

    /** Keeps the stacks it is given, asking for each id only the first time it is offered. */
    static final class Collector implements JfrSampleParser.Visitor {
        final Map<Long, Frame[]> stacks = new HashMap<>();
        final List<Sample> samples = new ArrayList<>();
        int offered, offeredKnown;

        @Override
        public boolean wantStack(long id) {
            offered++;
            if (stacks.containsKey(id)) {
                offeredKnown++;
                return false;
            }
            return true;
        }

        @Override
        public void stack(long id, Frame[] topFirst) {
            assertThat(stacks.put(id, topFirst)).as("stack %d decoded twice", id).isNull();
        }

        @Override
        public void sample(long javaThreadId, long epochNs, long spanNs, int count, long stackTraceId) {
            Frame[] stack = stacks.get(stackTraceId);
            assertThat(stack).as("stack %d of a sample", stackTraceId).isNotNull();
            samples.add(new Sample(javaThreadId, epochNs, spanNs, count, List.of(stack)));
        }
    }

    static List<Sample> reference(Path file) throws Exception {
        return JdkJfrReference.samplesByChunk(file, dir);
    }

    static Collector parse(Path file) throws IOException {
        Collector c = new Collector();
        long end = new JfrSampleParser().parseCompleteChunks(file, 0, c);
        assertThat(end).isEqualTo(Files.size(file));
        return c;
    }

    @Test
    void samplesAndFrames_matchTheJdkReader_withoutBatching() throws Exception {
        List<Sample> expected = reference(unbatched);
        Collector c = parse(unbatched);

        assertThat(expected).hasSizeGreaterThan(300).allMatch(s -> s.count() == 1 && s.spanNs() == 0);
        assertSameSamples(c.samples, expected);
        assertKnownStacks(c.samples);
    }

    @Test
    void samplesAndFrames_matchTheJdkReader_withIdleBatches() throws Exception {
        List<Sample> expected = reference(batched);
        Collector c = parse(batched);

        assertThat(expected).hasSizeGreaterThan(50).anyMatch(s -> s.count() > 1 && s.spanNs() > 0).anyMatch(s -> s.count() == 1);
        assertSameSamples(c.samples, expected);
        assertKnownStacks(c.samples);
    }

    /** The same samples in the same order; a mismatch is reported by its first difference, not by the whole list. */
    static void assertSameSamples(List<Sample> actual, List<Sample> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (!actual.get(i).equals(expected.get(i))) {
                throw new AssertionError("sample " + i + " of " + expected.size() + " differs:\n  parsed   " + actual.get(i)
                        + "\n  expected " + expected.get(i));
            }
        }
        assertThat(actual.size()).as("samples").isEqualTo(expected.size());
    }

    /** The workload's threads are there with the stacks they run, the deep one whole. */
    static void assertKnownStacks(List<Sample> samples) {
        String workload = JfrRecordingWorkload.class.getName();
        assertThat(samples).anyMatch(s -> !s.stack().isEmpty() && s.stack().get(0).methodName().equals("spin")
                && s.stack().get(0).line() > 0 && "AsyncProfilerWorkload.java".equals(s.stack().get(0).fileName()));
        assertThat(samples).anyMatch(s -> s.stack().stream().filter(f -> f.className().equals(workload)
                && f.methodName().equals("recurse")).count() > JfrRecordingWorkload.DEPTH);
        assertThat(samples).anyMatch(s -> s.stack().stream().anyMatch(f -> f.methodName().equals("sleep"))
                && s.stack().stream().anyMatch(f -> f.className().startsWith(workload + "$$Lambda")));
        assertThat(samples).allMatch(s -> s.stack().stream().noneMatch(f -> f.className().contains("/")
                || f.methodName().isEmpty() || f.line() == 0));
    }

    @Test
    void stackIdsRepeatInEveryChunk_andKnownOnesAreNotDecodedAgain() throws Exception {
        assertThat(JfrRecordingWorkload.chunkSizes(unbatched)).hasSizeGreaterThanOrEqualTo(3);
        Collector c = parse(unbatched);
        assertThat(c.offeredKnown).as("ids offered again in later chunks").isGreaterThan(0);
        assertThat(c.stacks).hasSize(c.offered - c.offeredKnown);
    }

    @Test
    void aLine_isOneFrameObject_acrossStacksAndChunks() throws Exception {
        JfrSampleParser parser = new JfrSampleParser();
        List<Frame> all = new ArrayList<>();
        JfrSampleParser.Visitor everyStack = new JfrSampleParser.Visitor() {
            @Override public boolean wantStack(long id) { return true; }
            @Override public void stack(long id, Frame[] topFirst) { all.addAll(List.of(topFirst)); }
            @Override public void sample(long thread, long epochNs, long spanNs, int count, long stackId) { }
        };
        parser.parseCompleteChunks(unbatched, 0, everyStack);
        parser.parseCompleteChunks(batched, 0, everyStack);
        Map<Frame, Frame> first = new HashMap<>();
        for (Frame f : all) assertThat(first.computeIfAbsent(f, k -> f)).isSameAs(f);
        assertThat(first.size()).isLessThan(all.size() / 10);
    }

    @Test
    void aFileReadInParts_givesTheSameSamples() throws Exception {
        JfrSampleParser parser = new JfrSampleParser();
        parser.maxRead = 1; // a chunk at a time
        Collector c = new Collector();
        assertThat(parser.parseCompleteChunks(batched, 0, c)).isEqualTo(Files.size(batched));
        assertSameSamples(c.samples, parse(batched).samples);
    }

    @Test
    void heapAndMappedBuffers_readTheSame() throws Exception {
        Collector heap = new Collector();
        new JfrSampleParser().parse(ByteBuffer.wrap(Files.readAllBytes(batched)), heap);
        Collector mapped = new Collector();
        try (FileChannel ch = FileChannel.open(batched, StandardOpenOption.READ)) {
            new JfrSampleParser().parse(ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()), mapped);
        }
        assertThat(heap.samples).isNotEmpty().isEqualTo(mapped.samples).isEqualTo(parse(batched).samples);
    }

    @Test
    void aChunkNotFinished_isLeftForTheNextCall() throws Exception {
        byte[] all = Files.readAllBytes(unbatched);
        int first = JfrRecordingWorkload.chunkSizes(unbatched).get(0).intValue();
        // The second chunk as async-profiler leaves it while writing: placeholder size, no constant pool yet.
        byte[] growing = Arrays.copyOf(all, first + 500);
        ByteBuffer.wrap(growing).putLong(first + 8, 1L << 30).putLong(first + 16, 0);
        Path file = dir.resolve("growing.jfr");
        Files.write(file, growing);

        JfrSampleParser parser = new JfrSampleParser();
        Collector c = new Collector();
        assertThat(parser.parseCompleteChunks(file, 0, c)).isEqualTo(first);
        int firstSamples = c.samples.size();
        assertThat(firstSamples).isPositive();
        assertThat(parser.parseCompleteChunks(file, first, c)).as("still open").isEqualTo(first);
        assertThat(c.samples).hasSize(firstSamples);

        Files.write(file, all);
        assertThat(parser.parseCompleteChunks(file, first, c)).isEqualTo(all.length);
        assertSameSamples(c.samples, reference(unbatched));
    }

    @Test
    void aChunkCutShort_waitsForItsBytes() throws Exception {
        byte[] all = Files.readAllBytes(unbatched);
        int first = JfrRecordingWorkload.chunkSizes(unbatched).get(0).intValue();
        Path file = dir.resolve("short.jfr");
        Files.write(file, Arrays.copyOf(all, first - 1));
        assertThat(new JfrSampleParser().parseCompleteChunks(file, 0, new Collector())).isZero();
        Files.write(file, Arrays.copyOf(all, 30));
        assertThat(new JfrSampleParser().parseCompleteChunks(file, 0, new Collector())).isZero();
    }

    @Test
    void somethingElseThanAChunk_isAnError() throws Exception {
        byte[] all = Files.readAllBytes(unbatched);
        byte[] wrong = all.clone();
        wrong[1] = 'X';
        assertThatThrownBy(() -> new JfrSampleParser().parse(ByteBuffer.wrap(wrong), new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("no JFR chunk at byte 0");
        Path file = dir.resolve("wrong.jfr");
        Files.write(file, wrong);
        assertThatThrownBy(() -> new JfrSampleParser().parseCompleteChunks(file, 0, new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("no JFR chunk at offset 0");
    }

    /** The first chunk of the unbatched recording, and its constant pool's offset. */
    static byte[] firstChunk() throws Exception {
        int size = JfrRecordingWorkload.chunkSizes(unbatched).get(0).intValue();
        return Arrays.copyOf(Files.readAllBytes(unbatched), size);
    }

    /** Parses {@code bytes}; returns the failure's message, or {@code null} when they parsed. Anything else fails. */
    static String parseOrMessage(JfrSampleParser parser, byte[] bytes) {
        try {
            parser.parse(ByteBuffer.wrap(bytes), new Collector());
            return null;
        } catch (IOException e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.getMessage();
        }
    }

    @Test
    void truncatedChunks_areErrors() throws Exception {
        byte[] chunk = firstChunk();
        JfrSampleParser parser = new JfrSampleParser();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 1; i <= 400; i++) {
                int cut = (int) ((long) chunk.length * i / 401);
                byte[] bytes = Arrays.copyOf(chunk, cut);
                assertThat(parseOrMessage(parser, bytes)).as("cut at %d", cut).isNotNull();
                // The same, with the header claiming what is there: the parser has to notice inside the chunk.
                if (cut >= JfrSampleParser.HEADER_SIZE) {
                    ByteBuffer.wrap(bytes).putLong(8, cut);
                    assertThat(parseOrMessage(parser, bytes)).as("cut at %d, size patched", cut).isNotNull();
                }
            }
        });
        Collector c = new Collector();
        parser.parse(ByteBuffer.wrap(chunk), c);
        assertThat(c.samples).as("the parser recovers for the next call").isNotEmpty();
    }

    @Test
    void flippedBytes_giveAnErrorOrSamples_neverAnotherFailure() throws Exception {
        byte[] chunk = firstChunk();
        int cpool = (int) ByteBuffer.wrap(chunk).getLong(16);
        JfrSampleParser parser = new JfrSampleParser();
        Random random = new Random(20261206);
        int[] errors = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 900; i++) {
                byte[] bytes = chunk.clone();
                // A third anywhere, a third in the metadata and events near the start, a third in the constant pool.
                int from = i % 3 == 0 ? 0 : i % 3 == 1 ? JfrSampleParser.HEADER_SIZE : cpool;
                int to = i % 3 == 1 ? Math.min(cpool, 20_000) : chunk.length;
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int at = from + random.nextInt(to - from);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                if (parseOrMessage(parser, bytes) != null) errors[0]++;
            }
        });
        assertThat(errors[0]).as("flips detected").isGreaterThan(200);
        Collector c = new Collector();
        parser.parse(ByteBuffer.wrap(chunk), c);
        assertThat(c.samples).isNotEmpty();
    }

    @Test
    void uncompressedIntegers_areRefused() throws Exception {
        byte[] chunk = firstChunk();
        chunk[67] &= ~1; // features: bit 0 is compressed integers
        assertThatThrownBy(() -> new JfrSampleParser().parse(ByteBuffer.wrap(chunk), new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("uncompressed integers");
    }

    @Test
    void aDifferentEventLayout_isNamedInTheError() throws Exception {
        byte[] chunk = firstChunk();
        // Rename the field async-profiler writes the thread in: the metadata's string table holds it once.
        byte[] name = "sampledThread".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(chunk, name);
        assertThat(at).isPositive();
        chunk[at] = 'S';
        assertThatThrownBy(() -> new JfrSampleParser().parse(ByteBuffer.wrap(chunk), new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("sampledThread");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    @Test
    void sourceFile_isGuessedFromTheTopLevelClass() {
        assertThat(JfrStacks.sourceFile("com.acme.Shop")).isEqualTo("Shop.java");
        assertThat(JfrStacks.sourceFile("com.acme.Shop$Cart")).isEqualTo("Shop.java");
        assertThat(JfrStacks.sourceFile("com.acme.Shop$$Lambda$3.0x0000000800c0b000")).isEqualTo("Shop.java");
        assertThat(JfrStacks.sourceFile("Main")).isEqualTo("Main.java");
        assertThat(JfrStacks.sourceFile("jdk.proxy1.$Proxy5")).isNull();
    }

    /**
     * A chunk whose header points at a second, empty constant pool event appended to it, chained back by
     * {@code delta} (async-profiler writes one pool per chunk; the JDK chains several).
     */
    static byte[] withChainedPool(byte[] chunk, java.util.function.IntUnaryOperator delta) {
        ByteBuffer header = ByteBuffer.wrap(chunk);
        int oldPool = (int) header.getLong(16);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        putVarLong(body, 1);   // constant pool event
        putVarLong(body, 0);   // start
        putVarLong(body, 0);   // duration
        putVarLong(body, delta.applyAsInt(chunk.length - oldPool));
        body.write(1);         // flush
        putVarLong(body, 0);   // no pools
        int size = 5 + body.size();
        java.io.ByteArrayOutputStream event = new java.io.ByteArrayOutputStream();
        for (int shift = 0; shift < 28; shift += 7) event.write((size >>> shift) & 0x7f | 0x80);
        event.write(size >>> 28);
        event.writeBytes(body.toByteArray());
        byte[] out = Arrays.copyOf(chunk, chunk.length + size);
        System.arraycopy(event.toByteArray(), 0, out, chunk.length, size);
        ByteBuffer.wrap(out).putLong(8, out.length).putLong(16, chunk.length);
        return out;
    }

    static void putVarLong(java.io.ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++, v >>>= 7) {
            if ((v & ~0x7fL) == 0) {
                out.write((int) v);
                return;
            }
            out.write((int) (v & 0x7f) | 0x80);
        }
        out.write((int) v);
    }

    @Test
    void chainedConstantPools_areAllRead() throws Exception {
        byte[] chunk = firstChunk();
        Collector plain = new Collector();
        new JfrSampleParser().parse(ByteBuffer.wrap(chunk), plain);

        Collector chained = new Collector();
        new JfrSampleParser().parse(ByteBuffer.wrap(withChainedPool(chunk, back -> -back)), chained);
        assertSameSamples(chained.samples, plain.samples);

        assertThatThrownBy(() -> new JfrSampleParser().parse(ByteBuffer.wrap(withChainedPool(chunk, back -> back)), new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("constant pool chain");
        assertThatThrownBy(() -> new JfrSampleParser().parse(ByteBuffer.wrap(withChainedPool(chunk, back -> -chunk.length - 10)), new Collector()))
                .isInstanceOf(IOException.class).hasMessageContaining("constant pool chain");
    }
}
