package dev.hotline.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a call tree from its flat, saved form: for readers of saved profiles. Profiles recorded live are
 * built by {@link ProfileBuilder}; this class restores one with the times and sample counts as they were
 * saved, without recomputing them from samples.
 *
 * <p>Nodes are added in id order, each parent before its children, the root first. {@link #build()} puts
 * every node's children in the order {@link ProfileBuilder} gives them (hottest first, ties by id), so a
 * restored tree equals the one that was saved.
 *
 * @since 0.1
 */
public final class CallTreeRestorer {
    private final List<CallNode> nodes = new ArrayList<>();
    private boolean built;

    /**
     * Starts a tree with its root.
     *
     * @param rootTotalNs time covered by all samples
     * @param rootSelfNs  time of samples with an empty stack
     * @param rootSamples samples in the tree
     * @throws IllegalArgumentException if a value is negative
     */
    public CallTreeRestorer(long rootTotalNs, long rootSelfNs, long rootSamples) {
        nodes.add(node(null, null, rootTotalNs, rootSelfNs, rootSamples));
    }

    /**
     * Adds the next node; its id is the number of nodes added before it (the root is 0).
     *
     * @param parentId id of a node added earlier
     * @param frame    the node's frame, not {@code null}
     * @return the new node's id
     * @throws IllegalArgumentException if the parent is unknown, the frame is missing or a value is negative
     * @throws IllegalStateException    after {@link #build()}
     */
    public int add(int parentId, Frame frame, long totalNs, long selfNs, long samples) {
        if (built) throw new IllegalStateException("tree already built");
        if (parentId < 0 || parentId >= nodes.size()) {
            throw new IllegalArgumentException("parent " + parentId + " is not an earlier node (0.." + (nodes.size() - 1) + ")");
        }
        if (frame == null) throw new IllegalArgumentException("only the root has no frame");
        CallNode parent = nodes.get(parentId);
        CallNode n = node(parent, frame, totalNs, selfNs, samples);
        nodes.add(n);
        parent.children.add(n);
        return n.id();
    }

    /** Nodes added so far, the root included. */
    public int size() {
        return nodes.size();
    }

    /** Orders every node's children as {@link ProfileBuilder} does and returns the nodes by id, root first. */
    public List<CallNode> build() {
        if (!built) {
            built = true;
            for (CallNode n : nodes) n.children.sort(CallNode.HOTTEST_FIRST);
        }
        return List.copyOf(nodes);
    }

    private CallNode node(CallNode parent, Frame frame, long totalNs, long selfNs, long samples) {
        if (totalNs < 0 || selfNs < 0 || samples < 0) {
            throw new IllegalArgumentException("negative time or sample count: total=" + totalNs + " self=" + selfNs
                    + " samples=" + samples);
        }
        CallNode n = new CallNode(nodes.size(), parent, frame);
        n.totalNs = totalNs;
        n.selfNs = selfNs;
        n.samples = samples;
        return n;
    }
}
