package dev.hotline.spring.boot;

import dev.hotline.core.RequestProfile;
import dev.hotline.core.internal.FailureLog;
import dev.hotline.servlet.HotlineFilter;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.springframework.core.Ordered;

import java.io.IOException;

/**
 * Records the Micrometer tracer's current span, the request's server span, on the request's Hotline profile.
 * Registered right after Spring Boot's {@code ServerHttpObservationFilter}, which starts that span (or continues the
 * caller's {@code traceparent}) after {@link HotlineFilter} has begun the profile. It replaces the caller's span the
 * filter took from the header.
 *
 * @since 0.3
 */
public final class CurrentSpanFilter implements Filter {
    /** Just after the observation filter ({@code Ordered.HIGHEST_PRECEDENCE + 1}). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final Tracer tracer;

    public CurrentSpanFilter(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request.getAttribute(HotlineFilter.PROFILE_ATTRIBUTE) instanceof RequestProfile profile) record(profile);
        chain.doFilter(request, response);
    }

    private void record(RequestProfile profile) {
        try {
            Span span = tracer.currentSpan();
            TraceContext context = span == null ? null : span.context();
            if (context == null) return;
            String traceId = context.traceId();
            // A 64-bit trace id (B3, Brave without 128-bit ids) is the low half of a W3C one, as the propagators pad it.
            if (traceId != null && traceId.length() == 16) traceId = "0000000000000000" + traceId;
            profile.trace(traceId, context.spanId());
        } catch (RuntimeException | LinkageError e) {
            FailureLog.logOnce("could not read the Micrometer tracer's current span", e);
        }
    }
}
