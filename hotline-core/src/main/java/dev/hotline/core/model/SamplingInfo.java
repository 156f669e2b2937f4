package dev.hotline.core.model;

/**
 * How a profile was sampled, and so how far it can be trusted.
 *
 * @param engine              {@code async-profiler} or {@code java}
 * @param intervalNs          the configured sampling interval
 * @param effectiveIntervalNs the mean time one sample actually stood for; larger than {@code intervalNs}
 *                            when the engine sampled less often (budget, load, safepoints)
 * @param sampleCount         number of samples in the profile (a batched idle stretch counts each of its samples)
 * @param sampledNs           time covered by the samples, summed over the request's threads
 * @param budgetLimited       the pure-Java engine lowered its rate to keep within its CPU budget
 * @since 0.1
 */
public record SamplingInfo(String engine, long intervalNs, long effectiveIntervalNs, long sampleCount, long sampledNs,
                           boolean budgetLimited) {

    /** Below this many samples a line's share is a rough guess; reports say so. */
    public static final int LOW_CONFIDENCE_SAMPLES = 20;

    public boolean lowConfidence() {
        return sampleCount < LOW_CONFIDENCE_SAMPLES;
    }
}
