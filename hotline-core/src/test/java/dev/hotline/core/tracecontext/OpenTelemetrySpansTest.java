package dev.hotline.core.tracecontext;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenTelemetry API is on this test's class path: a span made current without any SDK stands for a tracer's. */
class OpenTelemetrySpansTest {
    static final String TRACE = "0af7651916cd43dd8448eb211c80319c", SPAN = "b7ad6b7169203331";

    @Test
    void currentSpan_isRead() {
        assertThat(OpenTelemetrySpans.current()).as("no span yet").isNull();
        try (Scope ignored = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent()) {
            assertThat(OpenTelemetrySpans.current()).isEqualTo(new TraceIds(TRACE, SPAN));
            assertThat(OpenTelemetrySpans.current(OpenTelemetrySpansTest.class.getClassLoader())).isEqualTo(new TraceIds(TRACE, SPAN));
        }
        assertThat(OpenTelemetrySpans.current()).as("scope closed").isNull();
    }

    @Test
    void invalidSpan_isNone() {
        try (Scope ignored = Span.getInvalid().makeCurrent()) {
            assertThat(OpenTelemetrySpans.current()).isNull();
        }
    }

    @Test
    void loaderWithoutTheApi_isNone_andAskedOnce() throws Exception {
        CountingLoader none = new CountingLoader();
        try (Scope ignored = Span.wrap(SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent()) {
            for (int i = 0; i < 3; i++) assertThat(OpenTelemetrySpans.current(none)).isNull();
            assertThat(OpenTelemetrySpans.current(getClass().getClassLoader())).isNotNull();
            assertThat(OpenTelemetrySpans.current(none)).isNull();
        }
        assertThat(none.asked).as("the answer is remembered per class loader").isEqualTo(1);
        assertThat(OpenTelemetrySpans.current(null)).isNull();
        none.close();
    }

    @Test
    void loaderThatFails_isNone_neverThrows() {
        ClassLoader broken = new ClassLoader(null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) {
                throw new NoClassDefFoundError("broken on purpose: " + name);
            }
        };
        assertThat(OpenTelemetrySpans.current(broken)).isNull();
        assertThat(OpenTelemetrySpans.current(broken)).isNull();
    }

    /** Sees no OpenTelemetry; counts how often it is asked for the API. */
    static final class CountingLoader extends URLClassLoader {
        int asked;

        CountingLoader() {
            super(new URL[0], ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(OpenTelemetrySpans.SPAN)) asked++;
            return super.loadClass(name, resolve);
        }
    }
}
