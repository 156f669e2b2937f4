/**
 * Where a request stands in a distributed trace (W3C Trace Context): its trace id and span id, taken from the
 * {@code traceparent} header ({@link dev.hotline.core.tracecontext.TraceIds#fromTraceparent}) or from the current
 * span of the OpenTelemetry API ({@link dev.hotline.core.tracecontext.OpenTelemetrySpans}), so that a profile can
 * be found from its trace and the other way round. Not to be confused with {@code dev.hotline.core.trace}, the
 * exact line tracing of the Java agent.
 *
 * @since 0.3
 */
package dev.hotline.core.tracecontext;
