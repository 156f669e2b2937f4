package dev.hotline.core.store;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A directory of saved profiles, one JSON file per request, named by {@link ProfileFileNames}, with bounded
 * retention. Thread-safe; several instances, even in several processes, may share a directory.
 *
 * <p>Writing is atomic and never overwrites: the document goes to a temporary file in the same directory
 * (named {@code .tmp-*.part}, which readers and retention ignore) and is then published under its final
 * name with a hard link, which fails rather than replace an existing file, so a reader never sees a partial
 * {@code .json} and two writers racing for one name both keep their file ({@code .1}, {@code .2}... are added
 * before {@code .json}). Where the file system has no hard links it falls back to a move that checks for an
 * existing target under a lock: exclusive within this JVM only.
 *
 * <p>Retention: after each write the oldest profiles (by the request time in their name, then modification
 * time) are deleted until at most {@code maxFiles} files and {@code maxBytes} bytes remain; the file just
 * written is always kept. The directory is listed on the first write and every {@value #RESCAN_EVERY_WRITES}
 * writes or ten minutes, and tracked in memory in between.
 *
 * @since 0.1
 */
public final class ProfileDirectory {
    /** @since 0.1 */
    public static final int DEFAULT_MAX_FILES = 1000;
    /** 256 MiB. @since 0.1 */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    static final String TEMP_PREFIX = ".tmp-";
    static final int RESCAN_EVERY_WRITES = 500;
    private static final long RESCAN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** Temporary files older than this are left-overs of a crashed writer. */
    private static final long STALE_TEMP_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final int MAX_SUFFIX = 999_999;
    /** Serialises the check-then-move fallback among all directories of this JVM. */
    private static final Object MOVE_LOCK = new Object();

    /** A stored profile file as the retention index knows it. */
    private record Entry(String name, long timeSecs, long mtimeMillis, long size) {}

    private static final Comparator<Entry> OLDEST_FIRST = Comparator.comparingLong(Entry::timeSecs)
            .thenComparingLong(Entry::mtimeMillis).thenComparing(Entry::name);

    private final Path dir;
    private final int maxFiles;
    private final long maxBytes;
    private final Object lock = new Object();
    private final TreeSet<Entry> index = new TreeSet<>(OLDEST_FIRST); // guarded by lock
    private long indexedBytes; // guarded by lock
    private boolean scanned; // guarded by lock
    private int writesSinceScan; // guarded by lock
    private long lastScanNanos; // guarded by lock
    /** Whether the directory has existed since this instance was made. */
    private volatile boolean seen;
    private final java.util.concurrent.atomic.AtomicLong recreated = new java.util.concurrent.atomic.AtomicLong();
    /** Cleared once the file system refuses a hard link; package-private so tests can force the fallback. */
    volatile boolean hardLinks = true;

    /**
     * A directory with the default limits: {@value #DEFAULT_MAX_FILES} files, 256 MiB.
     *
     * @since 0.1
     */
    public ProfileDirectory(Path dir) {
        this(dir, DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES);
    }

    /**
     * @param dir      the directory; created on the first write if missing
     * @param maxFiles profiles kept, at least 1
     * @param maxBytes bytes of profiles kept, at least 1 (the newest file is kept even when larger)
     * @since 0.1
     */
    public ProfileDirectory(Path dir, int maxFiles, long maxBytes) {
        if (maxFiles < 1) throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        this.dir = dir.toAbsolutePath().normalize();
        this.maxFiles = maxFiles;
        this.maxBytes = maxBytes;
    }

    /** @since 0.1 */
    public Path dir() {
        return dir;
    }

    /** @since 0.1 */
    public int maxFiles() {
        return maxFiles;
    }

    /** @since 0.1 */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Writes a profile under a new, unique name, then applies retention.
     *
     * @return the file written
     * @throws IOException when the directory cannot be created or written
     * @since 0.1
     */
    public Path write(Profile profile) throws IOException {
        ensureDirectory();
        Path tmp = dir.resolve(TEMP_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ProfileJson.write(profile, out);
            }
            long size = Files.size(tmp);
            Path target = publish(tmp, ProfileFileNames.of(profile));
            String name = target.getFileName().toString();
            retain(new Entry(name, timeOf(name, System.currentTimeMillis()), System.currentTimeMillis(), size));
            return target;
        } finally {
            deleteTemp(tmp); // after a hard link the temporary name is still there
        }
    }

    /**
     * Creates the directory when it is missing. A directory that was there and is gone (deleted by hand, a volume
     * remounted) is logged when it is created again, and its retention index is rebuilt.
     */
    private void ensureDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            seen = true;
            return;
        }
        Files.createDirectories(dir);
        if (seen) {
            recreated.incrementAndGet();
            synchronized (lock) {
                scanned = false;
            }
            FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: the profile directory " + dir + " was gone and has been created again");
        }
        seen = true;
    }

    /**
     * Whether profiles can be written now: creates the directory if missing, then writes and deletes a small
     * temporary file. Called at startup so that a directory that cannot be used is reported before any request.
     *
     * @return {@code null} when it works, else why not, in a few words
     * @since 0.2
     */
    public String check() {
        Path probe = dir.resolve(TEMP_PREFIX + "check-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            ensureDirectory();
            Files.write(probe, new byte[] {'{', '}'}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
            return null;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException | RuntimeException ignored) {
                // reported below
            }
            return reason(e);
        }
    }

    /** Times the directory had disappeared and was created again. @since 0.2 */
    public long recreated() {
        return recreated.get();
    }

    /** Why a write failed, in a few words, with the file it concerns. */
    public static String reason(Throwable t) {
        if (t instanceof java.nio.file.FileSystemException f) {
            String what;
            if (t instanceof java.nio.file.AccessDeniedException) what = "permission denied";
            else if (t instanceof NoSuchFileException) what = "no such file or directory";
            else if (t instanceof FileAlreadyExistsException || t instanceof NotDirectoryException) what = "a file is in the way of the directory";
            else if (f.getReason() != null) what = f.getReason().toLowerCase(java.util.Locale.ROOT);
            else what = t.getClass().getSimpleName();
            return f.getFile() == null ? what : what + ": " + f.getFile();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** A temporary file that cannot be deleted must not turn a written profile into a failure. */
    private void deleteTemp(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            FailureLog.logOnce("cannot delete temporary files in " + dir, e);
        }
    }

    /**
     * The stored profile files, newest first (by the request time in their name, then modification time).
     * An empty list if the directory does not exist yet.
     *
     * @since 0.1
     */
    public List<Path> list() throws IOException {
        List<Entry> entries = scan(false);
        entries.sort(OLDEST_FIRST.reversed());
        List<Path> out = new ArrayList<>(entries.size());
        for (Entry e : entries) out.add(dir.resolve(e.name()));
        return out;
    }

    private final java.util.Map<String, Integer> nextSuffix = new java.util.HashMap<>();

    private Path publish(Path tmp, String name) throws IOException {
        for (int n = firstSuffixToTry(name); n <= MAX_SUFFIX; n++) {
            Path target = dir.resolve(ProfileFileNames.withSuffix(name, n));
            boolean linkFailed = false;
            if (hardLinks) {
                try {
                    Files.createLink(target, tmp);
                    suffixTaken(name, n);
                    return target;
                } catch (FileAlreadyExistsException taken) {
                    continue;
                } catch (UnsupportedOperationException | IOException e) {
                    linkFailed = true; // no hard links here (FAT, some network file systems), or not writable at all
                }
            }
            synchronized (MOVE_LOCK) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) continue;
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    try {
                        Files.move(tmp, target);
                    } catch (FileAlreadyExistsException taken) {
                        continue;
                    }
                }
            }
            // The move worked where the link did not: the file system lacks links, so stop trying them.
            if (linkFailed) hardLinks = false;
            suffixTaken(name, n);
            return target;
        }
        throw new IOException("no free file name left for " + name + " in " + dir);
    }

    /*
     * Names carry the second and the duration, so under load many requests to one endpoint share a name.
     * Probing .1, .2, ... from the start each time made writes quadratic (2.3 ms per file at 1,000 requests a
     * second); remembering where the last probe ended keeps it at one attempt. The map only ever holds the
     * names of the last moments, so it is cleared when it grows.
     */
    private int firstSuffixToTry(String name) {
        synchronized (nextSuffix) {
            return nextSuffix.getOrDefault(name, 0);
        }
    }

    private void suffixTaken(String name, int n) {
        synchronized (nextSuffix) {
            if (nextSuffix.size() >= 1024) nextSuffix.clear();
            nextSuffix.merge(name, n + 1, Math::max);
        }
    }

    private void retain(Entry written) {
        List<Entry> victims = new ArrayList<>();
        synchronized (lock) {
            boolean due = !scanned || ++writesSinceScan >= RESCAN_EVERY_WRITES
                    || System.nanoTime() - lastScanNanos > RESCAN_EVERY_NANOS;
            if (due) {
                rescan(); // finds the file just written
            } else if (index.add(written)) {
                indexedBytes += written.size();
            }
            for (Entry e : index) {
                if (index.size() - victims.size() <= maxFiles && indexedBytes <= maxBytes) break;
                if (e.name().equals(written.name())) continue;
                victims.add(e);
                indexedBytes -= e.size();
            }
            victims.forEach(index::remove);
        }
        for (Entry e : victims) {
            try {
                Files.deleteIfExists(dir.resolve(e.name()));
            } catch (IOException ex) {
                // Forgotten by the index anyway: the next rescan finds it again and retries.
                FailureLog.logOnce("cannot delete old profiles in " + dir, ex);
            }
        }
    }

    private void rescan() {
        index.clear();
        indexedBytes = 0;
        try {
            for (Entry e : scan(true)) {
                index.add(e);
                indexedBytes += e.size();
            }
        } catch (IOException e) {
            FailureLog.logOnce("cannot list profile directory " + dir, e);
        }
        scanned = true;
        writesSinceScan = 0;
        lastScanNanos = System.nanoTime();
    }

    /** Lists the profile files; with {@code cleanTemp}, also deletes temporary files a crashed writer left. */
    private List<Entry> scan(boolean cleanTemp) throws IOException {
        List<Entry> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                boolean temp = name.startsWith(TEMP_PREFIX);
                if (!temp && (name.startsWith(".") || !name.endsWith(ProfileFileNames.EXTENSION))) continue;
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isRegularFile()) continue; // never follow or delete links and directories
                long mtime = a.lastModifiedTime().toMillis();
                if (temp) {
                    if (cleanTemp && now - mtime > STALE_TEMP_MILLIS) Files.deleteIfExists(p);
                    continue;
                }
                out.add(new Entry(name, timeOf(name, mtime), mtime, a.size()));
            }
        } catch (NoSuchFileException | NotDirectoryException missing) {
            return out;
        }
        return out;
    }

    /** The request time a name records, or the file's modification time for names made elsewhere. */
    private static long timeOf(String name, long mtimeMillis) {
        long t = ProfileFileNames.startEpochSecs(name);
        return t != Long.MIN_VALUE ? t : Math.floorDiv(mtimeMillis, 1000);
    }
}
