package dev.hotline.agent.trace;

import dev.hotline.core.engine.RequestRecording;

import java.util.Arrays;

/**
 * What one thread counted for the request it works for: per line hits, time and slowest hit, per method calls,
 * tottime and cumtime, caller to callee pairs, and the stack of traced frames that gives each line event its
 * frame. Only its own thread touches it; {@link #flush()} hands the figures over when the thread leaves the
 * request. Figures live in pages of dense ids allocated on first use, so a thread pays memory only for the code it
 * runs. Public only because woven code names the type; not API.
 */
public final class ThreadTrace {
    private static final int PAGE_BITS = 9;
    private static final int PAGE = 1 << PAGE_BITS;
    private static final int MASK = PAGE - 1;
    /** Deeper traced frames are not followed (their methods run uncounted) rather than grow without bound. */
    static final int MAX_DEPTH = 1 << 16;
    /** Figures per method in {@link #methodPages}. */
    private static final int M = 4;

    /** Per line: hits, time, max, in that order. */
    private long[][] linePages = new long[8][];
    /** Per method: calls, tottime, cumtime, and the time its straight-line lines ran, shared among them on flush. */
    private long[][] methodPages = new long[4][];
    /** Per method: invocations on the stack now, for cumtime under recursion. Survives flushes. */
    private int[] onStack = new int[256];

    /**
     * {@link #frameLine} when no line of the frame ran yet: the clock was last read on entry, at {@link #lineStart}.
     * A straight-line first line takes over from there without a clock read of its own.
     */
    private static final int NO_LINE = -1;
    /** {@link #frameLine} while straight-line lines run: the clock was last read at {@link #lineStart}. */
    private static final int STRAIGHT = -2;

    private int depth;
    private int[] frameMethod = new int[64];
    private int[] frameLine = new int[64];
    private long[] frameStart = new long[64];
    private long[] lineStart = new long[64];
    private long[] childNs = new long[64];

    /** Open addressing over (caller + 1) << 32 | (callee + 1); 0 marks a free slot. */
    private long[] edgeKeys = new long[64];
    private long[] edgeCalls = new long[64];
    private long[] edgeNs = new long[64];
    private int edgeCount;

    boolean active;
    RequestRecording request;

    /** Pushes a frame of method {@code mid}; false when the stack is at its limit. */
    boolean enter(int mid) {
        int d = depth;
        if (d == frameMethod.length && !growStack()) return false;
        long now = System.nanoTime();
        frameMethod[d] = mid;
        frameLine[d] = NO_LINE;
        frameStart[d] = now;
        lineStart[d] = now;
        childNs[d] = 0;
        depth = d + 1;
        methodPage(mid)[(mid & MASK) * M]++;
        if (mid >= onStack.length) onStack = Arrays.copyOf(onStack, Math.max(mid + 1, onStack.length * 2));
        onStack[mid]++;
        return true;
    }

    /**
     * A timed line starts in the top frame: reads the clock, closes the line that ran before it in that frame (or
     * the straight-line run before it) and starts {@code lid}.
     */
    void line(int lid) {
        int top = depth - 1;
        if (top < 0 || !active) return;
        long now = System.nanoTime();
        close(top, now);
        frameLine[top] = lid;
        lineStart[top] = now;
        long[] page = linePage(lid);
        page[(lid & MASK) * 3]++;
    }

    /**
     * A straight-line line starts in the top frame: counts its hit. The clock is read only when a timed line is
     * open in the frame, to close it; the time up to the next clock read of the frame is the straight-line run's.
     */
    void straight(int lid) {
        int top = depth - 1;
        if (top < 0 || !active) return;
        int[] lines = frameLine;
        int open = lines[top];
        if (open >= 0) {
            long now = System.nanoTime();
            closeLine(open, now - lineStart[top]);
            lineStart[top] = now;
        }
        lines[top] = STRAIGHT;
        long[][] pages = linePages;
        int p = lid >>> PAGE_BITS;
        long[] page;
        if (p < pages.length && (page = pages[p]) != null) page[(lid & MASK) * 3]++;
        else linePage(lid)[(lid & MASK) * 3]++;
    }

