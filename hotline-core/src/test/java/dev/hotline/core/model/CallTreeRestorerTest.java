package dev.hotline.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallTreeRestorerTest {
    private static final Frame A = new Frame("A", "a", "A.java", 1);
    private static final Frame B = new Frame("B", "b", null, -1);

    @Test
    void restoresIdsParentsTotalsAndTheBuildersChildOrder() {
        CallTreeRestorer r = new CallTreeRestorer(10, 0, 4);
        assertThat(r.add(0, A, 2, 2, 1)).isEqualTo(1);
        assertThat(r.add(0, B, 8, 3, 3)).isEqualTo(2);
        assertThat(r.add(2, A, 5, 5, 2)).isEqualTo(3);
        List<CallNode> nodes = r.build();
        CallNode root = nodes.get(0);
        assertThat(root.frame()).isNull();
        assertThat(root.totalNs()).isEqualTo(10);
        assertThat(root.children()).extracting(CallNode::id).containsExactly(2, 1); // hottest first
        CallNode leaf = nodes.get(3);
        assertThat(leaf.parent()).isSameAs(nodes.get(2));
        assertThat(leaf.frame()).isEqualTo(A);
        assertThat(leaf.depth()).isEqualTo(2);
        assertThat(leaf.selfNs()).isEqualTo(5);
        assertThat(leaf.samples()).isEqualTo(2);
    }

    @Test
    void rejectsWhatNoSavedTreeCanHold() {
        CallTreeRestorer r = new CallTreeRestorer(1, 1, 1);
        assertThatThrownBy(() -> r.add(1, A, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent 1");
        assertThatThrownBy(() -> r.add(-1, A, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.add(0, null, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.add(0, A, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallTreeRestorer(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(r.size()).isEqualTo(1);
        r.build();
        assertThatThrownBy(() -> r.add(0, A, 1, 1, 1)).isInstanceOf(IllegalStateException.class);
    }
}
