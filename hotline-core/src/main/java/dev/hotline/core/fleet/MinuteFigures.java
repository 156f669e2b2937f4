package dev.hotline.core.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Endpoint figures of one JVM, minute by minute (UTC minutes of each request's end): the pipeline thread adds every
 * sampled request; the store's writer takes, every few seconds, a copy of each cell that changed since, and forgets
 * the cells of minutes that are over. A cell's copy holds its totals so far, so writing it again replaces the row
 * rather than adding to it. At most {@code maxCells} endpoint-minutes are open at once; requests beyond are counted
 * as overflow.
 */
final class MinuteFigures {
    /** One endpoint in one minute. */
    static final class Cell {
        final long minuteMs;
        final String method;
        final String endpoint;
        int requests;
        int failed;
        long totalUs;
        long maxUs;
        final LatencyHistogram histogram;
        boolean changed;

        Cell(long minuteMs, String method, String endpoint) {
            this(minuteMs, method, endpoint, new LatencyHistogram());
        }

        private Cell(long minuteMs, String method, String endpoint, LatencyHistogram histogram) {
            this.minuteMs = minuteMs;
            this.method = method;
            this.endpoint = endpoint;
            this.histogram = histogram;
        }

        Key key() {
            return new Key(minuteMs, method, endpoint);
        }

        Cell copy() {
            LatencyHistogram h = new LatencyHistogram();
            h.add(histogram.first(), histogram.stored());
            Cell c = new Cell(minuteMs, method, endpoint, h);
            c.requests = requests;
            c.failed = failed;
            c.totalUs = totalUs;
            c.maxUs = maxUs;
            return c;
        }
    }

    record Key(long minuteMs, String method, String endpoint) {}

    private final Map<Key, Cell> open = new HashMap<>();
    private final int maxCells;
    private long overflow;

    MinuteFigures(int maxCells) {
        this.maxCells = maxCells;
    }

    synchronized void add(long endEpochMs, String method, String endpoint, long durationNs, boolean failed) {
        long minute = endEpochMs - Math.floorMod(endEpochMs, 60_000L);
        Key k = new Key(minute, Objects.requireNonNull(method), Objects.requireNonNull(endpoint));
        Cell c = open.get(k);
        if (c == null) {
            if (open.size() >= maxCells) {
                overflow++;
                return;
            }
            c = new Cell(minute, method, endpoint);
            open.put(k, c);
        }
        long us = Math.max(0, durationNs / 1000);
        c.requests++;
        if (failed) c.failed++;
        c.totalUs += us;
        c.maxUs = Math.max(c.maxUs, us);
        c.histogram.add(us);
        c.changed = true;
    }

    /**
     * Copies of the cells that changed since the last call; the cells of minutes that ended before {@code nowMs}
     * are forgotten afterwards (all of them when {@code all}).
     */
    synchronized List<Cell> changed(long nowMs, boolean all) {
        long current = nowMs - Math.floorMod(nowMs, 60_000L);
        List<Cell> out = new ArrayList<>();
        for (Iterator<Cell> it = open.values().iterator(); it.hasNext(); ) {
            Cell c = it.next();
            if (c.changed) {
                out.add(c.copy());
                c.changed = false;
            }
            if (all || c.minuteMs < current) it.remove();
        }
        return out;
    }

    synchronized long overflow() {
        return overflow;
    }
}
