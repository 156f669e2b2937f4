package dev.hotline.core;

import dev.hotline.core.engine.RequestRecording;
import dev.hotline.core.engine.SamplingEngine;
import dev.hotline.core.model.Profile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestProfileTraceTest {
    static final String HEADER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", CALLER_SPAN = "00f067aa0ba902b7";
    static final String SERVER_SPAN = "b7ad6b7169203331";

    /** Samples nothing. */
    static final class NoEngine implements SamplingEngine {
        @Override public String name() { return "none"; }
        @Override public long intervalNs() { return 1_000_000; }
        @Override public void enter(Thread t, RequestRecording r) {}
        @Override public void exit(Thread t, RequestRecording r) {}
        @Override public void finish(RequestRecording r) { r.complete(); }
        @Override public void close() {}
    }

    private final List<Profile> out = new ArrayList<>();

    private RequestProfile begin() {
        return new RequestProfile(new RequestRecording("id", "GET", "/", null, new NoEngine(), r -> out.add(r.toProfile())));
    }

    private Profile end(RequestProfile p) {
        p.detach();
        p.end(200, null);
        return out.get(out.size() - 1);
    }

    @Test
    void trace_laterCallWins_soTheServerSpanBeatsTheHeader() {
        RequestProfile p = begin();
        p.trace(HEADER_TRACE, CALLER_SPAN);
        p.trace(HEADER_TRACE.toUpperCase(), SERVER_SPAN.toUpperCase());
        Profile profile = end(p);
        assertThat(profile.request().traceId()).isEqualTo(HEADER_TRACE);
        assertThat(profile.request().spanId()).isEqualTo(SERVER_SPAN);
    }

    @Test
    void trace_invalid_isIgnored_neverThrows() {
        RequestProfile p = begin();
        p.trace(HEADER_TRACE, CALLER_SPAN);
        p.trace(null, null);
        p.trace("0".repeat(32), SERVER_SPAN);
        p.trace(HEADER_TRACE, "0".repeat(16));
        p.trace("not a trace id", "not a span id");
        p.trace(HEADER_TRACE + "0", SERVER_SPAN);
        Profile profile = end(p);
        assertThat(profile.request().traceId()).isEqualTo(HEADER_TRACE);
        assertThat(profile.request().spanId()).isEqualTo(CALLER_SPAN);
    }

    @Test
    void trace_withoutSpan_recordsTheTraceAlone() {
        RequestProfile p = begin();
        p.trace(HEADER_TRACE, null);
        Profile profile = end(p);
        assertThat(profile.request().traceId()).isEqualTo(HEADER_TRACE);
        assertThat(profile.request().spanId()).isNull();
    }

    @Test
    void noTrace_leavesBothUnknown() {
        Profile profile = end(begin());
        assertThat(profile.request().traceId()).isNull();
        assertThat(profile.request().spanId()).isNull();
    }
}
