package dev.hotline.agent.attach;

import dev.hotline.agent.bootstrap.EntryHooks;
import dev.hotline.core.Hotline;
import dev.hotline.core.RequestErrors;
import dev.hotline.core.RequestProfile;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.core.tracecontext.OpenTelemetrySpans;
import dev.hotline.core.tracecontext.TraceIds;
import dev.hotline.ui.MountedPage;

import java.util.function.Supplier;

/**
 * What a woven entry point does, the way {@code HotlineFilter} does it: a request's first dispatch begins its
 * profile (method, path, redacted query) and marks the request with the attribute {@code dev.hotline.profile};
 * the profile ends with the status when the dispatch returns, or when the async context completes if the
 * request went async. An async dispatch works for the profile it belongs to. A request already marked (by a
 * filter, or another copy of Hotline) is left to whoever marked it. A request the agent does not profile is
 * marked too (with a string), so that a filter the application registers leaves it alone: under the agent, the
 * agent alone decides. Requests for the results page are answered by {@link AgentResultsPage}, never profiled;
 * clients it allows may ask for a profile ({@code ?hotline=1}) and see the {@code Hotline-Profile} and
 * {@code Server-Timing} headers. Each profile records the request's trace as the filter does: the {@code traceparent}
 * header, then the OpenTelemetry API's current span as the web application's class loader sees it, at the entry
 * point and again at its exit (the OpenTelemetry Java agent's server span is current around the container's
 * handling of the request), which wins.
 */
final class ServletHooks extends EntryHooks {
    static final String PROFILE_ATTRIBUTE = "dev.hotline.profile";
    /** The mark of a request the agent chose not to profile. */
    static final String NOT_PROFILED = "not profiled (Hotline agent)";

    private final Supplier<Hotline> hotline;
    private final AgentResultsPage page;

    ServletHooks(Supplier<Hotline> hotline) {
        this.hotline = hotline;
        this.page = new AgentResultsPage(hotline);
    }

    static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    private static final String[] ERROR_URI = {"jakarta.servlet.error.request_uri", "javax.servlet.error.request_uri"};

