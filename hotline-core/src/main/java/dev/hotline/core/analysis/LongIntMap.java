package dev.hotline.core.analysis;

import java.util.Arrays;

/**
 * A map from {@code long} keys to {@code int} values, open addressing with linear probing: for the merge's
 * (parent, frame) and (thread, node) pairs packed into one long, without a boxed key per entry and without the
 * collisions {@link Long#hashCode()} gives such pairs (it XORs the halves). Not thread-safe.
 */
final class LongIntMap {
    static final int MISSING = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;
    private int shift;

    LongIntMap() {
        allocate(64);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, MISSING);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
    }

    /** The value of {@code key}, or {@link #MISSING}. */
    int get(long key) {
        for (int i = slot(key); ; i = (i + 1) & mask) {
            int v = values[i];
            if (v == MISSING || keys[i] == key) return v;
        }
    }

    /** Sets {@code key} to {@code value}, which must not be {@link #MISSING}. */
    void put(long key, int value) {
        if (value == MISSING) throw new IllegalArgumentException("reserved value");
        if ((size + 1) * 2 > keys.length) grow();
        for (int i = slot(key); ; i = (i + 1) & mask) {
            if (values[i] == MISSING) {
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

    int size() {
        return size;
    }

    private int slot(long key) {
        // Fibonacci hashing: the top bits of the product depend on every bit of the key.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != MISSING) put(oldKeys[i], oldValues[i]);
        }
    }
}
