package dev.hotline.core;

import dev.hotline.core.internal.FailureLog;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code HOTLINE_*} environment variables that name no setting. They are not always typing errors: Kubernetes
 * gives every pod {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT} and the like for each Service, so a Service
 * named {@code hotline} yields {@code HOTLINE_SERVICE_HOST}. So each is logged once per JVM and ignored.
 */
final class UnknownVariables {
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private UnknownVariables() {}

    /** Logs {@code name} the first time it is seen; whether it was logged now. */
    static boolean warn(String name) {
        if (!WARNED.add(name)) return false;
        FailureLog.log().log(System.Logger.Level.WARNING, "Hotline: ignoring the environment variable " + name
                + ", which names no Hotline setting (Kubernetes sets such variables for a Service named hotline;"
                + " a typing error would be ignored too)");
        return true;
    }
}
