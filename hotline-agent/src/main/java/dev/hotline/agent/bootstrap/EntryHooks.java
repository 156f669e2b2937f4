package dev.hotline.agent.bootstrap;

/**
 * Not API. What the woven request entry points of a servlet container call. This class alone is loaded by the
 * bootstrap class loader, so container classes find it whatever their own class loader is (Tomcat's common
 * loader, JBoss Modules, OSGi); the work is done by the installed implementation from the agent jar.
 *
 * <p>Nothing here throws: a failing implementation costs the request its profile, never the request itself.
 */
public abstract class EntryHooks {
    private static volatile EntryHooks installed;

    protected EntryHooks() {}

    public static void install(EntryHooks hooks) {
        installed = hooks;
    }

    /**
     * Before {@link #enter}, at entry points that return nothing: whether the hooks answered the request
     * themselves (Hotline's results page), in which case the entry point returns at once, its code not run.
     */
    public static boolean serve(Object request, Object response) {
        EntryHooks h = installed;
        if (h == null) return false;
        try {
            return h.onServe(request, response);
        } catch (Throwable t) {
            return false;
        }
    }

    /** At the entry point; returns a token for {@link #exit}, or {@code null}. */
    public static Object enter(Object request, Object response) {
        EntryHooks h = installed;
        if (h == null) return null;
        try {
            return h.onEnter(request, response);
        } catch (Throwable t) {
            return null;
        }
    }

    /** At every exit of the entry point, normal or by {@code error}. */
    public static void exit(Object token, Object request, Object response, Throwable error) {
        if (token == null) return;
        EntryHooks h = installed;
        if (h == null) return;
        try {
            h.onExit(token, request, response, error);
        } catch (Throwable t) {
            // the request goes on
        }
    }

    /** Whether the request was answered here; by default never. */
    protected boolean onServe(Object request, Object response) {
        return false;
    }

    protected abstract Object onEnter(Object request, Object response);

    protected abstract void onExit(Object token, Object request, Object response, Throwable error);
}
