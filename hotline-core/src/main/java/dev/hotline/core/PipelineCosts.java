package dev.hotline.core;

import dev.hotline.core.engine.EngineCosts;

/**
 * What Hotline's own threads have spent so far, in wall-clock nanoseconds, for diagnostics and benchmarks: per
 * sampled request the endpoint figures and the keep decision, per kept profile its building and its hand-over to the
 * outputs (the profile directory writes on a thread of its own, not counted here), and the engine's reading.
 *
 * @param processed   sampled requests the pipeline has decided on
 * @param aggregateNs endpoint figures and keep decisions, over all of them
 * @param built       profiles built (the kept ones)
 * @param buildNs     building them
 * @param outputNs    handing them to the listeners (queueing the file, text reports when on)
 * @param engine      the current engine's reading costs
 * @since 0.2
 */
public record PipelineCosts(long processed, long aggregateNs, long built, long buildNs, long outputNs, EngineCosts engine) {}
