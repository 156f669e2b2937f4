package dev.hotline.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Not API. Logging of Hotline's own failures: each distinct failure once, so a broken profiler never floods a log. */
public final class FailureLog {
    private static final System.Logger LOG = System.getLogger("dev.hotline");
    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private FailureLog() {}

    /** Logs {@code what} with its cause the first time this {@code what} fails; later ones are silent. */
    public static void logOnce(String what, Throwable cause) {
        if (SEEN.add(what)) {
            LOG.log(System.Logger.Level.WARNING, "Hotline: " + what + " (further occurrences not logged)", cause);
        }
    }

    public static System.Logger log() {
        return LOG;
    }
}
