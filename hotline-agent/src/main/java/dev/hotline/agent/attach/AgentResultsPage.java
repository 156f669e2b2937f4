package dev.hotline.agent.attach;

import dev.hotline.core.Hotline;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.ui.Access;
import dev.hotline.ui.MountedPage;
import dev.hotline.ui.ProfileStore;
import dev.hotline.ui.UiRequest;
import dev.hotline.ui.UiListener;
import dev.hotline.ui.UiResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The results page under the agent, with no filter: the container's entry point asks {@link #serve} first, and a
 * request under {@code ui-path} (within any web application's context path) is answered here through
 * {@link MountedPage}, reading and writing the container's request and response by reflection, jakarta or javax.
 * The page's requests are never profiled and never reach the application. Also decides, with the same access
 * rules, which clients may ask for on-demand profiling and see the {@code Hotline-Profile} and
 * {@code Server-Timing} headers. Not API.
 */
final class AgentResultsPage {
    private final Supplier<Hotline> hotline;
    private volatile State state;

    /** What the page needs of one running profiler: its access rule, its store, one mount per context path. */
    private record State(Hotline hotline, Access access, String uiPath, ProfileStore store, Map<String, MountedPage> mounts,
                         UiListener listener) {}

    AgentResultsPage(Supplier<Hotline> hotline) {
        this.hotline = hotline;
    }

    private State state() {
        Hotline h = hotline.get();
        if (h == null) return null;
        State s = state;
        if (s != null && s.hotline() == h) return s;
        synchronized (this) {
            s = state;
            if (s != null && s.hotline() == h) return s;
            boolean ui = h.config().uiEnabled();
            Access access = new Access(h.config().uiToken(), h.config().uiSession());
            UiListener listener = ui && h.config().uiPort() >= 0 ? listen(h, access) : null;
            // With ui-port, never on the application's connector, even when the port could not be bound.
            s = new State(h, access, h.config().uiPath(), ui && h.config().uiPort() < 0 ? MountedPage.store(h) : null,
                    new ConcurrentHashMap<>(), listener);
            state = s;
            return s;
        }
    }

    /** The page on its own port ({@code ui-port}), or {@code null} when it cannot listen (logged). */
    private static UiListener listen(Hotline h, Access access) {
        try {
            UiListener l = UiListener.start(MountedPage.create(h, "", access, MountedPage.store(h), null), h.config().uiPort());
            FailureLog.log().log(System.Logger.Level.INFO, "Hotline: results page at " + l.url() + " (ui-port; not on the application's connector)");
            return l;
        } catch (IOException | RuntimeException e) {
            FailureLog.logOnce("Hotline's results page could not listen on ui-port " + h.config().uiPort(), e);
            return null;
        }
    }

    /** The page of the request's web application, or {@code null} when the page is switched off. */
    private static MountedPage mount(State s, ServletApi api, Object request) {
        if (s.store() == null) return null;
        String context = api.contextPath(request);
        String key = context == null ? "" : context;
        MountedPage m = s.mounts().get(key);
        if (m != null) return m;
        ClassLoader loader;
        try {
            loader = api.applicationLoader(request);
        } catch (RuntimeException | LinkageError e) {
            loader = null;
        }
        ClassLoader sources = loader != null ? loader : Thread.currentThread().getContextClassLoader();
        return s.mounts().computeIfAbsent(key, c -> MountedPage.create(s.hotline(), c, s.access(), s.store(), sources));
    }

    /** Answers the request when it is for the page; whether it did. Never throws. */
    boolean serve(Object request, Object response) {
        boolean started = false;
        try {
            ServletApi api = ServletApi.of(request);
            if (api == null || !api.isHttpResponse(response) || !"REQUEST".equals(api.dispatcherType(request))) return false;
            State s = state();
            if (s == null || s.store() == null) return false;
            // Only within a web application, under its context path.
            if (!api.inWebApplication(request)) return false;
            String inContext = MountedPage.pathInContext(api.requestUri(request), api.contextPath(request));
            if (inContext == null || !inContext.startsWith(s.uiPath().substring(0, s.uiPath().length() - 1))) return false;
            MountedPage page = mount(s, api, request);
            String rest = page == null ? null : page.pathUnder(inContext);
            if (rest == null) return false;

            String method = api.method(request);
            Map<String, String> headers = new HashMap<>();
            for (String n : api.headerNames(request)) headers.putIfAbsent(n.toLowerCase(Locale.ROOT), api.header(request, n));
            String body = null;
            if ("POST".equals(method)) {
                try (InputStream in = api.inputStream(request)) {
                    body = MountedPage.readBody(in);
                }
            }
            UiResponse out = page.handle(new UiRequest(method, rest, api.queryString(request), headers, api.remoteAddr(request),
                    api.isSecure(request), body));
            started = true;
            api.setStatus(response, out.status());
            out.headers().forEach((k, v) -> api.setHeader(response, k, v));
            api.setContentLength(response, out.body().length);
            if (!"HEAD".equals(method) && out.body().length > 0) {
                OutputStream os = api.outputStream(response);
                os.write(out.body());
                os.flush();
            }
            return true;
        } catch (IOException e) {
            return started; // the client went away
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("the agent could not serve Hotline's results page", e);
            return started;
        }
    }

    /** Whether the request asks to be profiled ({@code ?hotline=1}, {@code X-Hotline: 1}). */
    static boolean onDemand(ServletApi api, Object request) {
        return MountedPage.onDemand(api.header(request, MountedPage.ON_DEMAND_HEADER), api.queryString(request));
    }

    /** Whether the client may see profiles: on-demand profiling and the headers obey the page's access rule. */
    boolean allowed(ServletApi api, Object request) {
        try {
            State s = state();
            if (s == null || (s.hotline().config().uiPort() >= 0 && !s.access().tokenConfigured())) return false; // as the filter
            return s.access().allows(api.remoteAddr(request), n -> api.header(request, n));
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not check a client's access to profiles", e);
            return false;
        }
    }

    /** The URL of the profile's page for the {@code Hotline-Profile} header, or {@code null} when there is no page. */
    String profileLink(ServletApi api, Object request, String id) {
        State s = state();
        if (s != null && s.listener() != null) return s.listener().profileLink(id);
        MountedPage page = s == null ? null : mount(s, api, request);
        return page == null ? null : page.profileLink(id);
    }
}
