package dev.hotline.core.model;

/**
 * One sample as kept in a profile: which thread, when, how much time it stands for and where it was.
 *
 * @param thread   index into {@link Profile#threads()}
 * @param offsetNs time of the sample after the request's start
 * @param weightNs wall-clock time this sample stands for: the gap since the thread's previous sample
 * @param count    engine samples merged into this one (a batched idle stretch), at least 1
 * @param node     id of the call-tree node of the sampled stack's top frame
 * @since 0.1
 */
public record ProfileSample(int thread, long offsetNs, long weightNs, int count, int node) {
}
