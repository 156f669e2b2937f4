package dev.hotline.core;

import dev.hotline.core.model.Profile;

/**
 * Receives each finished profile, on Hotline's own pipeline thread (never a request thread). A listener that
 * throws is logged once; other listeners still run.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProfileListener {
    void onProfile(Profile profile);
}
