package dev.hotline.core.export;

import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes a profile in one export format. Implementations are stateless and thread-safe.
 *
 * @since 0.1
 */
public interface ProfileWriter {

    /** The format's name on the command line: {@code speedscope}, {@code pprof}, {@code collapsed}, ... */
    String name();

    /** File name endings that select this format, longest first, without a leading dot: {@code pb.gz}. */
    List<String> extensions();

    /** One line for {@code --help}. */
    String description();

    /** Writes {@code profile} to {@code out}; does not close it. */
    void write(Profile profile, OutputStream out) throws IOException;
}
