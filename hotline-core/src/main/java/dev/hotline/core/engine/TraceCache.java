package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;

import java.util.Arrays;

/**
 * The shared stack of each async-profiler stack trace id seen in the current recording. Ids are stable across
 * the chunks of one recording, so each stack is decoded once. Open addressing on primitive keys: a look-up per
 * sample allocates nothing. Reader thread only.
 */
final class TraceCache {
    private static final int MAX = 1 << 20;
    private long[] keys = new long[1024];
    private Frame[][] values = new Frame[1024][];
    private int size;

    Frame[] get(long id) {
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) return null;
            if (keys[i] == id) return values[i];
        }
    }

    void put(long id, Frame[] stack) {
        if (size >= MAX) clear(); // a runaway recording: start afresh rather than grow for ever
        if ((size + 1) * 2 > keys.length) resize();
        int mask = keys.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = id;
                values[i] = stack;
                size++;
                return;
            }
            if (keys[i] == id) {
                values[i] = stack;
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    int size() {
        return size;
    }

    private void resize() {
        long[] k = keys;
        Frame[][] v = values;
        keys = new long[k.length * 2];
        values = new Frame[k.length * 2][];
        size = 0;
        for (int i = 0; i < k.length; i++) if (v[i] != null) put(k[i], v[i]);
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
