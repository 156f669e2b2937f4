package dev.hotline.core;

/**
 * Hotline's counters over JMX, as {@code dev.hotline:type=Hotline,name=N} (one per running instance). See
 * {@link HotlineStats} for what each counts.
 *
 * @since 0.2
 */
public interface HotlineMXBean {
    String getEngine();

    /** Why the configured engine is not in use, or empty. */
    String getEngineFallbackReason();

    long getSampled();

    long getKept();

    long getNotKept();

    long getDropped();

    long getPending();

    long getFailures();

    long getFilesWritten();

    long getFileFailures();

    long getFilesDropped();

    long getDirectoryOutages();

    long getDirectoryRecoveries();

    /** {@code keep-rate}: profiles kept per second, or {@code all}. */
    String getKeepRate();

    /** Fleet store ({@link dev.hotline.core.fleet.FleetStats}): profiles written; 0 without {@code store}. @since 0.3 */
    long getStoreProfilesWritten();

    /** @since 0.3 */
    long getStoreBacklog();

    /** @since 0.3 */
    long getStoreDropped();

    /** @since 0.3 */
    long getStoreRejected();

    /** @since 0.3 */
    long getStoreOutages();

    /** @since 0.3 */
    long getStoreRecoveries();

    /** Whether the last attempt reached the store; false without {@code store}. @since 0.3 */
    boolean isStoreReachable();
}
