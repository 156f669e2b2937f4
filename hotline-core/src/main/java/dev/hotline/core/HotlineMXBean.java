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
}
