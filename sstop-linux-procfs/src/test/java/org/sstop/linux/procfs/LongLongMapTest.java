package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        Random random = new Random(42);
        LongLongMap map = new LongLongMap(4);
        Map<Long, Long> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = 1 + random.nextInt(3000); // small key space: many collisions and removals
            switch (random.nextInt(3)) {
                case 0 -> {
                    map.put(key, i);
                    reference.put(key, (long) i);
                }
                case 1 -> {
                    Long old = reference.remove(key);
                    assertEquals(old == null ? LongLongMap.MISSING : old, map.remove(key));
                }
                default -> {
                    Long v = reference.get(key);
                    assertEquals(v == null ? LongLongMap.MISSING : v, map.get(key));
                }
            }
            assertEquals(reference.size(), map.size());
        }
        Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertEquals(reference, seen);
    }

    @Test
    void removeIfValue() {
        LongLongMap map = new LongLongMap();
        for (long k = 1; k <= 1000; k++) {
            map.put(k, k % 3);
        }
        map.removeIfValue(v -> v == 0);
        assertEquals(667, map.size());
        for (long k = 1; k <= 1000; k++) {
            assertEquals(k % 3 == 0 ? LongLongMap.MISSING : k % 3, map.get(k));
        }
        map.clear();
        assertEquals(0, map.size());
        assertEquals(LongLongMap.MISSING, map.get(1));
    }

    @Test
    void rejectsNonPositiveKeys() {
        assertThrows(IllegalArgumentException.class, () -> new LongLongMap().put(0, 1));
    }
}
