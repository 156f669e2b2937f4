package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;

import java.util.Arrays;

/**
 * The samples of one read of the native recorder, as parallel arrays reused from read to read, so that reading
 * allocates nothing per sample. Not thread-safe: the engine's reader thread owns it.
 */
final class SampleBatch {
    private int size;
    private long[] threadIds = new long[256];
    private long[] times = new long[256];
    private long[] spans = new long[256];
    private int[] counts = new int[256];
    private Frame[][] stacks = new Frame[256][];
    private int[] order = new int[256];
    private int[] scratch = new int[256];

    void clear() {
        Arrays.fill(stacks, 0, size, null);
        size = 0;
    }

    /** Adds a sample: a single one ({@code spanNs} 0, {@code count} 1) or a batch of idle samples. */
    void add(long threadId, long timeNs, long spanNs, int count, Frame[] stack) {
        if (size == times.length) grow();
        threadIds[size] = threadId;
        times[size] = timeNs;
        spans[size] = spanNs;
        counts[size] = count;
        stacks[size] = stack;
        size++;
    }

    private void grow() {
        int n = times.length * 2;
        threadIds = Arrays.copyOf(threadIds, n);
        times = Arrays.copyOf(times, n);
        spans = Arrays.copyOf(spans, n);
        counts = Arrays.copyOf(counts, n);
        stacks = Arrays.copyOf(stacks, n);
        order = new int[n];
        scratch = new int[n];
    }

    int size() { return size; }
    long threadId(int i) { return threadIds[i]; }
    long time(int i) { return times[i]; }
    long span(int i) { return spans[i]; }
    int count(int i) { return counts[i]; }
    Frame[] stack(int i) { return stacks[i]; }

    /** Sample indexes ordered by thread, then time (a stable merge sort: no boxing, no allocation). */
    int[] byThreadAndTime() {
        for (int i = 0; i < size; i++) order[i] = i;
        sort(0, size);
        return order;
    }

    private void sort(int from, int to) {
        if (to - from < 2) return;
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int x = order[i];
                int j = i - 1;
                while (j >= from && less(x, order[j])) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        if (!less(order[mid], order[mid - 1])) return; // already in order: the common case
        System.arraycopy(order, from, scratch, from, to - from);
        int i = from, j = mid, k = from;
        while (i < mid && j < to) order[k++] = less(scratch[j], scratch[i]) ? scratch[j++] : scratch[i++];
        while (i < mid) order[k++] = scratch[i++];
        while (j < to) order[k++] = scratch[j++];
    }

    private boolean less(int a, int b) {
        if (threadIds[a] != threadIds[b]) return threadIds[a] < threadIds[b];
        return times[a] < times[b];
    }
}
