package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a JFR file that async-profiler keeps writing, and hands over the chunks completed since the last
 * read. After {@code dump} the file holds finished chunks followed by the start of a new one, whose header
 * still carries a placeholder size (1 GiB) and no constant-pool offset until it is finished; only chunks
 * whose header is final and whose bytes are all there are taken. {@code jdk.jfr.consumer.RecordingFile}
 * cannot stop before a partial chunk, so the complete ones are copied into a scratch file for it.
 *
 * <p>{@link #readSamples} then turns the samples of the copied chunks into {@link WallSample}s.
 *
 * <p>Not thread-safe: used by the engine's flusher thread only.
 */
final class JfrChunkReader {
    /** magic, major, minor, size, cpool offset, metadata offset, start ns, duration ns, start ticks, ticks/s, features */
    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    private final Path scratch;
    private Path source;
    private long offset;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);

    /** @param scratch file overwritten with the complete chunks of each read */
    JfrChunkReader(Path scratch) {
        this.scratch = scratch;
    }

    /** Starts following {@code file} from its beginning. */
    void follow(Path file) {
        this.source = file;
        this.offset = 0;
    }

    Path source() {
        return source;
    }

    /** Bytes of the source consumed so far: the start of the first chunk not yet complete. */
    long offset() {
        return offset;
    }

    Path scratch() {
        return scratch;
    }

    /**
     * Copies the chunks completed since the last call into the scratch file, replacing its content.
     *
     * @return the number of bytes copied; 0 when no chunk was completed (the scratch file is then stale)
     */
    long copyNewChunks() throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long end = completeChunksEnd(in, offset, in.size());
            long length = end - offset;
            if (length == 0) return 0;
            try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                long done = 0;
                while (done < length) {
                    long n = in.transferTo(offset + done, length - done, out);
                    if (n <= 0) throw new IOException("short copy from " + source + " at " + (offset + done));
                    done += n;
                }
            }
            offset = end;
            return length;
        }
    }

    /**
     * Where the run of complete chunks starting at {@code from} ends, reading no further than {@code size}.
     *
     * @throws IOException when a chunk does not start where the previous one ended: the file is not what we
     *                     think it is, and reading on would only produce garbage
     */
    private long completeChunksEnd(FileChannel in, long from, long size) throws IOException {
        long pos = from;
        while (size - pos >= HEADER_SIZE) {
            header.clear();
            while (header.hasRemaining()) {
                if (in.read(header, pos + header.position()) < 0) return pos;
            }
            long chunkSize = header.getLong(8);
            long cpoolOffset = header.getLong(16);
            if (header.getInt(0) != MAGIC) {
                throw new IOException("no JFR chunk at offset " + pos + " of " + source);
            }
            // An unfinished chunk has the placeholder size and a zero constant-pool offset; both are patched
            // together once the chunk is written out.
            if (cpoolOffset <= 0 || chunkSize < HEADER_SIZE || chunkSize > size - pos) break;
            pos += chunkSize;
        }
        return pos;
    }

    /**
     * One wall-clock sample: a single one ({@code jdk.ExecutionSample}, which is what async-profiler writes
     * with {@code nobatch}; or a {@code profiler.WallClockSample} of one), or a batch of {@code count} idle
     * samples from {@code timeNs} to {@code timeNs + spanNs} that reuses the stack of the thread's last single
     * idle sample ({@code profiler.WallClockSample}, async-profiler's default).
     *
     * @param stack Java frames only, top first; empty when the sample had none
     */
    record WallSample(long threadId, long timeNs, long spanNs, int count, Frame[] stack) {}

    static final String WALL_CLOCK_EVENT = "profiler.WallClockSample";
    static final String EXECUTION_EVENT = "jdk.ExecutionSample";

    /** Reads the wall-clock samples of the chunks last copied by {@link #copyNewChunks()}. */
    List<WallSample> readSamples() throws IOException {
        List<WallSample> out = new ArrayList<>();
        // Within a chunk the parser hands out one RecordedStackTrace per constant-pool entry, so converting
        // each once spares the batches and repeated stacks.
        Map<RecordedStackTrace, Frame[]> stacks = new IdentityHashMap<>();
        Map<String, String> files = new HashMap<>();
        try (RecordingFile file = new RecordingFile(scratch)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                boolean single = type.equals(EXECUTION_EVENT);
                if (!single && !type.equals(WALL_CLOCK_EVENT)) continue;
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null) continue;
                Instant start = e.getStartTime();
                Duration span = single ? Duration.ZERO : e.getDuration("timeSpan");
                RecordedStackTrace trace = e.getStackTrace();
                Frame[] stack = trace == null ? NO_FRAMES : stacks.computeIfAbsent(trace, t -> javaFrames(t, files));
                out.add(new WallSample(thread.getJavaThreadId(),
                        start.getEpochSecond() * 1_000_000_000L + start.getNano(),
                        span.toNanos(), single ? 1 : Math.max(1, e.getInt("samples")), stack));
            }
        }
        return out;
    }

    private static final Frame[] NO_FRAMES = new Frame[0];

    /** The Java frames of a trace, top first; native, VM and kernel frames are left out. */
    static Frame[] javaFrames(RecordedStackTrace trace, Map<String, String> files) {
        List<RecordedFrame> frames = trace.getFrames();
        List<Frame> out = new ArrayList<>(frames.size());
        for (RecordedFrame f : frames) {
            String type = f.getType();
            if ("Native".equals(type) || "C++".equals(type) || "Kernel".equals(type) || f.getMethod() == null) continue;
            String className = f.getMethod().getType().getName();
            int line = f.getLineNumber();
            out.add(new Frame(className, f.getMethod().getName(), files.computeIfAbsent(className, JfrChunkReader::sourceFile),
                    line > 0 ? line : -1));
        }
        return out.toArray(NO_FRAMES);
    }

    /**
     * JFR records no source file, so guess the usual one: the top-level class's simple name plus {@code .java}
     * ({@code a.b.Shop$Cart} and {@code a.b.Shop$$Lambda$3.0x0001} both give {@code Shop.java}).
     */
    static String sourceFile(String className) {
        int dollar = className.indexOf('$');
        String outer = dollar >= 0 ? className.substring(0, dollar) : className;
        String simple = outer.substring(outer.lastIndexOf('.') + 1);
        return simple.isEmpty() ? null : simple + ".java";
    }
}
