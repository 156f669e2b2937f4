package dev.hotline.bench.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/** Matches a path against {@code @Get} templates of registered controllers and calls the method by reflection. */
final class Router {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Get {
        String value();
    }

    private record Route(String[] segments, Object controller, Method method) {}

    private final List<Route> routes = new ArrayList<>();

    Router register(Object controller) {
        for (Method m : controller.getClass().getDeclaredMethods()) {
            Get get = m.getAnnotation(Get.class);
            if (get == null) continue;
            m.setAccessible(true);
            routes.add(new Route(get.value().substring(1).split("/"), controller, m));
        }
        return this;
    }

    void dispatch(Exchange exchange) throws Exception {
        String[] parts = exchange.path.substring(1).split("/");
        for (Route route : routes) {
            if (matches(route, parts, exchange)) {
                invoke(route, exchange);
                return;
            }
        }
        exchange.status = 404;
        exchange.result = java.util.Map.of("error", "no route for " + exchange.path);
    }

    private static boolean matches(Route route, String[] parts, Exchange exchange) {
        if (route.segments.length != parts.length) return false;
        for (int i = 0; i < parts.length; i++) {
            String s = route.segments[i];
            if (s.startsWith("{")) exchange.pathVariables.put(s.substring(1, s.length() - 1), parts[i]);
            else if (!s.equals(parts[i])) return false;
        }
        return true;
    }

    private static void invoke(Route route, Exchange exchange) throws Exception {
        try {
            exchange.result = route.method.invoke(route.controller, exchange);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }
}
