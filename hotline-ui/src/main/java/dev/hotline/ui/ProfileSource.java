package dev.hotline.ui;

import dev.hotline.core.Hotline;
import dev.hotline.core.fleet.FleetReader;
import dev.hotline.core.model.Profile;

import java.util.List;

/**
 * Where the results page finds profiles. Implementations must be thread-safe and must never read anything but
 * their own store for an id.
 *
 * @since 0.2
 */
public interface ProfileSource {

    /** Every profile available, newest first. Called for each list request: keep it cheap. */
    List<ProfileSummary> summaries();

    /** The full profile with that id, or {@code null} when there is none. The id is already validated. */
    Profile profile(String id);

    /**
     * The running profiler whose counters and endpoint figures the page shows, or {@code null} (a directory alone).
     *
     * @since 0.2
     */
    default Hotline live() {
        return null;
    }

    /**
     * The fleet store the page also shows (the setting {@code store}), or {@code null} for none.
     *
     * @since 0.3
     */
    default FleetReader fleet() {
        return null;
    }
}
