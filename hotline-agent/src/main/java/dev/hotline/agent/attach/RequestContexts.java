package dev.hotline.agent.attach;

import dev.hotline.agent.bootstrap.EntryHooks;
import dev.hotline.core.internal.FailureLog;
import org.objectweb.asm.Type;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For entry points that receive a container's per-request context instead of the servlet request and response
 * (Undertow's {@code ServletRequestContext}): finds the request and response through the context's public
 * getters named in {@link EntryPoint}, then hands them to the servlet hooks. Arguments of any other class go
 * to the hooks as they are. Reflection, not woven calls, so a container version without the getter costs its
 * requests their profiles and nothing else.
 */
final class RequestContexts extends EntryHooks {
    private final ServletHooks hooks;
    /** Binary name of a context class → {request getter, response getter}. */
    private final Map<String, String[]> getters = new HashMap<>();

    private final ClassValue<Method[]> resolved = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            String[] names = getters.get(type.getName());
            if (names == null) return null;
            try {
                return new Method[] {type.getMethod(names[0]), type.getMethod(names[1])};
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                FailureLog.logOnce("cannot reach the request of " + type.getName() + "; its requests are not profiled", e);
                return new Method[0];
            }
        }
    };

    RequestContexts(ServletHooks hooks, List<EntryPoint> entries) {
        this.hooks = hooks;
        for (EntryPoint e : entries) {
            if (e.requestGetter() == null) continue;
            String context = Type.getArgumentTypes(e.descriptor())[e.requestArg()].getClassName();
            getters.put(context, new String[] {e.requestGetter(), e.responseGetter()});
        }
    }

    @Override
    protected boolean onServe(Object request, Object response) {
        Object[] r = servletObjects(request, response, "could not reach the request of a results page call at the container's entry point");
        return r != null && hooks.onServe(r[0], r[1]);
    }

    @Override
    protected Object onEnter(Object request, Object response) {
        Object[] r = servletObjects(request, response, "could not start profiling a request at the container's entry point");
        return r == null ? null : hooks.onEnter(r[0], r[1]);
    }

    @Override
    protected void onExit(Object token, Object request, Object response, Throwable error) {
        Object[] r = servletObjects(request, response, "could not finish a request's profile");
        if (r != null) hooks.onExit(token, r[0], r[1], error);
    }

    /**
     * The servlet request and response: the arguments themselves when {@code request} is no context object,
     * else what the context's getters return; {@code null} when they cannot be reached (logged once).
     */
    private Object[] servletObjects(Object request, Object response, String failure) {
        Method[] m = request == null ? null : resolved.get(request.getClass());
        if (m == null) return new Object[] {request, response};
        if (m.length == 0) return null;
        try {
            return new Object[] {call(m[0], request), call(m[1], request)};
        } catch (RuntimeException e) {
            FailureLog.logOnce(failure, e);
            return null;
        }
    }

    private static Object call(Method getter, Object context) {
        try {
            return getter.invoke(context);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the request through " + getter, e);
        }
    }
}
