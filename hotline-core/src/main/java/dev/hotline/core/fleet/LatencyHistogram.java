package dev.hotline.core.fleet;

import java.util.Arrays;

/**
 * Request durations in logarithmic buckets, four per doubling: bucket {@code i} holds durations from
 * 2<sup>i/4</sup> to 2<sup>(i+1)/4</sup> microseconds, so a percentile read back is within 9 % of the true
 * value. Histograms of many instances and minutes add up bucket by bucket, which percentiles do not. Stored as
 * the index of the first non-empty bucket and the counts from there to the last non-empty one.
 */
public final class LatencyHistogram {
    /** Bucket 159 starts at 2^39.75 µs, about 10 days. */
    public static final int BUCKETS = 160;

    private final long[] counts = new long[BUCKETS];
    private long total;

    /** The bucket of a duration. */
    public static int bucket(long durationUs) {
        if (durationUs <= 1) return 0;
        int b = (int) Math.floor(4 * (Math.log(durationUs) / Math.log(2)));
        return Math.min(BUCKETS - 1, Math.max(0, b));
    }

    /** The middle of bucket {@code b}, geometrically, in microseconds. */
    public static double middleUs(int b) {
        return Math.pow(2, (b + 0.5) / 4);
    }

    public void add(long durationUs) {
        counts[bucket(durationUs)]++;
        total++;
    }

    /** Adds stored counts: {@code first} is the index of {@code stored[0]}. */
    public void add(int first, int[] stored) {
        for (int i = 0; i < stored.length && first + i < BUCKETS; i++) {
            if (first + i < 0) continue;
            counts[first + i] += stored[i];
            total += stored[i];
        }
    }

    /** Adds one bucket's count. */
    public void add(int bucket, long count) {
        if (bucket < 0 || bucket >= BUCKETS) return;
        counts[bucket] += count;
        total += count;
    }

    public long total() {
        return total;
    }

    /**
     * The {@code q} quantile (0.5, 0.95, 0.99) in microseconds, as the middle of the bucket it falls in, at most
     * {@code maxUs} (the largest duration seen, when known; 0 for none); 0 for an empty histogram.
     */
    public double quantileUs(double q, long maxUs) {
        if (total == 0) return 0;
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts[b];
            if (seen >= rank && counts[b] > 0) {
                double v = middleUs(b);
                return maxUs > 0 ? Math.min(v, maxUs) : v;
            }
        }
        return maxUs;
    }

    /** Index of the first non-empty bucket (0 when empty). */
    public int first() {
        for (int b = 0; b < BUCKETS; b++) if (counts[b] > 0) return b;
        return 0;
    }

    /** Counts from {@link #first()} to the last non-empty bucket. */
    public int[] stored() {
        int first = first(), last = -1;
        for (int b = BUCKETS - 1; b >= 0; b--) {
            if (counts[b] > 0) {
                last = b;
                break;
            }
        }
        if (last < 0) return new int[0];
        int[] out = new int[last - first + 1];
        for (int i = 0; i < out.length; i++) out[i] = (int) Math.min(Integer.MAX_VALUE, counts[first + i]);
        return out;
    }

    @Override
    public String toString() {
        return "LatencyHistogram{total=" + total + ", first=" + first() + ", " + Arrays.toString(stored()) + "}";
    }
}
