package dev.hotline.core;

import dev.hotline.core.internal.QueryRedaction;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a failed request records: the root cause, not the {@code ServletException} a framework wrapped it in, as its
 * class name and message, the message redacted like the query and kept short. Containers and frameworks that handle
 * the exception themselves (an error page, Spring's error dispatch) leave it in a request attribute, found by
 * {@link #fromAttributes}.
 *
 * @since 0.2
 */
public final class RequestErrors {
    /** Request attributes where containers and frameworks leave the exception they handled, most specific first. */
    public static final List<String> ATTRIBUTES = List.of(
            "org.springframework.web.servlet.DispatcherServlet.EXCEPTION",
            "org.springframework.boot.web.servlet.error.DefaultErrorAttributes.ERROR",
            "jakarta.servlet.error.exception",
            "javax.servlet.error.exception");
    static final int MAX_MESSAGE = 300;
    private static final int MAX_DEPTH = 32;

    private RequestErrors() {}

    /** The exception a container or framework left in the request's attributes, or {@code null}. */
    public static Throwable fromAttributes(Function<String, Object> attribute) {
        for (String name : ATTRIBUTES) {
            Object v = attribute.apply(name);
            if (v instanceof Throwable t) return t;
        }
        return null;
    }

    /** The innermost cause of {@code t} (itself when it has none); cycles are cut. */
    public static Throwable rootCause(Throwable t) {
        if (t == null) return null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable x = t;
        for (int i = 0; i < MAX_DEPTH && x.getCause() != null && seen.put(x, Boolean.TRUE) == null; i++) x = x.getCause();
        return x;
    }

    /** {@code com.acme.OutOfStock: sku 42 is sold out}: the root cause's class and redacted, shortened message. */
    static String describe(Throwable error, QueryRedaction redaction) {
        if (error == null) return null;
        Throwable root = rootCause(error);
        String text = root.getClass().getName();
        String message;
        try {
            message = root.getMessage();
        } catch (RuntimeException e) {
            message = null; // a getMessage() that throws says nothing
        }
        if (message == null || message.isBlank()) return text;
        message = redaction.redactText(message.strip()).replaceAll("\\s+", " ");
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "…";
        return text + ": " + message;
    }
}