    /** Ends what ran in frame {@code i} since its last clock read: a timed line, or a straight-line run. */
    private void close(int i, long now) {
        int open = frameLine[i];
        if (open >= 0) {
            closeLine(open, now - lineStart[i]);
        } else if (open == STRAIGHT) {
            int mid = frameMethod[i];
            methodPage(mid)[(mid & MASK) * M + 3] += now - lineStart[i];
        }
    }

    /** Method {@code mid} returns or throws: closes its frame (and, if a probe was missed, the frames above it). */
    void exit(int mid) {
        int i = depth - 1;
        while (i >= 0 && frameMethod[i] != mid) i--;
        if (i < 0) return;
        long now = System.nanoTime();
        for (int top = depth - 1; top >= i; top--) pop(top, now);
    }

    private void pop(int i, long now) {
        int mid = frameMethod[i];
        int remaining = --onStack[mid];
        depth = i;
        if (!active) return;
        close(i, now);
        long dur = now - frameStart[i];
        long[] page = methodPage(mid);
        int base = (mid & MASK) * M;
        page[base + 1] += dur - childNs[i];
        if (remaining == 0) page[base + 2] += dur;
        int caller = i > 0 ? frameMethod[i - 1] : -1;
        if (i > 0) childNs[i - 1] += dur;
        edge(caller, mid, remaining == 0 ? dur : 0);
    }

    private void closeLine(int lid, long ns) {
        long[] page = linePage(lid);
        int base = (lid & MASK) * 3;
        page[base + 1] += ns;
        if (ns > page[base + 2]) page[base + 2] = ns;
    }

    private long[] linePage(int lid) {
        int p = lid >>> PAGE_BITS;
        long[][] pages = linePages;
        if (p >= pages.length) pages = linePages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        long[] page = pages[p];
        if (page == null) page = pages[p] = new long[PAGE * 3];
        return page;
    }

    private long[] methodPage(int mid) {
        int p = mid >>> PAGE_BITS;
        long[][] pages = methodPages;
        if (p >= pages.length) pages = methodPages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        long[] page = pages[p];
        if (page == null) page = pages[p] = new long[PAGE * M];
        return page;
    }

