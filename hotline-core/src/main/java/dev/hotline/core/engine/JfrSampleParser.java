package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/** Interim: reads chunks through the JDK's RecordingFile until the purpose-built parser lands. */
final class JfrSampleParser {
    interface Visitor {
        boolean wantStack(long stackTraceId);

        void stack(long stackTraceId, Frame[] topFirst);

        void sample(long javaThreadId, long epochNs, long spanNs, int count, long stackTraceId);
    }

    private Path scratch;
    private long nextId; // RecordingFile hides the ids: ours never repeat across parses

    void parse(ByteBuffer chunks, Visitor visitor) throws IOException {
        if (scratch == null) {
            scratch = Files.createTempFile("hotline-chunks-", ".jfr");
            scratch.toFile().deleteOnExit();
        }
        try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (chunks.hasRemaining()) out.write(chunks);
        }
        Map<RecordedStackTrace, Long> ids = new IdentityHashMap<>();
        Map<String, String> files = new HashMap<>();
        try (RecordingFile file = new RecordingFile(scratch)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                boolean single = type.equals(JfrChunkReader.EXECUTION_EVENT);
                if (!single && !type.equals(JfrChunkReader.WALL_CLOCK_EVENT)) continue;
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null) continue;
                Instant start = e.getStartTime();
                Duration span = single ? Duration.ZERO : e.getDuration("timeSpan");
                RecordedStackTrace trace = e.getStackTrace();
                long id = trace == null ? -1 : ids.computeIfAbsent(trace, t -> nextId++);
                if (trace != null && visitor.wantStack(id)) visitor.stack(id, JfrChunkReader.javaFrames(trace, files));
                visitor.sample(thread.getJavaThreadId(), start.getEpochSecond() * 1_000_000_000L + start.getNano(),
                        span.toNanos(), single ? 1 : Math.max(1, e.getInt("samples")), id);
            }
        }
    }
}
