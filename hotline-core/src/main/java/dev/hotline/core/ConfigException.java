package dev.hotline.core;

/**
 * A setting is unknown or malformed. The message names the key, where it came from and what is accepted.
 *
 * @since 0.1
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