    private void edge(int caller, int callee, long ns) {
        long key = ((long) (caller + 1) << 32) | (callee + 1);
        long[] keys = edgeKeys;
        int mask = keys.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) break;
            if (k == 0) {
                if (edgeCount * 2 >= keys.length) {
                    growEdges();
                    edge(caller, callee, ns);
                    return;
                }
                keys[i] = key;
                edgeCount++;
                break;
            }
            i = (i + 1) & mask;
        }
        edgeCalls[i]++;
        edgeNs[i] += ns;
    }

    private void growEdges() {
        long[] keys = edgeKeys, calls = edgeCalls, ns = edgeNs;
        edgeKeys = new long[keys.length * 2];
        edgeCalls = new long[keys.length * 2];
        edgeNs = new long[keys.length * 2];
        edgeCount = 0;
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] == 0) continue;
            int caller = (int) (keys[j] >>> 32) - 1, callee = (int) keys[j] - 1;
            edge(caller, callee, 0);
            int slot = find(keys[j]);
            edgeCalls[slot] = calls[j];
            edgeNs[slot] = ns[j];
        }
    }

    private int find(long key) {
        int mask = edgeKeys.length - 1;
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (edgeKeys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private boolean growStack() {
        int n = frameMethod.length;
        if (n >= MAX_DEPTH) return false;
        frameMethod = Arrays.copyOf(frameMethod, n * 2);
        frameLine = Arrays.copyOf(frameLine, n * 2);
        frameStart = Arrays.copyOf(frameStart, n * 2);
        lineStart = Arrays.copyOf(lineStart, n * 2);
        childNs = Arrays.copyOf(childNs, n * 2);
        return true;
    }

    /** The straight-line time of method {@code mid} not yet shared out (for tests). */
    long straightNs(int mid) {
        return methodPage(mid)[(mid & MASK) * M + 3];
    }

    int depth() {
        return depth;
    }

    /**
     * The figures counted since the last flush, which are reset; {@code null} when nothing was counted. The time of
     * each method's straight-line runs is shared here among the straight-line lines it ran, by hits times their
     * size in bytecode instructions, so the shares add up to that time exactly.
     */
    TraceSnapshot flush(TraceRegistry registry) {
        TraceSnapshot.Builder b = new TraceSnapshot.Builder(registry);
        TraceRegistry.LineKinds kinds = registry.lineKinds();
        // Per method: the weight of its straight-line lines that ran, and how many of them are still to be shared.
        java.util.Map<Integer, long[]> weights = new java.util.HashMap<>();
        for (int p = 0; p < linePages.length; p++) {
            long[] page = linePages[p];
            if (page == null) continue;
            for (int j = 0; j < PAGE; j++) {
                int lid = (p << PAGE_BITS) | j;
                long hits = page[j * 3];
                if (hits != 0 && kinds.straight(lid)) {
                    long[] w = weights.computeIfAbsent(kinds.method(lid), k -> new long[2]);
                    w[0] += hits * kinds.weight(lid);
                    w[1]++;
                }
            }
        }
        for (int p = 0; p < linePages.length; p++) {
            long[] page = linePages[p];
            if (page == null) continue;
            for (int j = 0; j < PAGE; j++) {
                int base = j * 3;
                int lid = (p << PAGE_BITS) | j;
                long hits = page[base];
                if (hits != 0 && kinds.straight(lid)) {
                    int mid = kinds.method(lid);
                    long[] w = weights.get(mid);
                    long[] mpage = mid >>> PAGE_BITS < methodPages.length ? methodPages[mid >>> PAGE_BITS] : null;
                    int mb = (mid & MASK) * M + 3;
                    long pool = mpage == null ? 0 : mpage[mb];
                    long share = --w[1] == 0 ? pool : (long) (pool * ((double) (hits * kinds.weight(lid)) / w[0]));
                    share = Math.max(0, Math.min(share, pool));
                    if (mpage != null) mpage[mb] -= share;
                    w[0] -= hits * kinds.weight(lid);
                    // No single hit of a straight-line line is timed: its slowest hit is given as its mean.
                    b.line(lid, hits, share, share / hits);
                } else if (hits != 0 || page[base + 1] != 0) {
                    b.line(lid, hits, page[base + 1], page[base + 2]);
                }
            }
            Arrays.fill(page, 0);
        }
        for (int p = 0; p < methodPages.length; p++) {
            long[] page = methodPages[p];
            if (page == null) continue;
            for (int j = 0; j < PAGE; j++) {
                int base = j * M;
                if (page[base] != 0 || page[base + 1] != 0 || page[base + 2] != 0) {
                    b.method((p << PAGE_BITS) | j, page[base], page[base + 1], page[base + 2]);
                }
            }
            Arrays.fill(page, 0);
        }
        for (int j = 0; j < edgeKeys.length; j++) {
            long k = edgeKeys[j];
            if (k == 0) continue;
            b.edge((int) (k >>> 32) - 1, (int) k - 1, edgeCalls[j], edgeNs[j]);
        }
        Arrays.fill(edgeKeys, 0);
        Arrays.fill(edgeCalls, 0);
        Arrays.fill(edgeNs, 0);
        edgeCount = 0;
        // Frames still open carry on; their earlier lines were counted, the rest goes to whoever comes next.
        long now = depth > 0 ? System.nanoTime() : 0;
        for (int i = 0; i < depth; i++) {
            frameLine[i] = NO_LINE;
            lineStart[i] = now;
            childNs[i] = 0;
        }
        return b.isEmpty() ? null : b.build();
    }
}
