package dev.hotline.core.tracecontext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code traceparent} examples and rules of the W3C Trace Context recommendation. */
class TraceIdsTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736", SPAN = "00f067aa0ba902b7";

    @Test
    void fromTraceparent_version00_givesTraceIdAndParentId() {
        assertThat(TraceIds.fromTraceparent("00-" + TRACE + "-" + SPAN + "-01")).isEqualTo(new TraceIds(TRACE, SPAN));
        assertThat(TraceIds.fromTraceparent("00-" + TRACE + "-" + SPAN + "-00")).as("not sampled: still the request's trace")
                .isEqualTo(new TraceIds(TRACE, SPAN));
        assertThat(TraceIds.fromTraceparent(" \t00-" + TRACE + "-" + SPAN + "-01 ")).as("optional whitespace around the value")
                .isEqualTo(new TraceIds(TRACE, SPAN));
    }

    @Test
    void fromTraceparent_laterVersion_readsTheFirstFourFields() {
        assertThat(TraceIds.fromTraceparent("cc-" + TRACE + "-" + SPAN + "-01")).isEqualTo(new TraceIds(TRACE, SPAN));
        assertThat(TraceIds.fromTraceparent("cc-" + TRACE + "-" + SPAN + "-01-what-the-future-will-be-like"))
                .isEqualTo(new TraceIds(TRACE, SPAN));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00",
            "00-" + TRACE + "-" + SPAN + "-0",                // flags too short
            "00-" + TRACE + "-" + SPAN,                       // no flags
            "00-" + TRACE + "-" + SPAN + "-01-",              // version 00 has exactly four fields
            "00-" + TRACE + "-" + SPAN + "-01-extra",
            "ff-" + TRACE + "-" + SPAN + "-01",               // the invalid version
            "0-" + TRACE + "-" + SPAN + "-01",
            "000-" + TRACE + "-" + SPAN + "-01",
            "0g-" + TRACE + "-" + SPAN + "-01",
            "cc-" + TRACE + "-" + SPAN + "-01.extra",         // a later version's extra fields follow a '-'
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + SPAN + "-01", // uppercase is not the format
            "00-" + TRACE + "-00F067AA0BA902B7-01",
            "0A-" + TRACE + "-" + SPAN + "-01",
            "00-" + TRACE + "-" + SPAN + "-0A",
            "00-00000000000000000000000000000000-" + SPAN + "-01", // all-zero ids
            "00-" + TRACE + "-0000000000000000-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-" + SPAN + "-01",  // 31 digits
            "00-4bf92f3577b34da6a3ce929d0e0e47366-" + SPAN + "-01", // 33 digits
            "00-" + TRACE + "-00f067aa0ba902b-01",
            "00-" + TRACE + "-00f067aa0ba902b77-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-" + SPAN + "-01",
            "00-" + TRACE + "-00f067aa0ba902bz-01",
            "00_" + TRACE + "_" + SPAN + "_01",
            "00-" + TRACE + "-" + SPAN + "-zz",
            "00-" + TRACE + " " + SPAN + "-01",
    })
    void fromTraceparent_malformed_isNull(String header) {
        assertThat(TraceIds.fromTraceparent(header)).isNull();
    }

    @Test
    void fromTraceparent_null_isNull() {
        assertThat(TraceIds.fromTraceparent(null)).isNull();
    }

    @Test
    void of_acceptsEitherCase_andStoresLowercase() {
        assertThat(TraceIds.of(TRACE.toUpperCase(), SPAN.toUpperCase())).isEqualTo(new TraceIds(TRACE, SPAN));
        assertThat(TraceIds.of(TRACE, SPAN).traceId()).isSameAs(TRACE);
        assertThat(TraceIds.of(TRACE, null)).isEqualTo(new TraceIds(TRACE, null));
    }

    @Test
    void of_malformedOrAllZero_isNull() {
        assertThat(TraceIds.of(null, SPAN)).isNull();
        assertThat(TraceIds.of("", SPAN)).isNull();
        assertThat(TraceIds.of("0".repeat(32), SPAN)).isNull();
        assertThat(TraceIds.of(TRACE, "0".repeat(16))).isNull();
        assertThat(TraceIds.of(TRACE, "")).isNull();
        assertThat(TraceIds.of(TRACE.substring(1), SPAN)).isNull();
        assertThat(TraceIds.of(TRACE, SPAN + "0")).isNull();
        assertThat(TraceIds.of(TRACE.replace('4', 'x'), SPAN)).isNull();
        assertThat(TraceIds.of(TRACE, SPAN.replace('a', 'G'))).isNull();
    }

    @Test
    void constructor_takesOnlyTheCanonicalForm() {
        assertThatThrownBy(() -> new TraceIds(TRACE.toUpperCase(), SPAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceIds(null, SPAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TraceIds(TRACE, "0".repeat(16))).isInstanceOf(IllegalArgumentException.class);
    }
}