    /**
     * The route the filter would record: Spring MVC's best-matching pattern, else the servlet mapping's pattern
     * unless it says nothing ({@code /*}, the default servlet). After an error dispatch within the same entry
     * point (Tomcat), the attributes are the error page's, so there is none.
     */
    static String routeOf(ServletApi api, Object request) {
        try {
            for (String n : ERROR_URI) if (api.attribute(request, n) != null) return null;
            String context = api.contextPath(request) == null ? "" : api.contextPath(request);
            if (api.attribute(request, SPRING_PATTERN) instanceof String s && !s.isEmpty()) {
                return context + (s.startsWith("/") ? s : "/" + s);
            }
            String[] m = api.servletMapping(request);
            if (m == null) return null;
            return switch (m[0]) {
                case "EXACT", "EXTENSION" -> context + m[1];
                case "PATH" -> m[1] == null || m[1].equals("/*") ? null : context + m[1];
                default -> null;
            };
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The caller's trace from the {@code traceparent} header, then the tracer's server span, which wins. */
    static void recordTrace(ServletApi api, Object request, RequestProfile profile) {
        TraceIds caller = TraceIds.fromTraceparent(api.header(request, TraceIds.TRACEPARENT));
        if (caller != null) profile.trace(caller.traceId(), caller.spanId());
        recordCurrentSpan(api, request, profile);
    }

    /** The OpenTelemetry API's current span, seen from the web application, when there is a valid one. */
    static void recordCurrentSpan(ServletApi api, Object request, RequestProfile profile) {
        TraceIds span = OpenTelemetrySpans.current(applicationLoader(api, request));
        if (span != null) profile.trace(span.traceId(), span.spanId());
    }

    /**
     * The web application's class loader: at Tomcat's entry point the thread's context class loader is still the
     * container's. The thread's one when the application's cannot be had.
     */
    private static ClassLoader applicationLoader(ServletApi api, Object request) {
        try {
            ClassLoader app = api.applicationLoader(request);
            if (app != null) return app;
        } catch (RuntimeException | LinkageError e) {
            // not allowed, or no servlet context: the thread's
        }
        return Thread.currentThread().getContextClassLoader();
    }

    /** A token for a request this dispatch began; {@code allowed}: the client may see profiles. */
    private record Begun(RequestProfile profile, ServletApi api, boolean allowed) {}

    @Override
    protected boolean onServe(Object request, Object response) {
        return page.serve(request, response);
    }

    @Override
    protected Object onEnter(Object request, Object response) {
        try {
            ServletApi api = ServletApi.of(request);
            if (api == null) return null;
            String type = api.dispatcherType(request);
            Object mark = api.attribute(request, PROFILE_ATTRIBUTE);
            if (!"REQUEST".equals(type)) {
                return "ASYNC".equals(type) && mark instanceof RequestProfile p ? p.enter() : null;
            }
            if (mark != null) return null;
            // A request no web application took (Tomcat answers it itself): neither the page's nor the app's.
            if (!api.inWebApplication(request)) return null;
            Hotline h = hotline.get();
            if (h == null) return null;
            String uri = api.requestUri(request);
            boolean onDemand = AgentResultsPage.onDemand(api, request);
            Boolean allowed = onDemand ? page.allowed(api, request) : null;
            RequestProfile profile = h.begin(api.method(request), uri == null || uri.isEmpty() ? "/" : uri,
                    api.queryString(request), onDemand && allowed);
            if (profile == null) {
                api.setAttribute(request, PROFILE_ATTRIBUTE, NOT_PROFILED);
                return null;
            }
            try {
                api.setAttribute(request, PROFILE_ATTRIBUTE, profile);
                recordTrace(api, request, profile);
                // Only clients that may see profiles learn of them, or of the time their request took.
                if (allowed == null) allowed = page.allowed(api, request);
                // Only an on-demand profile is sure to be kept (keep-rate decides after the response).
                String link = onDemand && allowed ? page.profileLink(api, request, profile.id()) : null;
                if (link != null && api.isHttpResponse(response)) api.setHeader(response, MountedPage.PROFILE_HEADER, link);
            } catch (RuntimeException | LinkageError e) {
                FailureLog.logOnce("could not prepare a request for profiling", e);
                profile.detach();
                profile.end(0, e);
                return null;
            }
            return new Begun(profile, api, allowed);
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not start profiling a request at the container's entry point", e);
            return null;
        }
    }

    @Override
    protected void onExit(Object token, Object request, Object response, Throwable error) {
        if (token instanceof RequestProfile.Scope scope) {
            scope.close();
            return;
        }
        if (!(token instanceof Begun b)) return;
        RequestProfile profile = b.profile();
        try {
            recordCurrentSpan(b.api(), request, profile);
            profile.detach();
            profile.route(routeOf(b.api(), request));
            if (error == null && b.api().isAsyncStarted(request)) {
                b.api().endWhenAsyncCompletes(request, response, profile);
            } else {
                // Only while the headers can still be sent: a streamed or flushed response goes without.
                if (b.allowed() && error == null && b.api().isHttpResponse(response) && !b.api().isCommitted(response)) {
                    b.api().addHeader(response, "Server-Timing", MountedPage.serverTiming(profile.elapsedNs()));
                }
                // The container or framework may have handled the exception already (an error page, Spring's error
                // dispatch) and left it in an attribute.
                int status = error != null && !b.api().isCommitted(response) ? 500 : b.api().status(response);
                Throwable failure = error != null ? error
                        : status >= 500 ? RequestErrors.fromAttributes(n -> b.api().attribute(request, n)) : null;
                profile.end(status, failure);
            }
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not finish a request's profile", e);
            profile.end(0, e);
        }
    }
}
