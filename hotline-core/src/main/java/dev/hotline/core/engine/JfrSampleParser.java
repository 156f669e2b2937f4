package dev.hotline.core.engine;

import dev.hotline.core.engine.JfrMetadata.Field;
import dev.hotline.core.engine.JfrSampleLayout.SampleEvent;
import dev.hotline.core.model.Frame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the wall-clock samples out of the chunks async-profiler writes, and nothing else: a purpose-built
 * replacement for {@code jdk.jfr.consumer.RecordingFile}, which decodes every event into objects and needs
 * the {@code jdk.jfr} module. Each chunk is read in place: its metadata (types and their fields, reused while
 * the next chunk's is byte for byte the same), its constant pools (kept as positions, decoded only when asked
 * for), then its events, those of other types skipped by their size. A sample costs no object: the visitor
 * gets primitives.
 *
 * <p>async-profiler repeats every stack trace it ever recorded in each chunk's constant pool, under the same
 * id for the whole recording; {@link Visitor#wantStack} lets a caller that knows an id spare its decoding.
 *
 * <p>Times are converted with each chunk's own header. (The JDK's reader keeps the first chunk's conversion
 * for the following ones while their metadata is unchanged, which async-profiler's always is: its times for
 * later chunks differ by a microsecond or two.)
 *
 * <p>Bytes that are not what async-profiler writes (a truncated chunk, another layout of the events, a
 * reference to a constant the chunk lacks) end the call with an {@link IOException} saying what and where;
 * the chunks before the failing one have been handed out by then.
 *
 * <p>Not thread-safe: one parser per reading thread, reused from call to call.
 */
final class JfrSampleParser {
    /** What the parser hands out, chunk by chunk. */
    interface Visitor {
        /**
         * Called for each stack trace in a chunk's constant pool, before that chunk's samples; return true to
         * have its frames decoded and passed to {@link #stack}.
         */
        boolean wantStack(long stackTraceId);

        /**
         * The Java frames of a stack trace, top first (native, C++ and kernel frames left out; may be empty).
         * The array is the visitor's to keep.
         */
        void stack(long stackTraceId, Frame[] topFirst);

        /**
         * One wall-clock sample ({@code jdk.ExecutionSample}: count 1, span 0) or a batch of {@code count} idle
         * samples over {@code spanNs} from {@code epochNs} ({@code profiler.WallClockSample}); times in epoch
         * nanoseconds, the timeline of {@link Clock#epochNanos()}. Samples of threads with no Java thread id
         * are not handed out. {@code stackTraceId} is one offered to {@link #wantStack} in the same chunk.
         */
        void sample(long javaThreadId, long epochNs, long spanNs, int count, long stackTraceId);
    }

    static final int HEADER_SIZE = 68;
    private static final int MAGIC = 0x464c5200; // "FLR\0"
    private static final int METADATA_EVENT = 0;
    private static final int CONSTANT_POOL_EVENT = 1;

    private final JfrInput in = new JfrInput();
    private final JfrStacks stacks = new JfrStacks(in);
    /** The last metadata event's bytes and what was made of them. */
    private byte[] metadataBytes;
    private JfrSampleLayout layout;
    /** Constant-pool thread key to Java thread id. */
    private final LongLongMap threads = new LongLongMap();
    /** The stack traces of the chunk's constant pool: their keys (for checking samples), ids and positions in order. */
    private final LongLongMap stackKeys = new LongLongMap();
    private long[] stackIds = new long[64];
    private long[] stackPositions = new long[64];
    private int stackCount;

    // The current chunk's time base.
    private long startNanos, startTicks;
    private double ticksPerNano;

