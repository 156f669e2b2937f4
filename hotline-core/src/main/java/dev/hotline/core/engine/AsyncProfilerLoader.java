package dev.hotline.core.engine;

import one.profiler.AsyncProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads async-profiler's native library once per class loader, refusing when that would put a second copy
 * into the process: two copies would fight over the same profiling signal and thread filter, and the
 * profiler that is already there belongs to someone else (an {@code -agentpath}, another web application).
 */
final class AsyncProfilerLoader {
    private static AsyncProfiler loaded;
    private static String loadedFrom;
    /** The library files mapped into the process by our own load, so later checks do not mistake them. */
    private static Set<String> ownMappings = Set.of();

    private AsyncProfilerLoader() {}

    /**
     * Returns the profiler, loading the library on first use.
     *
     * @param libPath the library file, or {@code null} for the one bundled in the async-profiler jar
     */
    static synchronized AsyncProfiler load(String libPath) throws EngineUnavailableException {
        String platform = platform();
        if (platform == null) {
            throw new EngineUnavailableException("async-profiler has no library for " + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch") + " (it supports linux-x64, linux-arm64 and macOS)");
        }
        Set<String> foreign = mappedCopies();
        foreign.removeAll(ownMappings);
        if (!foreign.isEmpty()) {
            throw new EngineUnavailableException("another copy of async-profiler is already loaded in this JVM ("
                    + String.join(", ", foreign) + "); Hotline does not load a second one");
        }
        String from = libPath == null ? "the library bundled with async-profiler" : libPath;
        if (libPath != null) checkLibraryFile(Path.of(libPath));
        if (loaded != null) {
            // AsyncProfiler.getInstance ignores its argument once loaded, so a different path cannot take effect.
            if (libPath != null && !libPath.equals(loadedFrom)) {
                throw new EngineUnavailableException("cannot load async-profiler from " + libPath
                        + ": this JVM already loaded it from " + loadedFrom);
            }
            return loaded;
        }
        AsyncProfiler profiler;
        try {
            profiler = AsyncProfiler.getInstance(libPath);
            profiler.getVersion(); // proves the native methods are bound
        } catch (LinkageError | RuntimeException e) {
            String hint = libPath == null
                    ? " (the library is extracted to java.io.tmpdir, or to -Done.profiler.extractPath=<dir>; "
                      + "it must allow executable mappings)"
                    : "";
            throw new EngineUnavailableException("cannot load async-profiler from " + from + ": " + e + hint, e);
        }
        loaded = profiler;
        loadedFrom = from;
        ownMappings = mappedCopies();
        return profiler;
    }

    /**
     * Refuses a path that is no shared library before the JVM tries it: the linker's complaint is obscure,
     * and a library that loads but is not async-profiler would leave {@code AsyncProfiler}'s singleton broken
     * for the whole JVM. Only the file's magic number is checked, so the latter can still happen.
     */
    private static void checkLibraryFile(Path lib) throws EngineUnavailableException {
        byte[] magic = new byte[4];
        try (var in = Files.newInputStream(lib)) {
            if (in.readNBytes(magic, 0, 4) < 4) magic = new byte[4];
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot load async-profiler from " + lib + ": " + e, e);
        }
        int m = (magic[0] & 0xff) << 24 | (magic[1] & 0xff) << 16 | (magic[2] & 0xff) << 8 | (magic[3] & 0xff);
        boolean elf = m == 0x7f454c46;
        boolean machO = m == 0xcffaedfe || m == 0xcefaedfe || m == 0xcafebabe;
        if (!elf && !machO) {
            throw new EngineUnavailableException("cannot load async-profiler from " + lib + ": not a shared library");
        }
    }

    /** Whether this class loader has loaded the library. */
    static synchronized boolean isLoaded() {
        return loaded != null;
    }

    /** async-profiler's name for this platform, or {@code null} when the jar has no library for it. */
    static String platform() {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) return "linux-x64";
            if (arch.equals("aarch64") || arch.equals("arm64")) return "linux-arm64";
        } else if (os.contains("mac")) {
            return "macos";
        }
        return null;
    }

    /**
     * The async-profiler library files mapped into this process, from {@code /proc/self/maps}; empty where
     * there is no such file (macOS), where the running-profiler check at start has to do.
     */
    static Set<String> mappedCopies() {
        Set<String> found = new TreeSet<>();
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return found;
        try {
            for (String line : Files.readAllLines(maps)) {
                if (!line.contains("libasyncProfiler")) continue;
                int slash = line.indexOf('/');
                found.add(slash >= 0 ? line.substring(slash) : line.trim());
            }
        } catch (IOException e) {
            // Unreadable maps: nothing to go on; the status check at start still catches a running profiler.
        }
        return found;
    }
}
