package dev.hotline.core.export;

import dev.hotline.core.format.ProfileJson;
import dev.hotline.core.model.Profile;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Hotline's own JSON profile format ({@code docs/profile-format.md}), as {@link ProfileJson} writes it: the
 * only format Hotline reads back, so a converted or merged profile can be viewed, merged and compared again.
 *
 * @since 0.1
 */
public final class HotlineJsonWriter implements ProfileWriter {

    /** @since 0.1 */
    public HotlineJsonWriter() {}

    @Override
    public String name() {
        return "hotline";
    }

    @Override
    public List<String> extensions() {
        return List.of("json");
    }

    @Override
    public String description() {
        return "Hotline's own JSON profile (docs/profile-format.md); reads back with hotline view, merge and diff";
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        ProfileJson.write(profile, out);
    }
}
