package dev.hotline.servlet;

import dev.hotline.core.ConfigException;
import dev.hotline.core.Hotline;
import dev.hotline.core.HotlineConfig;
import dev.hotline.core.ProfileListener;
import dev.hotline.core.RequestErrors;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.tracecontext.OpenTelemetrySpans;
import dev.hotline.core.tracecontext.TraceIds;
import dev.hotline.ui.Access;
import dev.hotline.ui.MountedPage;
import dev.hotline.ui.UiListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Profiles the requests of a servlet application (jakarta.servlet 5 and 6), line by line.
 *
 * <p>Register it first in the chain, for {@code REQUEST} and {@code ASYNC} dispatches. With no code at all it
 * reads its settings from filter init-parameters, {@code hotline.*} system properties and {@code HOTLINE_*}
 * environment variables (see {@link HotlineConfig} for keys and precedence); or configure it in code:
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(HotlineFilter.builder().profileDir(Path.of("profiles")).build()), "/*",
 *         EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
 * }</pre>
 *
 * <p>The response passes through untouched: status, headers, body, streaming and exceptions are the
 * application's. Work done writing the body inside the chain is part of the profile; an async request is
 * profiled until its {@code AsyncContext} completes. If Hotline fails, the failure is logged once and the
 * request goes on unprofiled. Malformed settings fail {@link #init} with a message naming the key.
 *
 * <p>A request that already carries the attribute {@code dev.hotline.profile} is being profiled by someone else
 * (the Hotline Java agent, or another copy of Hotline in another class loader) and passes through untouched.
 *
 * <p>Each profile records the request's distributed trace: the trace id and the caller's span id of a W3C
 * {@code traceparent} header, replaced by the request's own server span when the OpenTelemetry API's current span
 * is valid while the request is in this filter (the OpenTelemetry Java agent makes it current around the whole
 * filter chain). Code further down the chain may record a span of its own through {@link #PROFILE_ATTRIBUTE}.
 *
 * @since 0.1
 */
public class HotlineFilter implements Filter {
    /**
     * The request attribute that holds the {@link RequestProfile} of a request being profiled, for code further down
     * the chain that adds to it ({@link RequestProfile#trace}, {@link RequestProfile#route}). Under the Hotline Java
     * agent it holds the agent's own object, or a string for a request not profiled: check with {@code instanceof}.
     *
     * @since 0.3
     */
    public static final String PROFILE_ATTRIBUTE = "dev.hotline.profile";
    /** Spring MVC's route template of the handler that served the request. */
    static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    static final String ON_DEMAND_PARAM = MountedPage.ON_DEMAND_PARAM;
    static final String ON_DEMAND_HEADER = MountedPage.ON_DEMAND_HEADER;

    private final HotlineConfig.Builder codeConfig;
    private final List<ProfileListener> extraListeners;
    private volatile Hotline hotline;
    private boolean ownsHotline;
    private volatile ServletResultsPage ui;
    private volatile Access access = new Access(null);
    private volatile String profileLinkBase;
    /** The page's own listener on 127.0.0.1 when {@code ui-port} is set. */
    private volatile UiListener listener;

    /** Reads all settings at {@link #init}: init-parameters, system properties, environment. */
    public HotlineFilter() {
        this(null, List.of(), null);
    }

    /** Uses an already running profiler; its settings are the profiler's. */
    public HotlineFilter(Hotline hotline) {
        this(null, List.of(), hotline);
    }

    private HotlineFilter(HotlineConfig.Builder codeConfig, List<ProfileListener> listeners, Hotline hotline) {
        this.codeConfig = codeConfig;
        this.extraListeners = listeners;
        this.hotline = hotline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The running profiler, or {@code null} before {@link #init} or when it failed to start. */
    public Hotline hotline() {
        return hotline;
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (hotline == null) start(filterConfig);
        Hotline h = hotline;
        if (h == null) return;
        try {
            HotlineConfig c = h.config();
            access = new Access(c.uiToken(), c.uiSession());
            String contextPath = filterConfig == null || filterConfig.getServletContext() == null ? ""
                    : filterConfig.getServletContext().getContextPath();
            if (filterConfig != null && filterConfig.getServletContext() != null) {
                // A web app's WEB-INF/classes are the application's code, whatever its packages are called.
                try {
                    h.applicationCode().addClassRoot(filterConfig.getServletContext().getResource("/WEB-INF/classes/"));
                } catch (java.net.MalformedURLException e) {
                    // no WEB-INF: not a web archive
                }
            }
            if (c.uiEnabled() && c.uiPort() >= 0) {
                MountedPage page = MountedPage.create(h, "", access, null, Thread.currentThread().getContextClassLoader());
                UiListener l = UiListener.start(page, c.uiPort());
                listener = l;
                FailureLog.log().log(System.Logger.Level.INFO, "Hotline: results page at " + l.url() + " (ui-port; not on the application's connector)");
            } else if (c.uiEnabled()) {
                ServletResultsPage page = ServletResultsPage.create(h, contextPath, access);
                profileLinkBase = page.basePath();
                ui = page;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            FailureLog.logOnce("Hotline's results page could not start; requests are still profiled", e);
        }
    }

    private void start(FilterConfig filterConfig) throws ServletException {
        HotlineConfig.Builder b = codeConfig != null ? codeConfig : HotlineConfig.builder();
        if (filterConfig != null) {
            b.explicitSource(codeConfig != null ? "code or init-parameter" : "init-parameter");
            Enumeration<String> names = filterConfig.getInitParameterNames();
            while (names != null && names.hasMoreElements()) {
                String name = names.nextElement();
                b.set(name, filterConfig.getInitParameter(name));
            }
        }
        HotlineConfig config;
        try {
            config = b.build();
        } catch (ConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
        try {
            Hotline h = Hotline.start(config);
            extraListeners.forEach(h::addListener);
            ownsHotline = true;
            hotline = h;
        } catch (RuntimeException | LinkageError e) {
            // The application must start even if the profiler cannot.
            FailureLog.logOnce("Hotline could not start; requests are not profiled", e);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Hotline h = hotline;
        if (h == null || !(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            continueDispatch(req, res, chain);
            return;
        }
        ServletResultsPage page = ui;
        if (page != null) {
            String rest = page.pathUnder(pathInContext(req));
            if (rest != null) {
                page.serve(req, res, rest); // the page's own requests are never profiled
                return;
            }
        }
        if (req.getAttribute(PROFILE_ATTRIBUTE) != null) {
            // Already profiled: by the Java agent, or by another copy of Hotline in another class loader.
            chain.doFilter(request, response);
            return;
        }
        boolean onDemand = onDemand(req);
        Boolean allowed = onDemand ? allowed(req) : null;
        RequestProfile profile = begin(h, req, onDemand && allowed);
        if (profile == null) {
            chain.doFilter(request, response);
            return;
        }
        ProfiledRequest wrapped;
        try {
            req.setAttribute(PROFILE_ATTRIBUTE, profile);
            recordTrace(req, profile);
            // Only clients that may see profiles learn of them, or of the time their request took.
            if (allowed == null) allowed = allowed(req);
            // Whether a profile is kept is decided after the response; an on-demand one always is, so only it
            // gets a link while the headers can still be sent.
            String link = profileLinkBase;
            UiListener l = listener;
            if (onDemand && allowed && l != null) res.setHeader(MountedPage.PROFILE_HEADER, l.profileLink(profile.id()));
            else if (onDemand && allowed && link != null) res.setHeader(MountedPage.PROFILE_HEADER, link + "#/profile/" + profile.id());
            wrapped = new ProfiledRequest(req, res, profile);
        } catch (RuntimeException e) {
            FailureLog.logOnce("could not prepare a request for profiling", e);
            profile.detach();
            profile.end(0, e);
            chain.doFilter(request, response);
            return;
        }
        Throwable error = null;
        try {
            chain.doFilter(wrapped, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            error = e;
            throw e;
        } finally {
            finishOnThisThread(req, res, profile, wrapped, error, allowed);
        }
    }

    private boolean allowed(HttpServletRequest req) {
        // With the page on its own port, clients of the application's connector may be proxied visitors whom
        // nothing marks as such: only the token grants them on-demand profiling and the profile headers.
        Hotline h = hotline;
        if (h != null && h.config().uiPort() >= 0 && !access.tokenConfigured()) return false;
        try {
            return access.allows(req.getRemoteAddr(), req::getHeader);
        } catch (RuntimeException e) {
            FailureLog.logOnce("could not check a client's access to profiles", e);
            return false;
        }
    }

    private static RequestProfile begin(Hotline h, HttpServletRequest req, boolean force) {
        try {
            return h.begin(req.getMethod(), pathOf(req), req.getQueryString(), force); // Hotline redacts the query
        } catch (RuntimeException e) {
            FailureLog.logOnce("could not start profiling a request", e);
            return null;
        }
    }

    /** The caller's trace from the {@code traceparent} header, then the tracer's server span, which wins. */
    static void recordTrace(HttpServletRequest req, RequestProfile profile) {
        TraceIds caller = TraceIds.fromTraceparent(req.getHeader(TraceIds.TRACEPARENT));
        if (caller != null) profile.trace(caller.traceId(), caller.spanId());
        recordCurrentSpan(profile);
    }

    /** The OpenTelemetry API's current span, when there is a valid one: the request's server span. */
    static void recordCurrentSpan(RequestProfile profile) {
        TraceIds span = OpenTelemetrySpans.current();
        if (span != null) profile.trace(span.traceId(), span.spanId());
    }

    /** {@code ?hotline=1} or {@code X-Hotline: 1}. */
    static boolean onDemand(HttpServletRequest req) {
        return MountedPage.onDemand(req.getHeader(ON_DEMAND_HEADER), req.getQueryString());
    }

    private static void finishOnThisThread(HttpServletRequest req, HttpServletResponse res, RequestProfile profile,
                                           ProfiledRequest wrapped, Throwable error, boolean allowed) {
        try {
            recordCurrentSpan(profile); // a tracer's server span may have started after this filter began
            profile.detach();
            profile.route(routeOf(req));
            if (error == null && req.isAsyncStarted()) {
                wrapped.listenToAsync(req.getAsyncContext());
            } else {
                // Only while the headers can still be sent: a streamed or flushed response goes without.
                if (allowed && error == null && !res.isCommitted()) res.addHeader("Server-Timing", serverTiming(profile.elapsedNs()));
                // Spring or the container may have handled the exception of a failed (5xx) request already and left
                // it in an attribute; a 404's NoResourceFoundException is not a failure worth naming.
                int status = error != null && !res.isCommitted() ? 500 : res.getStatus();
                Throwable failure = error != null ? error : status >= 500 ? RequestErrors.fromAttributes(req::getAttribute) : null;
                profile.end(status, failure);
            }
        } catch (RuntimeException e) {
            FailureLog.logOnce("could not finish a request's profile", e);
            profile.end(0, e);
        }
    }

    /** An async dispatch, forward or error page continues a profiled request on this thread. */
    private static void continueDispatch(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        Object p = req.getAttribute(PROFILE_ATTRIBUTE);
        if (!(p instanceof RequestProfile profile) || req.getDispatcherType() != DispatcherType.ASYNC) {
            chain.doFilter(req, res);
            return;
        }
        RequestProfile.Scope scope = profile.enter();
        try {
            chain.doFilter(req, res);
        } finally {
            scope.close();
        }
    }

    static String serverTiming(long ns) {
        return MountedPage.serverTiming(ns);
    }

    /** The framework's route template (Spring MVC), or the servlet mapping's pattern unless that says nothing. */
    static String routeOf(HttpServletRequest req) {
        String context = req.getContextPath() == null ? "" : req.getContextPath();
        Object spring = req.getAttribute(SPRING_PATTERN);
        if (spring instanceof String s && !s.isEmpty()) return context + (s.startsWith("/") ? s : "/" + s);
        try {
            HttpServletMapping m = req.getHttpServletMapping();
            if (m == null || m.getMappingMatch() == null) return null;
            String pattern = m.getPattern();
            switch (m.getMappingMatch()) {
                case EXACT, EXTENSION -> { return context + pattern; }
                case PATH -> { return pattern == null || pattern.equals("/*") ? null : context + pattern; }
                default -> { return null; }
            }
        } catch (RuntimeException | LinkageError e) {
            return null; // servlet 5 containers without mappings
        }
    }

    /** The path within the context, or {@code null} outside it. */
    static String pathInContext(HttpServletRequest req) {
        return MountedPage.pathInContext(pathOf(req), req.getContextPath());
    }

    static String pathOf(HttpServletRequest req) {
        String uri = req.getRequestURI();
        return uri == null || uri.isEmpty() ? "/" : uri;
    }

    @Override
    public void destroy() {
        UiListener l = listener;
        if (l != null) l.close();
        Hotline h = hotline;
        if (h != null && ownsHotline) h.close();
    }

    /**
     * Configures a filter in code. Values set here act as init-parameters: {@code hotline.*} system properties
     * and {@code HOTLINE_*} environment variables still override them.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final HotlineConfig.Builder config = HotlineConfig.builder().explicitSource("code");
        private final List<ProfileListener> listeners = new ArrayList<>();

        private Builder() {}

        /** Sets any key by its kebab-case name, as an init-parameter would. */
        public Builder set(String key, String value) { config.set(key, value); return this; }
        public Builder enabled(boolean v) { config.enabled(v); return this; }
        public Builder profileDir(Path dir) { config.profileDir(dir); return this; }
        public Builder textOutput(HotlineConfig.TextOutput v) { config.textOutput(v); return this; }
        public Builder reports(HotlineConfig.Report... r) { config.reports(r); return this; }
        public Builder engine(HotlineConfig.Engine v) { config.engine(v); return this; }
        public Builder interval(Duration d) { config.interval(d); return this; }
        public Builder includePaths(String... globs) { config.includePaths(globs); return this; }
        public Builder excludePaths(String... globs) { config.excludePaths(globs); return this; }
        public Builder profileOneIn(int n) { config.profileOneIn(n); return this; }
        public Builder minDuration(Duration d) { config.minDuration(d); return this; }
        /** {@code keep-rate}: profiles kept per second, or {@code "all"}. @since 0.2 */
        public Builder keepRate(String rate) { config.keepRate(rate); return this; }
        public Builder includePackages(String... p) { config.includePackages(p); return this; }
        public Builder excludePackages(String... p) { config.excludePackages(p); return this; }
        /** Also receives every finished profile. */
        public Builder listener(ProfileListener l) { listeners.add(l); return this; }

        /** The filter; settings are resolved (and validated) when the container calls {@link #init}. */
        public HotlineFilter build() {
            return new HotlineFilter(config, List.copyOf(listeners), null);
        }
    }
}
