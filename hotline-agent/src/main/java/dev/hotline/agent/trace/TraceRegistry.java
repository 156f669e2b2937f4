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
            if (lineCount == lines.length) lines = Arrays.copyOf(lines, lineCount * 2);
            lines[lineCount] = line;
            return lineCount++;
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
