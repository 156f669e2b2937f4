package dev.hotline.core.tracecontext;

/**
 * A request's place in a distributed trace, as the W3C Trace Context spells it: the trace id (32 lowercase hex
 * digits, not all zero) and the span id (16 lowercase hex digits, not all zero).
 *
 * @param traceId the trace the request belongs to
 * @param spanId  a span of that trace: the request's own server span when a tracer gave it, the caller's span when
 *                it came from a {@code traceparent} header; {@code null} when unknown
 * @since 0.3
 */
public record TraceIds(String traceId, String spanId) {
    /** The request header that carries the caller's trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** @throws IllegalArgumentException unless both ids are well-formed and lowercase ({@code spanId} may be null) */
    public TraceIds {
        if (!isHex(traceId, 32, false)) throw new IllegalArgumentException("not a W3C trace id: " + traceId);
        if (spanId != null && !isHex(spanId, 16, false)) throw new IllegalArgumentException("not a W3C span id: " + spanId);
    }

    /**
     * The ids as a tracer or a caller gives them, upper- or lowercase; {@code null} when the trace id is missing or
     * malformed or all zero, or the span id is given but malformed or all zero. A {@code null} span id leaves the
     * span unknown.
     */
    public static TraceIds of(String traceId, String spanId) {
        if (!isHex(traceId, 32, true) || spanId != null && !isHex(spanId, 16, true)) return null;
        return new TraceIds(lower(traceId), spanId == null ? null : lower(spanId));
    }

    /**
     * The trace id and parent id of a {@code traceparent} header ({@code 00-<trace-id>-<parent-id>-<flags>}), read
     * as the W3C Trace Context recommendation says: {@code null} for a malformed header, an all-zero id, the
     * invalid version {@code ff}, or uppercase hex (the format is lowercase only). Version {@code 00} must be exactly
     * 55 characters; a later version may carry more fields after a {@code -}, and only the first four are read.
     * Spaces and tabs around the value are ignored. The span id is the caller's span, the parent of the request's.
     */
    public static TraceIds fromTraceparent(String header) {
        if (header == null) return null;
        int from = 0, to = header.length();
        while (from < to && isBlank(header.charAt(from))) from++;
        while (to > from && isBlank(header.charAt(to - 1))) to--;
        String h = header.substring(from, to);
        // version "-" trace-id "-" parent-id "-" flags
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-') return null;
        String version = h.substring(0, 2);
        if (!isLowerHex(version) || version.equals("ff")) return null;
        if (version.equals("00") ? h.length() != 55 : h.length() > 55 && h.charAt(55) != '-') return null;
        if (!isLowerHex(h.substring(53, 55))) return null;
        String traceId = h.substring(3, 35), spanId = h.substring(36, 52);
        if (!isHex(traceId, 32, false) || !isHex(spanId, 16, false)) return null;
        return new TraceIds(traceId, spanId);
    }

    /** Whether {@code s} is {@code length} hex digits, not all zero; uppercase only when {@code anyCase}. */
    static boolean isHex(String s, int length, boolean anyCase) {
        if (s == null || s.length() != length) return false;
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || anyCase && c >= 'A' && c <= 'F';
            if (!digit) return false;
            if (c != '0') nonZero = true;
        }
        return nonZero;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) return false;
        }
        return true;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String lower(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c >= 'A' && c <= 'F') return hex.toLowerCase(java.util.Locale.ROOT);
        }
        return hex;
    }
}
