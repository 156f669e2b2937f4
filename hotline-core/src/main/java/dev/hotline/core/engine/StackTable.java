package dev.hotline.core.engine;

import dev.hotline.core.model.Frame;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One shared copy of each distinct stack and frame the engines have seen, so a request's samples hold
 * references instead of copies, and endpoint figures can add up time per stack by identity.
 *
 * <p>Bounded: past {@value #MAX_STACKS} distinct stacks the table starts afresh. Stacks handed out before stay
 * valid (they are ordinary arrays); only their sharing with later copies of the same stack is lost, which costs
 * memory, never correctness. Thread-safe; engines call it from their reader threads, rarely from request threads.
 */
final class StackTable {
    static final int MAX_STACKS = 65_536;
    static final Frame[] EMPTY = new Frame[0];
    /** The table all engines of this JVM share, so that endpoint figures can key stacks by identity. */
    static final StackTable SHARED = new StackTable();

    private static final class Key {
        final Frame[] frames;
        final int hash;

        Key(Frame[] frames) {
            this.frames = frames;
            this.hash = Arrays.hashCode(frames);
        }

        @Override public int hashCode() { return hash; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.frames, frames);
        }
    }

    private final Map<Key, Frame[]> stacks = new HashMap<>();
    private final Map<Frame, Frame> frames = new HashMap<>();

    /** The shared copy of {@code stack} (top frame first); {@code stack} itself when it is the first of its kind. */
    synchronized Frame[] intern(Frame[] stack) {
        if (stack.length == 0) return EMPTY;
        Key key = new Key(stack);
        Frame[] known = stacks.get(key);
        if (known != null) return known;
        if (stacks.size() >= MAX_STACKS) {
            stacks.clear();
            frames.clear();
        }
        for (int i = 0; i < stack.length; i++) {
            Frame f = frames.putIfAbsent(stack[i], stack[i]);
            if (f != null) stack[i] = f;
        }
        stacks.put(key, stack);
        return stack;
    }


}
