package dev.hotline.core.engine;

import dev.hotline.core.engine.JfrMetadata.Field;
import dev.hotline.core.engine.JfrMetadata.Type;

import java.io.IOException;

/**
 * Where the values Hotline reads sit among the fields a chunk's metadata declares: the wall-clock sample
 * events, and the constant-pool types their stacks and threads lead to. Built once per distinct metadata;
 * anything missing or of another shape is an {@link IOException} naming it.
 */
final class JfrSampleLayout {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String WALL_CLOCK_SAMPLE = "profiler.WallClockSample";

    /** A sample event type: the indices of the fields read, -1 when the event has no such field. */
    static final class SampleEvent {
        final long typeId;
        final Field[] fields;
        final int time, thread, stack, samples, span;
        /** The last field read: the ones after it are skipped by the event's size. */
        final int last;

        SampleEvent(Type t, boolean batch) throws IOException {
            typeId = t.id;
            fields = t.fields;
            time = JfrMetadata.field(t, "startTime", "long", false, false, false);
            thread = JfrMetadata.field(t, "sampledThread", "java.lang.Thread", true, false, false);
            stack = JfrMetadata.field(t, "stackTrace", "jdk.types.StackTrace", true, false, false);
            samples = batch ? JfrMetadata.field(t, "samples", "int", false, false, false) : -1;
            span = batch ? JfrMetadata.field(t, "timeSpan", "long", false, false, false) : -1;
            last = Math.max(Math.max(time, thread), Math.max(stack, Math.max(samples, span)));
        }
    }

    final JfrMetadata metadata;
    /** {@code null} when the chunk declares no such event (then it holds none either). */
    final SampleEvent execution, wallClock;
    final Type thread, stackTrace, stackFrame, method, clazz, symbol, frameType, string;
    final int threadJavaId, traceFrames, frameMethod, frameLine, frameKind, methodClass, methodName, className,
            symbolString, frameTypeDescription;

    JfrSampleLayout(JfrMetadata m) throws IOException {
        metadata = m;
        Type exec = m.byName(EXECUTION_SAMPLE);
        Type wall = m.byName(WALL_CLOCK_SAMPLE);
        if (exec == null && wall == null) {
            throw new IOException("the JFR metadata declares neither " + EXECUTION_SAMPLE + " nor " + WALL_CLOCK_SAMPLE);
        }
        execution = exec == null ? null : new SampleEvent(exec, false);
        wallClock = wall == null ? null : new SampleEvent(wall, true);
        thread = m.require("java.lang.Thread");
        threadJavaId = JfrMetadata.field(thread, "javaThreadId", "long", false, false, false);
        stackTrace = m.require("jdk.types.StackTrace");
        traceFrames = JfrMetadata.field(stackTrace, "frames", "jdk.types.StackFrame", false, true, false);
        stackFrame = m.require("jdk.types.StackFrame");
        frameMethod = JfrMetadata.field(stackFrame, "method", "jdk.types.Method", true, false, false);
        frameLine = JfrMetadata.field(stackFrame, "lineNumber", "int", false, false, false);
        frameKind = JfrMetadata.field(stackFrame, "type", "jdk.types.FrameType", true, false, false);
        method = m.require("jdk.types.Method");
        methodClass = JfrMetadata.field(method, "type", "java.lang.Class", true, false, false);
        methodName = JfrMetadata.field(method, "name", "jdk.types.Symbol", true, false, false);
        clazz = m.require("java.lang.Class");
        className = JfrMetadata.field(clazz, "name", "jdk.types.Symbol", true, false, false);
        symbol = m.require("jdk.types.Symbol");
        symbolString = JfrMetadata.field(symbol, "string", "java.lang.String", false, false, false);
        frameType = m.require("jdk.types.FrameType");
        frameTypeDescription = JfrMetadata.field(frameType, "description", "java.lang.String", false, false, false);
        string = m.require("java.lang.String");
    }
}
