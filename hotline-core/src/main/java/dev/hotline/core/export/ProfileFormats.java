package dev.hotline.core.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The export formats Hotline writes, found by name or by an output file's extension.
 *
 * @since 0.1
 */
public final class ProfileFormats {
    private static final List<ProfileWriter> WRITERS = List.of(
            // One line per format; keep the list in the order `--help` shows it.
            new HotlineJsonWriter(),
            new SpeedscopeWriter(),
            new CollapsedWriter(false),
            new CollapsedWriter(true),
            new PprofWriter(),
            new CallgrindWriter(),
            new HtmlWriter(),
            new PstatsWriter(),
            new PstatsWriter(PstatsWriter.SortKey.TIME)
    );

    private ProfileFormats() {}

    public static List<ProfileWriter> all() {
        return WRITERS;
    }

    /** The writer named {@code name} (case-insensitive), or {@code null}. */
    public static ProfileWriter byName(String name) {
        for (ProfileWriter w : WRITERS) {
            if (w.name().equalsIgnoreCase(name)) return w;
        }
        return null;
    }

    /** The writer whose extension ends the file name (the longest match wins), or {@code null}. */
    public static ProfileWriter forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ProfileWriter best = null;
        int bestLength = -1;
        for (ProfileWriter w : WRITERS) {
            for (String ext : w.extensions()) {
                if (name.endsWith("." + ext) && ext.length() > bestLength) {
                    best = w;
                    bestLength = ext.length();
                }
            }
        }
        return best;
    }

    /** Names of every format, for messages. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (ProfileWriter w : WRITERS) out.add(w.name());
        return out;
    }
}
