package dev.hotline.cli;

import dev.hotline.core.export.ProfileFormats;
import dev.hotline.core.export.ProfileWriter;
import dev.hotline.core.model.Profile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where {@code convert} and {@code merge} write, and in which format: the format named by {@code --to}, or the
 * one the output file's extension selects. A file is written whole or not at all (to a temporary file beside
 * it, then renamed), and an existing file is replaced only with {@code --force}. {@code -} is standard output.
 */
final class OutputFile {
    static final String STDOUT = "-";

    private OutputFile() {}

    /** The writer {@code --to} names, or the one {@code output}'s extension selects. */
    static ProfileWriter format(String to, String output) throws UserError {
        if (to != null) {
            ProfileWriter w = ProfileFormats.byName(to.strip());
            if (w == null) {
                throw new UserError("unknown format " + Messages.quote(to) + ": one of " + String.join(", ", ProfileFormats.names()));
            }
            return w;
        }
        if (output == null || output.equals(STDOUT)) {
            throw new UserError("say which format with --to FORMAT: one of " + String.join(", ", ProfileFormats.names()));
        }
        ProfileWriter w = ProfileFormats.forFile(Path.of(output));
        if (w == null) {
            throw new UserError("cannot tell the format from the name " + Messages.quote(output) + ": give --to FORMAT, one of "
                    + String.join(", ", ProfileFormats.names()) + " (extensions: " + extensions() + ")");
        }
        return w;
    }

    /** {@code hotline: .json, speedscope: .speedscope.json, ...}. */
    static String extensions() {
        StringBuilder b = new StringBuilder();
        for (ProfileWriter w : ProfileFormats.all()) {
            if (b.length() > 0) b.append(", ");
            b.append(w.name()).append(": .").append(String.join(" .", w.extensions()));
        }
        return b.toString();
    }

    /**
     * Writes {@code profile} to {@code output} ({@code -} for {@code stdout}).
     *
     * @return the number of bytes written to a file, -1 for standard output
     * @throws UserError when the file exists without {@code force}, or cannot be written
     */
    static long write(ProfileWriter writer, Profile profile, String output, boolean force, PrintStream stdout)
            throws UserError, IOException {
        if (output.equals(STDOUT)) {
            writer.write(profile, stdout);
            stdout.flush();
            return -1;
        }
        Path target = Path.of(output);
        String name = Messages.oneLine(output);
        if (Files.isDirectory(target)) throw new UserError(name + " is a directory: name the output file");
        if (Files.exists(target) && !force) {
            throw new UserError(name + " already exists: add --force to replace it, or choose another name with -o");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UserError("cannot write " + name + ": its directory does not exist");
        }
        // Not Files.createTempFile: its file is private to the owner, and the output should have the usual rights.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), 64 * 1024)) {
                writer.write(profile, out);
            } catch (IOException e) {
                throw new UserError("cannot write " + name + ": " + Messages.describe(e));
            }
            long size = Files.size(tmp);
            try {
                if (force) Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                else Files.move(tmp, target);
            } catch (FileAlreadyExistsException e) {
                throw new UserError(name + " already exists: add --force to replace it, or choose another name with -o");
            } catch (IOException e) {
                throw new UserError("cannot write " + name + ": " + Messages.describe(e));
            }
            return size;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
