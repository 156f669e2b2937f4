package dev.hotline.ui;

import dev.hotline.core.Hotline;
import dev.hotline.core.KeptProfile;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The profiles of a running Hotline (its recent profiles in memory) and of a profile directory, as one list.
 *
 * <p>The directory is indexed: each file is read once to make its {@link ProfileSummary} (kept while the file's
 * size and modification time stay the same), and the directory is listed again at most once a second. Full
 * profiles are read when asked for, and the last {@value #CACHED_PROFILES} are kept. A profile both in memory and
 * in the directory (same id) is listed once. Ids are looked up in the index only: no id ever becomes a path.
 *
 * @since 0.2
 */
public final class ProfileStore implements ProfileSource {
    /** The syntax of a profile id in URLs. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    static final int CACHED_PROFILES = 32;
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Comparator<ProfileSummary> NEWEST_FIRST =
            Comparator.comparing(ProfileSummary::start).reversed().thenComparing(ProfileSummary::id);

    private record FileEntry(String name, long size, long mtime, ProfileSummary summary) {}

    private final Supplier<List<Profile>> recent;
    private final Hotline live;
    private volatile FleetReader fleet;
    private final Path dir;
    private final Object lock = new Object();
    private Map<String, FileEntry> files = new HashMap<>(); // by file name; guarded by lock
    private Map<String, String> fileById = Map.of(); // guarded by lock
    private List<ProfileSummary> fileSummaries = List.of(); // guarded by lock
    private long lastScanNanos; // guarded by lock
    private boolean scanned; // guarded by lock
    private final Map<String, ProfileSummary> memorySummaries = new HashMap<>(); // guarded by itself
    private final LinkedHashMap<String, Profile> cache = new LinkedHashMap<>(16, 0.75f, true); // guarded by itself

    /**
     * @param recent the running profiler's recent profiles, newest first, or {@code null}
     * @param dir    a profile directory, or {@code null}
     */
    public ProfileStore(Supplier<List<Profile>> recent, Path dir) {
        this(recent, null, dir);
    }

    /** The store of a running profiler: its recent profiles, its figures, and {@code dir}. */
    public ProfileStore(Hotline live, Path dir) {
        this(null, live, dir);
    }

    private ProfileStore(Supplier<List<Profile>> recent, Hotline live, Path dir) {
        this.recent = recent;
        this.live = live;
        this.dir = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    @Override
    public Hotline live() {
        return live;
    }

    @Override
    public FleetReader fleet() {
        return fleet;
    }

    /**
     * Shows the fleet store too ({@code null} for none); the caller keeps owning the reader and closes it.
     *
     * @since 0.3
     */
    public ProfileStore withFleet(FleetReader reader) {
        this.fleet = reader;
        return this;
    }

    /** A store over a directory alone ({@code hotline serve}). */
    public static ProfileStore ofDirectory(Path dir) {
        return new ProfileStore((Supplier<List<Profile>>) null, dir);
    }

    /** Indexes the directory on a background thread, so that the first page view need not wait for it. */
    public ProfileStore warmUp() {
        if (dir == null) return this;
        Thread t = new Thread(() -> {
            try {
                fileSummaries();
            } catch (RuntimeException e) {
                FailureLog.logOnce("cannot index profile directory " + dir, e);
            }
        }, "hotline-ui-index");
        t.setDaemon(true);
        t.start();
        return this;
    }

    @Override
    public List<ProfileSummary> summaries() {
        List<ProfileSummary> memory = memorySummaries();
        List<ProfileSummary> stored = fileSummaries();
        if (memory.isEmpty()) return stored;
        Set<String> ids = new HashSet<>();
        for (ProfileSummary s : memory) ids.add(s.id());
        List<ProfileSummary> out = new ArrayList<>(memory.size() + stored.size());
        out.addAll(memory);
        for (ProfileSummary s : stored) if (!ids.contains(s.id())) out.add(s);
        out.sort(NEWEST_FIRST);
        return out;
    }

    private List<ProfileSummary> memorySummaries() {
        if (live != null) return summarize(live.recentKept(), KeptProfile::id, ProfileSummary::of);
        if (recent == null) return List.of();
        return summarize(recent.get(), Profile::id, p -> ProfileSummary.of(p.id(), p));
    }

    /** Summaries of profiles held in memory, each made once while it stays there. */
    private <T> List<ProfileSummary> summarize(List<T> items, Function<T, String> idOf, Function<T, ProfileSummary> summary) {
        List<ProfileSummary> out = new ArrayList<>(items.size());
        synchronized (memorySummaries) {
            Map<String, ProfileSummary> keep = new HashMap<>();
            for (T item : items) {
                String id = idOf.apply(item);
                if (!ID.matcher(id).matches()) continue;
                ProfileSummary s = memorySummaries.get(id);
                if (s == null) s = summary.apply(item);
                keep.put(id, s);
                out.add(s);
            }
            memorySummaries.clear();
            memorySummaries.putAll(keep);
        }
        return out;
    }

    private List<ProfileSummary> fileSummaries() {
        if (dir == null) return List.of();
        synchronized (lock) {
            if (!scanned || System.nanoTime() - lastScanNanos > RESCAN_NANOS) rescan();
            return fileSummaries;
        }
    }

    private void rescan() {
        Map<String, FileEntry> next = new HashMap<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path p : listing) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || !name.endsWith(".json")) continue;
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!a.isRegularFile()) continue; // never follow links out of the directory
                long mtime = a.lastModifiedTime().toMillis();
                FileEntry known = files.get(name);
                if (known != null && known.size() == a.size() && known.mtime() == mtime) {
                    next.put(name, known);
                } else {
                    next.put(name, new FileEntry(name, a.size(), mtime, summarize(p)));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException missing) {
            // no profiles yet
        } catch (IOException e) {
            FailureLog.logOnce("cannot list profile directory " + dir, e);
        }
        // Ids: the profile's own when valid and unique, else one made from the file name.
        List<FileEntry> entries = new ArrayList<>(next.values());
        entries.sort(Comparator.comparing(FileEntry::name));
        Map<String, String> byId = new HashMap<>();
        List<ProfileSummary> list = new ArrayList<>(entries.size());
        for (FileEntry e : entries) {
            ProfileSummary s = e.summary();
            if (s == null) continue;
            String id = s.id();
            if (byId.containsKey(id)) {
                id = fileId(e.name(), byId);
                s = withId(s, id);
            }
            byId.put(id, e.name());
            list.add(s);
        }
        list.sort(NEWEST_FIRST);
        files = next;
        fileById = byId;
        fileSummaries = List.copyOf(list);
        scanned = true;
        lastScanNanos = System.nanoTime();
    }

    private ProfileSummary summarize(Path file) {
        try {
            Profile p = ProfileJson.read(file);
            String id = ID.matcher(p.id()).matches() ? p.id() : fileId(file.getFileName().toString(), Map.of());
            return ProfileSummary.of(id, p);
        } catch (IOException | RuntimeException e) {
            FailureLog.logOnce("the results page skips profile files it cannot read, such as " + file.getFileName(), e);
            return null;
        }
    }

    private static String fileId(String fileName, Map<String, String> taken) {
        String stem = fileName.substring(0, fileName.length() - ".json".length());
        StringBuilder b = new StringBuilder(stem.length());
        for (int i = 0; i < stem.length() && b.length() < 180; i++) {
            char c = stem.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            b.append(ok && !(i == 0 && (c == '.' || c == '-')) ? c : '_');
        }
        String base = b.length() == 0 ? "file" : b.toString();
        String id = base;
        for (int n = 2; taken.containsKey(id); n++) id = base + "-" + n;
        return id;
    }

    private static ProfileSummary withId(ProfileSummary s, String id) {
        return new ProfileSummary(id, s.method(), s.path(), s.query(), s.status(), s.start(), s.durationNs(), s.samples(),
                s.engine(), s.exact(), s.route(), s.endpoint(), s.traceId());
    }

    /** A kept request's profile, built once while it stays among the last few asked for. */
    private Profile built(KeptProfile k) {
        String key = "\0memory:" + k.id(); // no file name starts with NUL
        synchronized (cache) {
            Profile hit = cache.get(key);
            if (hit != null) return hit;
        }
        Profile p = k.profile();
        synchronized (cache) {
            cache.put(key, p);
            while (cache.size() > CACHED_PROFILES) cache.remove(cache.keySet().iterator().next());
        }
        return p;
    }

    @Override
    public Profile profile(String id) {
        if (live != null) {
            for (KeptProfile k : live.recentKept()) if (k.id().equals(id)) return built(k);
        }
        if (recent != null) {
            for (Profile p : recent.get()) if (p.id().equals(id)) return p;
        }
        if (dir == null) return null;
        String name;
        synchronized (lock) {
            if (!scanned) rescan();
            name = fileById.get(id);
        }
        if (name == null) return null;
        synchronized (cache) {
            Profile hit = cache.get(name);
            if (hit != null) return hit;
        }
        Path file = dir.resolve(name);
        if (!dir.equals(file.getParent())) return null;
        Profile p;
        try {
            p = ProfileJson.read(file);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException | RuntimeException e) {
            FailureLog.logOnce("cannot read profile file " + name, e);
            return null;
        }
        synchronized (cache) {
            cache.put(name, p);
            while (cache.size() > CACHED_PROFILES) cache.remove(cache.keySet().iterator().next());
        }
        return p;
    }
}
