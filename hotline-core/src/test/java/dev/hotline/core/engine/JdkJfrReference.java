package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the JDK's own reader, {@code jdk.jfr.consumer.RecordingFile}, makes of async-profiler's samples,
 * converted to Hotline's terms the way the engine did before it had its own reader: the reference the
 * parser is held to.
 */
final class JdkJfrReference {
    private JdkJfrReference() {}

    record Sample(long threadId, long timeNs, long spanNs, int count, List<Frame> stack) {}

    /**
     * The samples of every chunk of {@code file}, each chunk read on its own: reading several, the JDK keeps
     * converting times with the first chunk's clock as long as the metadata does not change (async-profiler's
     * never does), while each chunk's header has its own.
     */
    static List<Sample> samplesByChunk(Path file, Path scratchDir) throws Exception {
        byte[] all = Files.readAllBytes(file);
        List<Sample> out = new ArrayList<>();
        int pos = 0;
        for (long size : JfrRecordingWorkload.chunkSizes(file)) {
            Path chunk = Files.createTempFile(scratchDir, "chunk", ".jfr");
            Files.write(chunk, Arrays.copyOfRange(all, pos, pos + (int) size));
            pos += (int) size;
            out.addAll(samples(chunk));
            Files.delete(chunk);
        }
        return out;
    }

    /** The samples of {@code file} as one {@code RecordingFile} reads them. */
    static List<Sample> samples(Path file) throws IOException {
        List<Sample> out = new ArrayList<>();
        Map<RecordedStackTrace, List<Frame>> stacks = new IdentityHashMap<>();
        Map<String, String> files = new HashMap<>();
        try (RecordingFile f = new RecordingFile(file)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                String type = e.getEventType().getName();
                boolean single = type.equals(JfrSampleLayout.EXECUTION_SAMPLE);
                if (!single && !type.equals(JfrSampleLayout.WALL_CLOCK_SAMPLE)) continue;
                RecordedThread thread = e.getThread("sampledThread");
                if (thread == null || thread.getJavaThreadId() == 0) continue;
                Instant start = e.getStartTime();
                Duration span = single ? Duration.ZERO : e.getDuration("timeSpan");
                RecordedStackTrace trace = e.getStackTrace();
                List<Frame> stack = trace == null ? List.of() : stacks.computeIfAbsent(trace, t -> javaFrames(t, files));
                out.add(new Sample(thread.getJavaThreadId(), start.getEpochSecond() * 1_000_000_000L + start.getNano(),
                        span.toNanos(), single ? 1 : Math.max(1, e.getInt("samples")), stack));
            }
        }
        return out;
    }

    /** Java frames only, top first; the file guessed from the outer class, the line -1 when unknown. */
    private static List<Frame> javaFrames(RecordedStackTrace trace, Map<String, String> files) {
        List<Frame> out = new ArrayList<>();
        for (RecordedFrame f : trace.getFrames()) {
            String type = f.getType();
            if ("Native".equals(type) || "C++".equals(type) || "Kernel".equals(type) || f.getMethod() == null) continue;
            String className = f.getMethod().getType().getName();
            int line = f.getLineNumber();
            out.add(new Frame(className, f.getMethod().getName(), files.computeIfAbsent(className, JdkJfrReference::sourceFile),
                    line > 0 ? line : -1));
        }
        return List.copyOf(out);
    }

    private static String sourceFile(String className) {
        int dollar = className.indexOf('$');
        String outer = dollar >= 0 ? className.substring(0, dollar) : className;
        String simple = outer.substring(outer.lastIndexOf('.') + 1);
        return simple.isEmpty() ? null : simple + ".java";
    }
}
