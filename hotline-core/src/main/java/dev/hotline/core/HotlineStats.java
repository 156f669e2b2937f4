package dev.hotline.core;

/**
 * Counters of one {@link Hotline} instance since it started. Every sampled request ends up in exactly one of
 * {@code kept}, {@code notKept} and {@code dropped}; until then it is {@code pending}:
 * {@code sampled = kept + notKept + dropped + pending}. Kept and not kept requests alike count in their endpoint's
 * figures; dropped ones do not.
 *
 * @param sampled      requests Hotline sampled (began profiling)
 * @param kept         profiles kept under {@code keep-rate}: built and handed to the listeners (files, log, page)
 * @param notKept      sampled requests whose profile was not kept (over {@code keep-rate}, or faster than
 *                     {@code min-duration}); counted in their endpoint's figures
 * @param dropped      sampled requests dropped because the pipeline queue was full (requests never wait for Hotline)
 * @param pending      sampled requests not yet decided (still running, or waiting for their samples)
 * @param failures     failures inside Hotline (a request went on unprofiled, a profile could not be built, or a
 *                     listener threw)
 * @param filesWritten profile files written
 * @param fileFailures profile files that could not be written (unwritable or full directory)
 * @param filesDropped kept profiles not written to the directory because its writer's queue was full
 * @param endpointOverflow sampled requests of endpoints past the endpoint limit, left out of endpoint figures
 * @param directoryOutages    times writing to the profile directory stopped working (since 0.2)
 * @param directoryRecoveries times it worked again after that (since 0.2)
 * @param directoryRecreated  times the profile directory was gone and was created again (since 0.2)
 * @since 0.1
 */
public record HotlineStats(long sampled, long kept, long notKept, long dropped, long pending, long failures,
                           long filesWritten, long fileFailures, long filesDropped, long endpointOverflow,
                           long directoryOutages, long directoryRecoveries, long directoryRecreated) {

    /** The same as {@link #sampled()}: requests Hotline began profiling. */
    public long begun() {
        return sampled;
    }

    /** The same as {@link #kept()}: profiles built and handed to the listeners. */
    public long completed() {
        return kept;
    }
}
