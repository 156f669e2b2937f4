package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows a JFR file that async-profiler keeps writing, and hands over the chunks completed since the last
 * read. After {@code dump} the file holds finished chunks followed by the start of a new one, whose header
 * still carries a placeholder size (1 GiB) and no constant-pool offset until it is finished; only chunks
 * whose header is final and whose bytes are all there are taken, and handed to the parser as they are.
 *
 * <p>Not thread-safe: used by the engine's flusher thread only.
 */
final class JfrChunkReader {
    /** magic, major, minor, size, cpool offset, metadata offset, start ns, duration ns, start ticks, ticks/s, features */
    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    private Path source;
    private long offset;
    private final ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
    private ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

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

    /**
     * Reads the chunks completed since the last call into a buffer reused from call to call.
     *
     * @return the complete new chunks, from position 0 to the limit; empty when no chunk was completed
     */
    ByteBuffer readNewChunks() throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long end = completeChunksEnd(in, offset, in.size());
            long length = end - offset;
            if (length > Integer.MAX_VALUE - 8) throw new IOException("chunks of " + length + " bytes are too big to read");
            if (buffer.capacity() < length) buffer = ByteBuffer.allocate((int) Math.max(length, buffer.capacity() * 2L));
            buffer.clear().limit((int) length);
            while (buffer.hasRemaining()) {
                if (in.read(buffer, offset + buffer.position()) < 0) throw new IOException("short read from " + source + " at " + (offset + buffer.position()));
            }
            buffer.flip();
            offset = end;
            return buffer;
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

    static final String WALL_CLOCK_EVENT = "profiler.WallClockSample";
    static final String EXECUTION_EVENT = "jdk.ExecutionSample";

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
