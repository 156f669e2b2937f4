package dev.hotline.core.format;

import java.io.IOException;

/**
 * A saved profile cannot be read: it is not JSON, not a Hotline profile, from a newer format version, or
 * inconsistent. The message says what is wrong and where, as {@code line L, column C} for JSON syntax or as
 * a JSON path such as {@code $.nodes[3][1]} for content.
 *
 * @since 0.1
 */
public class ProfileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProfileFormatException(String message) {
        super(message);
    }

    public ProfileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
