package dev.hotline.core.format;

import dev.hotline.core.model.Profile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes profiles in the Hotline JSON profile format, version {@value Profile#FORMAT_VERSION}
 * ({@code docs/profile-format.md}). Writing never fails on odd strings: every Java string is written as valid
 * JSON. Reading is strict about syntax and about the values it uses, and ignores members it does not know.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ProfileJson {

    private ProfileJson() {}

    /**
     * Writes {@code profile} to {@code out} and flushes it; {@code out} stays open.
     *
     * @since 0.1
     */
    public static void write(Profile profile, Writer out) throws IOException {
        ProfileEncoder.write(profile, new JsonWriter(out));
    }

    /**
     * Writes {@code profile} as UTF-8 to {@code out} and flushes it; {@code out} stays open.
     *
     * @since 0.1
     */
    public static void write(Profile profile, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        write(profile, w);
        w.flush();
    }

    /**
     * The profile as a JSON document.
     *
     * @since 0.1
     */
    public static String toJson(Profile profile) {
        StringWriter sw = new StringWriter(4096);
        try {
            write(profile, sw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return sw.toString();
    }

    /**
     * Reads one profile document from {@code in}, to its end; {@code in} stays open.
     *
     * @throws ProfileFormatException when the input is not a valid profile document of a supported version
     * @throws IOException            when reading fails
     * @since 0.1
     */
    public static Profile read(Reader in) throws IOException {
        Object document = JsonReader.parse(in);
        try {
            return ProfileDecoder.decode(document);
        } catch (RuntimeException e) {
            // The decoder checks what it uses; this net keeps the promise that bad input only ever gives
            // ProfileFormatException, should a check be missing.
            throw new ProfileFormatException("invalid profile: " + e, e);
        }
    }

    /**
     * Reads a profile file, which must be UTF-8.
     *
     * @throws ProfileFormatException when the file is not a valid profile document; the message names the file
     * @throws IOException            when the file cannot be read
     * @since 0.1
     */
    public static Profile read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                     .onMalformedInput(CodingErrorAction.REPORT)
                     .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return read(r);
        } catch (ProfileFormatException e) {
            throw new ProfileFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a profile from its JSON text.
     *
     * @throws ProfileFormatException when the text is not a valid profile document of a supported version
     * @since 0.1
     */
    public static Profile fromJson(String json) throws ProfileFormatException {
        try {
            return read(new StringReader(json));
        } catch (ProfileFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }
}
