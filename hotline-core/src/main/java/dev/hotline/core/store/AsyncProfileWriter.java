package dev.hotline.core.store;

import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes profiles to a {@link ProfileDirectory} from one daemon thread, {@code hotline-writer}, so request
 * threads never wait for the disk.
 *
 * <ol>
 *   <li>{@link #offer} never blocks and never throws: when the bounded queue is full the profile is dropped
 *       and counted.</li>
 *   <li>A failed write (directory missing and not creatable, read-only, full disk) is counted, never thrown to
 *       the caller. Later profiles are still tried, so writing resumes once the directory is usable again. Each
 *       outage is logged twice: when it starts (with the reason) and when writing works again (with the count of
 *       profiles lost); the directory is checked when the writer starts, so one unusable from the start is
 *       reported before any request.</li>
 *   <li>The listener, if any, is called on the writer thread with each file written; its exceptions are
 *       logged once and ignored.</li>
 * </ol>
 *
 * @since 0.1
 */
public final class AsyncProfileWriter implements AutoCloseable {
    /** @since 0.1 */
    public static final int DEFAULT_CAPACITY = 64;
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Wakes the writer thread when closing; never written. */
    private static final Object WAKE_UP = new Object();

    private final ProfileDirectory directory;
    private final Consumer<Path> listener;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong outages = new AtomicLong();
    private final AtomicLong recoveries = new AtomicLong();
    /** Whether the last write (or the check at start) worked; only the writer thread changes it after start. */
    private volatile boolean healthy = true;
    private volatile String outageReason;
    private long failedInOutage;
    private volatile boolean closing;

    /**
     * A writer with a queue of {@value #DEFAULT_CAPACITY} profiles and no listener.
     *
     * @since 0.1
     */
    public AsyncProfileWriter(ProfileDirectory directory) {
        this(directory, DEFAULT_CAPACITY, null);
    }

    /**
     * @param directory where profiles go
     * @param capacity  profiles that may wait to be written, at least 1
     * @param listener  told of each file written, on the writer thread; may be {@code null}
     * @since 0.1
     */
    public AsyncProfileWriter(ProfileDirectory directory, int capacity, Consumer<Path> listener) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        String unusable = directory.check();
        if (unusable != null) outageStarts(unusable);
        this.thread = new Thread(this::run, "hotline-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a profile for writing. Never blocks.
     *
     * @return {@code false} if it was dropped: the queue is full or the writer is closed
     * @since 0.1
     */
    public boolean offer(Profile profile) {
        if (profile != null && !closing && queue.offer(profile)) return true;
        dropped.incrementAndGet();
        return false;
    }

    /** Profiles written. @since 0.1 */
    public long written() {
        return written.get();
    }

    /** Profiles dropped because the queue was full or the writer closed. @since 0.1 */
    public long dropped() {
        return dropped.get();
    }

    /** Profiles that could not be written. @since 0.1 */
    public long failed() {
        return failed.get();
    }

    /** Times writing to the directory stopped working (an unusable directory at start counts as one). @since 0.2 */
    public long outages() {
        return outages.get();
    }

    /** Times writing worked again after an outage. @since 0.2 */
    public long recoveries() {
        return recoveries.get();
    }

    /** Why writing fails now, or {@code null} when the last write worked. @since 0.2 */
    public String outage() {
        return healthy ? null : outageReason;
    }

    /** Profiles waiting in the queue. @since 0.1 */
    public int pending() {
        int n = queue.size();
        return queue.contains(WAKE_UP) ? n - 1 : n;
    }

    /** @since 0.1 */
    public ProfileDirectory directory() {
        return directory;
    }

    /**
     * Stops taking profiles and waits up to five seconds for the queued ones to be written.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops taking profiles and waits up to {@code timeout} for the queued ones to be written. Profiles still
     * queued after that are written by the daemon thread while the JVM lives.
     *
     * @return {@code true} if everything queued was written or failed before the timeout
     * @since 0.1
     */
    public boolean close(Duration timeout) {
        closing = true;
        queue.offer(WAKE_UP); // if the queue is full the thread is busy and sees the flag once it drained
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void run() {
        while (!(closing && queue.isEmpty())) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody but this class owns the thread: just look at the flag again
            }
            if (next instanceof Profile) writeOne((Profile) next);
        }
    }

    private void writeOne(Profile p) {
        Path file;
        try {
            file = directory.write(p);
        } catch (Throwable t) { // the writer thread must outlive any failure, and no failure may reach the app
            failed.incrementAndGet();
            if (healthy) outageStarts(ProfileDirectory.reason(t));
            failedInOutage++;
            return;
        }
        written.incrementAndGet();
        if (!healthy) outageEnds();
        if (listener != null) {
            try {
                listener.accept(file);
            } catch (RuntimeException e) {
                FailureLog.logOnce("profile listener failed", e);
            }
        }
    }

    private void outageStarts(String reason) {
        outages.incrementAndGet();
        outageReason = reason;
        failedInOutage = 0;
        healthy = false;
        FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: cannot write profiles to " + directory.dir() + " (" + reason
                + "); requests go on, their profiles are counted as failed, and this is logged again when writing works");
    }

    private void outageEnds() {
        recoveries.incrementAndGet();
        healthy = true;
        FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: writing profiles to " + directory.dir() + " works again; "
                + failedInOutage + " could not be written while it failed (" + outageReason + ")");
    }
}
