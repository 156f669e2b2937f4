package dev.hotline.core.engine;

/**
 * An open-addressing map from long to long, without boxing, cleared and refilled for every chunk: the
 * constant pools' keys to what the reader keeps of each entry.
 */
final class LongLongMap {
    /** What {@link #get} returns for an absent key. */
    static final long MISSING = Long.MIN_VALUE;

    private long[] keys = new long[64];
    private long[] values = new long[64];
    private boolean[] used = new boolean[64];
    private int size;

    int size() {
        return size;
    }

    void clear() {
        if (size == 0) return;
        java.util.Arrays.fill(used, false);
        size = 0;
    }

    /** Maps {@code key} to {@code value} unless it is mapped already; returns whether it was not. */
    boolean putIfAbsent(long key, long value) {
        if (get(key) != MISSING) return false;
        put(key, value);
        return true;
    }

    void put(long key, long value) {
        if (2 * (size + 1) > keys.length) grow();
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    long get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); used[i]; i = (i + 1) & mask) {
            if (keys[i] == key) return values[i];
        }
        return MISSING;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) put(oldKeys[i], oldValues[i]);
        }
    }
}
