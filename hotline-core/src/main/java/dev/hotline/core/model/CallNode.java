package dev.hotline.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A node of the call tree: one frame (class, method and line) reached through one path of callers.
 * The root has no frame. Times are in nanoseconds of wall-clock time.
 *
 * @since 0.1
 */
public final class CallNode {
    /** The order of {@link #children()}: hottest first, ties by id, so every reader sees the same tree. */
    static final Comparator<CallNode> HOTTEST_FIRST =
            Comparator.comparingLong(CallNode::totalNs).reversed().thenComparingInt(CallNode::id);

    private final int id;
    private final CallNode parent;
    private final Frame frame;
    long totalNs;
    long selfNs;
    long samples;
    final List<CallNode> children = new ArrayList<>(2);

    CallNode(int id, CallNode parent, Frame frame) {
        this.id = id;
        this.parent = parent;
        this.frame = frame;
    }

    /** Dense id, unique within its profile; the root is 0 and a parent's id is lower than its children's. */
    public int id() { return id; }

    /** {@code null} for the root. */
    public CallNode parent() { return parent; }

    /** {@code null} for the root. */
    public Frame frame() { return frame; }

    /** Time with this node on the stack, callees included. */
    public long totalNs() { return totalNs; }

    /** Time with this node on top of the stack. */
    public long selfNs() { return selfNs; }

    public long samples() { return samples; }

    public List<CallNode> children() { return Collections.unmodifiableList(children); }

    public int depth() {
        int d = 0;
        for (CallNode n = parent; n != null; n = n.parent) d++;
        return d;
    }

    @Override
    public String toString() {
        return (frame == null ? "<root>" : frame.toString()) + " total=" + totalNs + " self=" + selfNs;
    }
}
