package dev.hotline.agent.trace;

import dev.hotline.core.model.Frame;

import java.util.Arrays;

/**
 * Dense ids for the traced methods and lines of every woven class, so probes count into arrays by index. Ids are
 * handed out while classes are woven and never reused; the frames they stand for are resolved only when a profile
 * is built.
 */
final class TraceRegistry {
    private Frame[] methods = new Frame[256];
    private Frame[] lines = new Frame[1024];
    /** Per line: the method it belongs to. */
    private int[] lineMethods = new int[1024];
    /** Per line: its size in instructions when it is straight-line code (its time is shared), 0 when it is timed. */
    private int[] lineWeights = new int[1024];
    private int methodCount;
    private int lineCount;

    int method(Frame method) {
        synchronized (this) {
            if (methodCount == methods.length) methods = Arrays.copyOf(methods, methodCount * 2);
            methods[methodCount] = method;
            return methodCount++;
        }
    }

    int line(Frame line) {
        synchronized (this) {
            if (lineCount == lines.length) {
                lines = Arrays.copyOf(lines, lineCount * 2);
                lineMethods = Arrays.copyOf(lineMethods, lineCount * 2);
                lineWeights = Arrays.copyOf(lineWeights, lineCount * 2);
            }
            lines[lineCount] = line;
            return lineCount++;
        }
    }

    /**
     * Says what line {@code lid} is, once its method is scanned: straight-line code ({@code weight}, its size in
     * instructions, above 0; its time is shared) or a timed line ({@code weight} 0).
     */
    void describeLine(int lid, int method, int weight) {
        synchronized (this) {
            lineMethods[lid] = method;
            lineWeights[lid] = weight;
        }
    }

    /** What each line registered so far is, for sharing straight-line time on flush. */
    LineKinds lineKinds() {
        synchronized (this) {
            return new LineKinds(lineMethods, lineWeights, lineCount);
        }
    }

    /** A view of the lines' kinds; arrays are only ever replaced, so the view stays valid for its lines. */
    record LineKinds(int[] methods, int[] weights, int count) {
        boolean straight(int lid) {
            return lid < count && weights[lid] > 0;
        }

        int method(int lid) {
            return methods[lid];
        }

        int weight(int lid) {
            return weights[lid];
        }
    }

    synchronized Frame methodFrame(int id) {
        return methods[id];
    }

    synchronized Frame lineFrame(int id) {
        return lines[id];
    }

    int methodCount() {
        synchronized (this) {
            return methodCount;
        }
    }

    int lineCount() {
        synchronized (this) {
            return lineCount;
        }
    }
}
