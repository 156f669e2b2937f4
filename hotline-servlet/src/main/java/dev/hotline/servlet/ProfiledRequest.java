package dev.hotline.servlet;

import dev.hotline.core.RequestProfile;
import dev.hotline.core.internal.FailureLog;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;


/**
 * The request as the application sees it while profiled: unchanged, except that an {@link AsyncContext} it
 * starts runs {@link AsyncContext#start(Runnable)} tasks as work of this request, and its completion ends the
 * profile.
 */
final class ProfiledRequest extends HttpServletRequestWrapper {
    private final HttpServletResponse response;
    private final RequestProfile profile;
    private volatile boolean listening;

    ProfiledRequest(HttpServletRequest request, HttpServletResponse response, RequestProfile profile) {
        super(request);
        this.response = response;
        this.profile = profile;
    }

    @Override
    public AsyncContext startAsync() throws IllegalStateException {
        return listenToAsync(new ProfiledAsyncContext(super.startAsync(), profile));
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) throws IllegalStateException {
        return listenToAsync(new ProfiledAsyncContext(super.startAsync(request, response), profile));
    }

    @Override
    public AsyncContext getAsyncContext() {
        AsyncContext ctx = super.getAsyncContext();
        return ctx instanceof ProfiledAsyncContext || ctx == null ? ctx : new ProfiledAsyncContext(ctx, profile);
    }

    /** Ends the profile when the async cycle completes. Registered once per async cycle. */
    AsyncContext listenToAsync(AsyncContext ctx) {
        if (!listening) {
            listening = true;
            try {
                ctx.addListener(new Listener());
            } catch (RuntimeException e) {
                FailureLog.logOnce("could not follow an async request", e);
                profile.end(0, e);
            }
        }
        return ctx;
    }

    private final class Listener implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            profile.end(statusOf(event), null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            profile.end(statusOf(event), event.getThrowable());
        }

        @Override
        public void onError(AsyncEvent event) {
            profile.end(statusOf(event), event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle drops its listeners; follow it too.
            event.getAsyncContext().addListener(this);
        }

        private int statusOf(AsyncEvent event) {
            ServletResponse r = event.getSuppliedResponse() != null ? event.getSuppliedResponse() : response;
            return r instanceof HttpServletResponse h ? h.getStatus() : response.getStatus();
        }
    }

    /** Delegates everything; {@link #start(Runnable)} tasks work for the request. */
    private record ProfiledAsyncContext(AsyncContext delegate, RequestProfile profile) implements AsyncContext {
        @Override public ServletRequest getRequest() { return delegate.getRequest(); }
        @Override public ServletResponse getResponse() { return delegate.getResponse(); }
        @Override public boolean hasOriginalRequestAndResponse() { return delegate.hasOriginalRequestAndResponse(); }
        @Override public void dispatch() { delegate.dispatch(); }
        @Override public void dispatch(String path) { delegate.dispatch(path); }
        @Override public void dispatch(ServletContext context, String path) { delegate.dispatch(context, path); }
        @Override public void complete() { delegate.complete(); }
        @Override public void start(Runnable run) { delegate.start(profile.wrap(run)); }
        @Override public void addListener(AsyncListener listener) { delegate.addListener(listener); }
        @Override public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            delegate.addListener(listener, request, response);
        }
        @Override public <T extends AsyncListener> T createListener(Class<T> clazz) throws jakarta.servlet.ServletException {
            return delegate.createListener(clazz);
        }
        @Override public void setTimeout(long timeout) { delegate.setTimeout(timeout); }
        @Override public long getTimeout() { return delegate.getTimeout(); }
    }

}
