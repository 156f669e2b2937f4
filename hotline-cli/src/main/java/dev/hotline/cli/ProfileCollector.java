package dev.hotline.cli;

import dev.hotline.core.analysis.ProfileMerge;
import dev.hotline.core.model.Profile;
import dev.hotline.core.store.ProfileDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns what the user named (one profile file, several files, directories of profiles) into one profile: the
 * file itself, or the merge of every profile found, filtered by request path and time.
 *
 * <p>One file named alone must be readable: what is wrong with it is the command's error. Among several
 * files, or in a directory, a file that is not a readable profile is a warning, counted and skipped.
 *
 * <p>Memory stays bounded whatever the number of files: files are parsed a few at a time on a small pool of
 * threads, and merged in the order listed as soon as they are read, so no more than
 * {@link #IN_FLIGHT_PER_THREAD} profiles per thread are held at once.
 */
final class ProfileCollector {
    static final int IN_FLIGHT_PER_THREAD = 2;

    /**
     * What was collected.
     *
     * @param profile     the profile, merged when {@code merged} is more than one or the input was a directory
     * @param files       files considered
     * @param merged      profiles in {@code profile}
     * @param skipped     files that were not readable profiles
     * @param filteredOut readable profiles the filter left out
     * @param isMerge     whether {@code profile} is a merge (a directory, or several files) rather than one file
     */
    record Result(Profile profile, int files, int merged, int skipped, int filteredOut, boolean isMerge) {}

    /** One file's outcome, computed on a reading thread. */
    private record Outcome(Path file, Profile profile, String error, boolean filteredOut) {}

    private final Invocation invocation;
    private final ProfileFileReader reader;
    private final RequestFilter filter;

    ProfileCollector(Invocation invocation, ProfileFileReader reader, RequestFilter filter) {
        this.invocation = invocation;
        this.reader = reader;
        this.filter = filter;
    }

    /**
     * Reads and merges the profiles {@code inputs} name, leaving out the files in {@code excluded} (the
     * command's own output).
     *
     * @throws UserError when an input does not exist, a single file cannot be read, or no profile is left
     */
    Result collect(List<String> inputs, Set<Path> excluded) throws UserError {
        if (inputs.isEmpty()) throw new UserError("no profile file or directory given");
        if (inputs.size() == 1 && !Files.isDirectory(Path.of(inputs.get(0)))) {
            Path file = Path.of(inputs.get(0));
            Profile p = reader.read(file);
            if (!filter.matches(p)) {
                throw new UserError(Messages.oneLine(file.toString()) + ": " + describeRequest(p) + " does not match "
                        + filter.describe());
            }
            return new Result(p, 1, 1, 0, 0, false);
        }
        List<Path> files = new ArrayList<>();
        for (String input : inputs) {
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                List<Path> listed = list(path);
                int before = files.size();
                for (Path p : listed) {
                    if (!excluded.contains(p.toAbsolutePath().normalize())) files.add(p);
                }
                if (files.size() == before && inputs.size() == 1) {
                    throw new UserError(Messages.oneLine(input) + ": no profiles (*.json files) in this directory");
                }
            } else if (Files.exists(path)) {
                if (!excluded.contains(path.toAbsolutePath().normalize())) files.add(path);
            } else {
                throw new UserError(Messages.oneLine(input) + ": no such file or directory");
            }
        }
        return merge(files, inputs);
    }

    /** The directory's profiles, oldest first, named as the user named the directory. */
    private static List<Path> list(Path dir) throws UserError {
        List<Path> found;
        try {
            found = new ProfileDirectory(dir).list();
        } catch (IOException e) {
            throw new UserError(Messages.oneLine(dir.toString()) + ": " + Messages.describe(e));
        }
        List<Path> out = new ArrayList<>(found.size());
        for (Path p : found) out.add(dir.resolve(p.getFileName()));
        Collections.reverse(out);
        return out;
    }

    private Result merge(List<Path> files, List<String> inputs) throws UserError {
        ProfileMerge merge = new ProfileMerge();
        int skipped = 0, filteredOut = 0;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hotline-reader");
            t.setDaemon(true);
            return t;
        });
        Progress progress = invocation.progress();
        try {
            ArrayDeque<Future<Outcome>> window = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < files.size(); done++) {
                while (next < files.size() && window.size() < threads * IN_FLIGHT_PER_THREAD) {
                    Path f = files.get(next++);
                    window.add(pool.submit(() -> readOne(f)));
                }
                Outcome o = await(window.poll());
                if (o.error() != null) {
                    skipped++;
                    invocation.warn(o.error() + " (skipped)");
                } else if (o.filteredOut()) {
                    filteredOut++;
                } else {
                    merge.add(o.profile());
                }
                progress.update(done + 1, files.size(), "profiles");
            }
        } finally {
            pool.shutdownNow();
            progress.clear();
        }
        if (invocation.warningsNotShown() > 0) {
            invocation.err().println("hotline: warning: " + Messages.count(invocation.warningsNotShown())
                    + " more warnings not shown");
        }
        if (skipped > 0) {
            invocation.err().println("hotline: warning: skipped " + Messages.count(skipped) + " of "
                    + Messages.count(files.size()) + " files that are not readable profiles");
        }
        if (merge.size() == 0) {
            if (files.isEmpty()) {
                throw new UserError("no profiles (*.json files) in " + Messages.oneLine(String.join(", ", inputs)));
            }
            if (filteredOut > 0) {
                throw new UserError("no profile matches " + filter.describe() + " (" + Messages.count(filteredOut)
                        + " profiles read)");
            }
            throw new UserError("none of the " + Messages.count(files.size()) + " files is a readable profile");
        }
        return new Result(merge.build(), files.size(), merge.size(), skipped, filteredOut, true);
    }

    private Outcome readOne(Path file) {
        try {
            Profile p = reader.read(file);
            return filter.matches(p) ? new Outcome(file, p, null, false) : new Outcome(file, null, null, true);
        } catch (UserError e) {
            return new Outcome(file, null, e.getMessage(), false);
        }
    }

    private static Outcome await(Future<Outcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading profiles", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error x) throw x;
            throw new IllegalStateException(cause);
        }
    }

    /** {@code GET /orders/42 at 2026-11-21T10:15:30Z}. */
    static String describeRequest(Profile p) {
        return Messages.oneLine(p.request().method() + " " + p.request().path()) + " at " + p.request().start();
    }
}
