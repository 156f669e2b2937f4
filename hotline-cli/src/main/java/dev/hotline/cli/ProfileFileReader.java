package dev.hotline.cli;

import dev.hotline.core.format.ProfileFormatException;
import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads one saved profile, or says in one line what is wrong with the file: not a regular file (a FIFO would
 * block, a device never end), too large (checked before reading a byte), empty, compressed or binary data such as a pprof file, an HTML page, not UTF-8, not JSON, a
 * JSON document of another kind, or a profile with inconsistent values. Thread-safe.
 */
final class ProfileFileReader {
    /** Default limit of one file: reading takes several times the file's size in memory. */
    static final long DEFAULT_MAX_BYTES = 256L << 20;
    private static final int SNIFF_BYTES = 512;

    private final long maxBytes;

    ProfileFileReader(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads {@code file}.
     *
     * @throws UserError naming the file as the user wrote it and what is wrong with it
     */
    Profile read(Path file) throws UserError {
        String name = Messages.oneLine(file.toString());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UserError(name + ": " + Messages.describe(e));
        }
        if (attributes.isDirectory()) throw new UserError(name + ": is a directory, not a profile file");
        // A pipe would block until something writes to it, a device may never end: only regular files are read.
        if (!attributes.isRegularFile()) {
            throw new UserError(name + ": not a regular file (a pipe, a device or a socket); save the profile to a file first");
        }
        long size = attributes.size();
        if (attributes.isRegularFile() && size > maxBytes) {
            throw new UserError(name + ": " + Messages.size(size) + " is larger than the " + Messages.size(maxBytes)
                    + " limit for one profile (raise it with --max-file-size)");
        }
        if (attributes.isRegularFile() && size == 0) throw new UserError(name + ": empty file, not a profile");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            String kind = sniff(in);
            if (kind != null) throw new UserError(name + ": " + kind + ", not a Hotline JSON profile");
            return ProfileJson.read(utf8(new BoundedInputStream(in, maxBytes, name)));
        } catch (ProfileFormatException e) {
            String message = e.getMessage();
            boolean endedEarly = message.startsWith("unexpected end of input") || message.startsWith("unterminated string");
            throw new UserError(name + ": " + message + (endedEarly ? " (the file ends too early: truncated?)" : ""));
        } catch (IOException e) {
            if (e.getCause() instanceof UserError u) throw u;
            throw new UserError(name + ": " + Messages.describe(e));
        } catch (OutOfMemoryError e) {
            throw new UserError(name + ": not enough memory to read this " + Messages.size(size)
                    + " file; give Java more, e.g. JAVA_OPTS=-Xmx4g");
        }
    }

    /** What the first bytes say the file is, when it is plainly not JSON text; {@code null} when it may be. */
    static String sniff(InputStream in) throws IOException {
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int n = head.length;
        if (n == 0) return "empty file";
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) return "gzip-compressed data (a pprof profile?)";
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return "a zip archive";
        int i = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) i = 3; // BOM
        for (int j = i; j < n; j++) {
            int b = head[j] & 0xff;
            if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') return "binary data (a pprof profile?)";
        }
        while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) i++;
        if (i < n && head[i] == '<') return "an HTML or XML document";
        if (i == n && n < SNIFF_BYTES) return "only white space";
        return null;
    }

    private static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /**
     * Stops at the size limit even when the file grows while it is read, or is not a regular file (a pipe,
     * {@code /dev/zero}) whose size was unknown.
     */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private final String name;
        private long read;

        BoundedInputStream(InputStream in, long limit, String name) {
            this.in = in;
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException(new UserError(name + ": more than the " + Messages.size(limit)
                        + " limit for one profile (raise it with --max-file-size)"));
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
