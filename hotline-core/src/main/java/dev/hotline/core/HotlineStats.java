package dev.hotline.core;

/**
 * Counters of one {@link Hotline} instance since it started.
 *
 * @param begun           requests Hotline started profiling
 * @param completed       profiles built and handed to listeners
 * @param skippedFast     profiles discarded for being faster than {@code min-duration}
 * @param dropped         profiles dropped because the pipeline queue was full (requests never wait for Hotline)
 * @param failures        failures inside Hotline (a request went on unprofiled, or a listener threw)
 * @param filesWritten    profile files written
 * @param fileFailures    profile files that could not be written (unwritable or full directory)
 * @param directoryOutages    times writing to the profile directory stopped working (@since 0.2)
 * @param directoryRecoveries times it worked again after that (@since 0.2)
 * @param directoryRecreated  times the profile directory was gone and was created again (@since 0.2)
 * @since 0.1
 */
public record HotlineStats(long begun, long completed, long skippedFast, long dropped, long failures,
                           long filesWritten, long fileFailures,
                           long directoryOutages, long directoryRecoveries, long directoryRecreated) {
}