    private final ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.BIG_ENDIAN);
    private ByteBuffer fileBytes = ByteBuffer.allocate(0);

    /** Parses the complete chunks in {@code chunks} from its position to its limit, back to back. */
    void parse(ByteBuffer chunks, Visitor visitor) throws IOException {
        ByteBuffer buf = chunks.order() == ByteOrder.BIG_ENDIAN ? chunks : chunks.duplicate().order(ByteOrder.BIG_ENDIAN);
        int pos = chunks.position();
        int end = chunks.limit();
        while (pos < end) pos += parseChunk(buf, pos, end, visitor);
    }

    /** Most bytes read from a file at once; a run of chunks longer than this is parsed in parts. */
    int maxRead = 64 << 20;

    /**
     * Parses the chunks of {@code file} completed from {@code offset} on (a chunk whose header is not final
     * yet, or whose bytes are not all written, ends the run) and returns the offset after them: where to
     * start next time. The bytes are read into a buffer the parser keeps for the next call.
     *
     * @throws IOException also when no chunk starts at {@code offset}, or one does not start where the
     *                     previous one ended
     */
    long parseCompleteChunks(Path file, long offset, Visitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            while (true) {
                long end = completeChunksEnd(ch, offset, size, maxRead);
                if (end == offset) return offset;
                int length = (int) (end - offset);
                if (fileBytes.capacity() < length) fileBytes = ByteBuffer.allocate(Math.max(length, 2 * fileBytes.capacity()));
                fileBytes.clear().limit(length);
                while (fileBytes.hasRemaining()) {
                    if (ch.read(fileBytes, offset + fileBytes.position()) < 0) {
                        throw new IOException(file + " shrank while reading it at " + (offset + fileBytes.position()));
                    }
                }
                fileBytes.flip();
                parse(fileBytes, visitor);
                offset = end;
            }
        }
    }

    /**
     * Where the run of complete chunks starting at {@code from} ends, reading no further than {@code size}
     * and taking no more than {@code maxBytes} (but always a first complete chunk that fits in an array).
     * After {@code dump} async-profiler's file holds finished chunks followed by the start of the next, whose
     * header keeps a placeholder size (1 GiB) and no constant-pool offset until that chunk is finished.
     */
    long completeChunksEnd(FileChannel ch, long from, long size, long maxBytes) throws IOException {
        long pos = from;
        while (size - pos >= HEADER_SIZE) {
            header.clear();
            while (header.hasRemaining()) {
                if (ch.read(header, pos + header.position()) < 0) return pos;
            }
            if (header.getInt(0) != MAGIC) throw new IOException("no JFR chunk at offset " + pos);
            long chunkSize = header.getLong(8);
            long cpoolOffset = header.getLong(16);
            // Size and constant-pool offset are patched together once the chunk is written out.
            if (cpoolOffset <= 0 || chunkSize < HEADER_SIZE || chunkSize > size - pos) break;
            if (chunkSize > Integer.MAX_VALUE - 8) throw new IOException("JFR chunk at offset " + pos + " is too large: " + chunkSize);
            if (pos > from && pos + chunkSize - from > maxBytes) break;
            pos += chunkSize;
        }
        return pos;
    }

    /** Parses the chunk at {@code pos} and returns its size. */
    private int parseChunk(ByteBuffer buf, int pos, int end, Visitor visitor) throws IOException {
        if (end - pos < HEADER_SIZE) throw new IOException("truncated JFR chunk header at byte " + pos);
        if (buf.getInt(pos) != MAGIC) throw new IOException("no JFR chunk at byte " + pos);
        int major = buf.getShort(pos + 4);
        if (major != 2) throw new IOException("JFR chunk at byte " + pos + " has version " + major + ", not 2");
        long size = buf.getLong(pos + 8);
        long cpoolOffset = buf.getLong(pos + 16);
        long metadataOffset = buf.getLong(pos + 24);
        if (size < HEADER_SIZE || size > end - pos) {
            throw new IOException("JFR chunk at byte " + pos + " claims " + size + " bytes, " + (end - pos) + " are there");
        }
        if (cpoolOffset < HEADER_SIZE || cpoolOffset >= size || metadataOffset < HEADER_SIZE || metadataOffset >= size) {
            throw new IOException("JFR chunk at byte " + pos + " is not finished: constant pool at " + cpoolOffset
                    + ", metadata at " + metadataOffset);
        }
        startNanos = buf.getLong(pos + 32);
        startTicks = buf.getLong(pos + 48);
        long ticksPerSecond = buf.getLong(pos + 56);
        if (ticksPerSecond <= 0) throw new IOException("JFR chunk at byte " + pos + " has " + ticksPerSecond + " ticks per second");
        ticksPerNano = ticksPerSecond / 1e9;
        if ((buf.getInt(pos + 64) & 1) == 0) {
            throw new IOException("JFR chunk at byte " + pos + " has uncompressed integers, which async-profiler never writes");
        }
        int chunkEnd = pos + (int) size;
        in.reset(buf, pos, chunkEnd);

        readMetadata(pos + (int) metadataOffset, chunkEnd);
        readConstantPools(pos, pos + (int) cpoolOffset);
        for (int i = 0; i < stackCount; i++) {
            long id = stackIds[i];
            if (visitor.wantStack(id)) visitor.stack(id, stacks.decode((int) stackPositions[i]));
        }
        readEvents(pos + HEADER_SIZE, chunkEnd, visitor);
        return (int) size;
    }

    /** Moves to the event at {@code at} and reads its size and type; returns where it ends. */
    private int eventStart(int at, long expectedType, String what) throws IOException {
        in.position(at);
        int size = in.readInt();
        if (size <= 0 || size > in.limit() - at) throw in.error(what + " of " + size + " bytes does not fit in the chunk");
        long type = in.readLong();
        if (type != expectedType) throw in.error("expected " + what + " (type " + expectedType + "), found type " + type);
        return at + size;
    }

    private void readMetadata(int at, int chunkEnd) throws IOException {
        int end = eventStart(at, METADATA_EVENT, "the metadata event");
        in.readLong(); // start time, which differs from chunk to chunk while the rest stays the same
        in.readLong(); // duration
        int from = in.position();
        if (layout != null && in.regionEquals(from, end - from, metadataBytes)) {
            return;
        }
        layout = null;
        in.limit(end);
        JfrMetadata m = JfrMetadata.read(in);
        in.limit(chunkEnd);
        layout = new JfrSampleLayout(m);
        metadataBytes = in.copy(from, end - from);
        stacks.layout(layout);
    }

    private void readConstantPools(int chunkStart, int at) throws IOException {
        threads.clear();
        stackKeys.clear();
        stackCount = 0;
        stacks.clear();
        JfrMetadata meta = layout.metadata;
        while (true) {
            int end = eventStart(at, CONSTANT_POOL_EVENT, "a constant pool event");
            in.readLong(); // start time
            in.readLong(); // duration
            long delta = in.readLong();
            in.u1(); // flush flag
            for (int pools = in.count("constant pool", 2); pools > 0; pools--) {
                long typeId = in.readLong();
                JfrMetadata.Type type = meta.byId(typeId);
                if (type == null) throw in.error("constant pool of type id " + typeId + ", which the metadata does not declare");
                for (int n = in.count("constant", 1 + type.minBytes); n > 0; n--) {
                    long key = in.readLong();
                    readConstant(type, key);
                }
            }
            if (in.position() > end) throw in.error("the constant pool event overruns its size");
            if (delta == 0) return;
            // Earlier constant pools of the same chunk are chained backwards from the last one; where a key
            // comes again, the newest value, read first, is kept.
            if (delta > 0 || delta < chunkStart + HEADER_SIZE - at) {
                throw in.error("the constant pool chain goes from byte " + at + " by " + delta + " bytes");
            }
            at += (int) delta;
        }
    }

    private void readConstant(JfrMetadata.Type type, long key) throws IOException {
        JfrSampleLayout l = layout;
        if (type == l.thread) {
            long javaId = 0;
            Field[] fields = type.fields;
            for (int i = 0; i < fields.length; i++) {
                if (i == l.threadJavaId) javaId = JfrMetadata.readIntegral(in, fields[i]);
                else l.metadata.skipField(in, fields[i]);
            }
            threads.putIfAbsent(key, javaId);
            return;
        }
        int at = in.position();
        if (type == l.stackTrace) {
            if (stackKeys.putIfAbsent(key, at)) addStack(key, at);
        } else {
            stacks.constant(type, key, at);
        }
        l.metadata.skipValue(in, type);
    }

    private void addStack(long key, int at) {
        if (stackCount == stackIds.length) {
            stackIds = Arrays.copyOf(stackIds, 2 * stackCount);
            stackPositions = Arrays.copyOf(stackPositions, 2 * stackCount);
        }
        stackIds[stackCount] = key;
        stackPositions[stackCount++] = at;
    }

    private void readEvents(int at, int chunkEnd, Visitor visitor) throws IOException {
        SampleEvent exec = layout.execution;
        SampleEvent wall = layout.wallClock;
        long execId = exec == null ? Long.MIN_VALUE : exec.typeId;
        long wallId = wall == null ? Long.MIN_VALUE : wall.typeId;
        while (at < chunkEnd) {
            in.position(at);
            int size = in.readInt();
            if (size <= 0 || size > chunkEnd - at) throw in.error("event of " + size + " bytes does not fit in the chunk");
            int end = at + size;
            long type = in.readLong();
            if (type == execId) {
                readSample(exec, end, visitor);
            } else if (type == wallId) {
                readSample(wall, end, visitor);
            }
            at = end;
        }
    }

    private void readSample(SampleEvent e, int end, Visitor visitor) throws IOException {
        long ticks = 0, threadKey = 0, stackId = 0, spanTicks = 0;
        int count = 1;
        Field[] fields = e.fields;
        for (int i = 0; i <= e.last; i++) {
            Field f = fields[i];
            if (i == e.time) ticks = in.readLong();
            else if (i == e.thread) threadKey = in.readLong();
            else if (i == e.stack) stackId = in.readLong();
            else if (i == e.samples) count = Math.max(1, in.readInt());
            else if (i == e.span) spanTicks = in.readLong();
            else layout.metadata.skipField(in, f);
        }
        if (in.position() > end) throw in.error("a sample overruns its event's size");
        long javaId = threads.get(threadKey);
        if (javaId == LongLongMap.MISSING && threadKey == 0) return; // no thread: nothing to attribute it to
        if (javaId == LongLongMap.MISSING) throw in.error("a sample refers to thread " + threadKey + ", which the constant pool lacks");
        if (javaId == 0) return; // not a Java thread
        if (stackKeys.get(stackId) == LongLongMap.MISSING) {
            throw in.error("a sample refers to stack trace " + stackId + ", which the constant pool lacks");
        }
        visitor.sample(javaId, startNanos + (long) ((ticks - startTicks) / ticksPerNano),
                (long) (spanTicks / ticksPerNano), count, stackId);
    }
}
