package dev.hotline.core.analysis;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongIntMapTest {

    @Test
    void holdsWhatAHashMapHolds() {
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        Random r = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            // (parent, frame) pairs as the merge packs them, many sharing a half
            long key = (long) r.nextInt(5_000) << 32 | r.nextInt(300);
            map.put(key, i);
            expected.put(key, i);
        }
        map.put(Long.MIN_VALUE, 7);
        expected.put(Long.MIN_VALUE, 7);
        map.put(0L, 8);
        expected.put(0L, 8);
        assertThat(map.size()).isEqualTo(expected.size());
        expected.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
        assertThat(map.get(1L << 40)).isEqualTo(LongIntMap.MISSING);
        assertThatThrownBy(() -> map.put(1, LongIntMap.MISSING)).isInstanceOf(IllegalArgumentException.class);
    }
}
