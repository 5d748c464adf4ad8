package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        SplittableRandom r = new SplittableRandom(42);
        LongObjectMap<Long> m = new LongObjectMap<>(4);
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long k = 1 + r.nextInt(3000); // small key space: many collisions and removals
            if (r.nextInt(3) == 0) {
                m.remove(k);
                ref.remove(k);
            } else {
                m.put(k, k * 7 + i);
                ref.put(k, k * 7 + i);
            }
        }
        assertEquals(ref.size(), m.size());
        for (long k = 1; k <= 3000; k++) {
            assertEquals(ref.get(k), m.get(k));
        }
    }

    @Test
    void zeroIsReserved() {
        LongObjectMap<String> m = new LongObjectMap<>();
        assertThrows(IllegalArgumentException.class, () -> m.put(0, "x"));
        assertEquals(null, m.get(0));
    }
}
