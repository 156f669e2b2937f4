package dev.hotline.agent.attach;

import dev.hotline.core.RequestProfile;
import dev.hotline.core.internal.FailureLog;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The servlet API (jakarta.servlet or javax.servlet, whichever a container's request implements) through
 * reflection on its public interfaces, so one agent jar serves both. One instance per request class.
 */
final class ServletApi {
    private static final String[] PREFIXES = {"jakarta.servlet.", "javax.servlet."};

    private static final ClassValue<ServletApi> BY_CLASS = new ClassValue<>() {
        @Override
        protected ServletApi computeValue(Class<?> type) {
            for (String prefix : PREFIXES) {
                try {
                    Class<?> req = Class.forName(prefix + "http.HttpServletRequest", false, type.getClassLoader());
                    if (req.isAssignableFrom(type)) return new ServletApi(prefix, type.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // not this API
                }
            }
            return null;
        }
    };

    private final Class<?> asyncListener;
    private final Method getDispatcherType;
    private final Method getAttribute;
    private final Method setAttribute;
    private final Method getMethod;
    private final Method getRequestUri;
    private final Method getQueryString;
    private final Method isAsyncStarted;
    private final Method getAsyncContext;
    private final Method addListener;
    private final Method getStatus;
    private final Method isCommitted;
    private final Method eventSuppliedResponse;
    private final Method eventThrowable;
    private final Method eventAsyncContext;
    private final Class<?> httpResponse;
    // what the results page and the profile headers need
    private final Method getContextPath;
    private final Method getHeaderNames;
    private final Method getHeader;
    private final Method getRemoteAddr;
    private final Method isSecure;
    private final Method getInputStream;
    private final Method getServletContext;
    private final Method contextClassLoader;
    private final Method setStatus;
    private final Method setHeader;
    private final Method addHeader;
    private final Method setContentLength;
    private final Method getOutputStream;
    // servlet 4+: the mapping that selected the servlet; null before
    private final Method getHttpServletMapping;
    private final Method mappingMatch;
    private final Method mappingPattern;

    private ServletApi(String prefix, ClassLoader loader) throws ClassNotFoundException {
        try {
            Class<?> request = Class.forName(prefix + "ServletRequest", false, loader);
            Class<?> httpRequest = Class.forName(prefix + "http.HttpServletRequest", false, loader);
            Class<?> response = Class.forName(prefix + "ServletResponse", false, loader);
            httpResponse = Class.forName(prefix + "http.HttpServletResponse", false, loader);
            Class<?> asyncContext = Class.forName(prefix + "AsyncContext", false, loader);
            Class<?> asyncEvent = Class.forName(prefix + "AsyncEvent", false, loader);
            asyncListener = Class.forName(prefix + "AsyncListener", false, loader);
            getDispatcherType = request.getMethod("getDispatcherType");
            getAttribute = request.getMethod("getAttribute", String.class);
            setAttribute = request.getMethod("setAttribute", String.class, Object.class);
            isAsyncStarted = request.getMethod("isAsyncStarted");
            getAsyncContext = request.getMethod("getAsyncContext");
            getMethod = httpRequest.getMethod("getMethod");
            getRequestUri = httpRequest.getMethod("getRequestURI");
            getQueryString = httpRequest.getMethod("getQueryString");
            isCommitted = response.getMethod("isCommitted");
            getStatus = httpResponse.getMethod("getStatus");
            addListener = asyncContext.getMethod("addListener", asyncListener);
            eventSuppliedResponse = asyncEvent.getMethod("getSuppliedResponse");
            eventThrowable = asyncEvent.getMethod("getThrowable");
            eventAsyncContext = asyncEvent.getMethod("getAsyncContext");
            Class<?> servletContext = Class.forName(prefix + "ServletContext", false, loader);
            getContextPath = httpRequest.getMethod("getContextPath");
            getHeaderNames = httpRequest.getMethod("getHeaderNames");
            getHeader = httpRequest.getMethod("getHeader", String.class);
            getRemoteAddr = request.getMethod("getRemoteAddr");
            isSecure = request.getMethod("isSecure");
            getInputStream = request.getMethod("getInputStream");
            getServletContext = request.getMethod("getServletContext");
            contextClassLoader = servletContext.getMethod("getClassLoader");
            setStatus = httpResponse.getMethod("setStatus", int.class);
            setHeader = httpResponse.getMethod("setHeader", String.class, String.class);
            addHeader = httpResponse.getMethod("addHeader", String.class, String.class);
            setContentLength = response.getMethod("setContentLength", int.class);
            getOutputStream = response.getMethod("getOutputStream");
        } catch (NoSuchMethodException e) {
            throw new ClassNotFoundException("servlet API without " + e.getMessage(), e);
        }
        Method[] mapping = mappingMethods(prefix, loader);
        getHttpServletMapping = mapping[0];
        mappingMatch = mapping[1];
        mappingPattern = mapping[2];
    }

    private static Method[] mappingMethods(String prefix, ClassLoader loader) {
        try {
            Class<?> httpRequest = Class.forName(prefix + "http.HttpServletRequest", false, loader);
            Class<?> mapping = Class.forName(prefix + "http.HttpServletMapping", false, loader);
            return new Method[] {httpRequest.getMethod("getHttpServletMapping"), mapping.getMethod("getMappingMatch"),
                    mapping.getMethod("getPattern")};
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            return new Method[3]; // servlet 3.1
        }
    }

    /** The servlet mapping that selected the servlet: {match, pattern} ({@code PATH}, {@code /api/*}), or {@code null}. */
    String[] servletMapping(Object request) {
        if (getHttpServletMapping == null) return null;
        Object m = call(getHttpServletMapping, request);
        if (m == null) return null;
        Object match = call(mappingMatch, m);
        return match == null ? null : new String[] {match.toString(), (String) call(mappingPattern, m)};
    }

    /** The API a request of this class implements, or {@code null} when it is not an HTTP servlet request. */
    static ServletApi of(Object request) {
        return request == null ? null : BY_CLASS.get(request.getClass());
    }

    String dispatcherType(Object request) {
        Object t = call(getDispatcherType, request);
        return t == null ? null : t.toString();
    }

    Object attribute(Object request, String name) {
        return call(getAttribute, request, name);
    }

    void setAttribute(Object request, String name, Object value) {
        call(setAttribute, request, name, value);
    }

    String method(Object request) {
        return (String) call(getMethod, request);
    }

    String requestUri(Object request) {
        return (String) call(getRequestUri, request);
    }

    String queryString(Object request) {
        return (String) call(getQueryString, request);
    }

    boolean isAsyncStarted(Object request) {
        return (Boolean) call(isAsyncStarted, request);
    }

    boolean isCommitted(Object response) {
        return (Boolean) call(isCommitted, response);
    }

    int status(Object response) {
        return httpResponse.isInstance(response) ? (Integer) call(getStatus, response) : 0;
    }

    String contextPath(Object request) {
        return (String) call(getContextPath, request);
    }

    /** Header names as the request gives them. */
    java.util.List<String> headerNames(Object request) {
        Object names = call(getHeaderNames, request);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (names instanceof java.util.Enumeration<?> e) {
            while (e.hasMoreElements()) out.add(String.valueOf(e.nextElement()));
        }
        return out;
    }

    String header(Object request, String name) {
        return (String) call(getHeader, request, name);
    }

    String remoteAddr(Object request) {
        return (String) call(getRemoteAddr, request);
    }

    boolean isSecure(Object request) {
        return (Boolean) call(isSecure, request);
    }

    java.io.InputStream inputStream(Object request) {
        return (java.io.InputStream) call(getInputStream, request);
    }

    /**
     * Whether the container mapped the request to a web application. Tomcat's entry point also sees requests no
     * context matched; they have no servlet context (Tomcat throws rather than answer {@code null}).
     */
    boolean inWebApplication(Object request) {
        try {
            return call(getServletContext, request) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The class loader of the request's web application, or {@code null}. */
    ClassLoader applicationLoader(Object request) {
        Object ctx = call(getServletContext, request);
        return ctx == null ? null : (ClassLoader) call(contextClassLoader, ctx);
    }

    boolean isHttpResponse(Object response) {
        return httpResponse.isInstance(response);
    }

    void setStatus(Object response, int status) {
        call(setStatus, response, status);
    }

    void setHeader(Object response, String name, String value) {
        call(setHeader, response, name, value);
    }

    void addHeader(Object response, String name, String value) {
        call(addHeader, response, name, value);
    }

    void setContentLength(Object response, int length) {
        call(setContentLength, response, length);
    }

    java.io.OutputStream outputStream(Object response) {
        return (java.io.OutputStream) call(getOutputStream, response);
    }

    /** Ends {@code profile} when the request's async cycle completes, as the filter's async listener does. */
    void endWhenAsyncCompletes(Object request, Object response, RequestProfile profile) {
        Object ctx = call(getAsyncContext, request);
        Object[] self = new Object[1];
        InvocationHandler handler = (proxy, m, args) -> {
            switch (m.getName()) {
                case "onComplete": profile.end(statusOf(args[0], response), null); return null;
                case "onTimeout":
                case "onError": profile.end(statusOf(args[0], response), (Throwable) call(eventThrowable, args[0])); return null;
                case "onStartAsync":
                    // A new async cycle drops its listeners; follow it too.
                    call(addListener, call(eventAsyncContext, args[0]), self[0]);
                    return null;
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                case "toString": return "HotlineAsyncListener[" + profile.id() + "]";
                default: return null;
            }
        };
        self[0] = Proxy.newProxyInstance(asyncListener.getClassLoader(), new Class<?>[] {asyncListener}, handler);
        call(addListener, ctx, self[0]);
    }

    private int statusOf(Object event, Object response) {
        try {
            Object supplied = call(eventSuppliedResponse, event);
            return status(supplied != null && httpResponse.isInstance(supplied) ? supplied : response);
        } catch (RuntimeException e) {
            FailureLog.logOnce("could not read the status of an async response", e);
            return 0;
        }
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(m.getName() + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(m.getName() + " is not accessible", e);
        }
    }
}
