package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.testkit.CiAssume;

/** Maps against the real kernel: create, element access, whole-map reads both ways, bounds, close. */
class BpfMapKernelTest {

    private static final int ENTRIES = 3000;

    private Bpf bpf;
    private final Memory key = new Memory(16);
    private final Memory value = new Memory(32);

    @BeforeEach
    void setUp() {
        CiAssume.root();
        assertNull(Libc.loadError(), "JNA loads on Linux");
        bpf = new Bpf();
    }

    @AfterEach
    void tearDown() {
        if (bpf != null) {
            bpf.close();
        }
    }

    @Test
    void elementsGoInComeOutAndGo() throws Exception {
        try (BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "t_elems", 16, 32, 8)) {
            put(map, 7, 70, Bpf.NOEXIST);
            ErrnoException twice = assertThrows(ErrnoException.class, () -> put(map, 7, 71, Bpf.NOEXIST));
            assertEquals(Libc.EEXIST, twice.errno());
            assertEquals(70, get(map, 7));
            put(map, 7, 72, Bpf.ANY);
            assertEquals(72, get(map, 7));
            assertEquals(-1, get(map, 8));

            key(7);
            assertTrue(map.lookupAndDelete(key, value));
            assertEquals(72, value.getLong(0));
            assertFalse(map.lookup(key, value));
            put(map, 9, 90, Bpf.ANY);
            key(9);
            assertTrue(map.delete(key));
            assertFalse(map.delete(key));
        }
    }

    @Test
    void aFullHashMapRefusesNewKeys() throws Exception {
        try (BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "t_full", 16, 32, 4)) {
            for (int i = 0; i < 4; i++) {
                put(map, i, i, Bpf.NOEXIST);
            }
            ErrnoException full = assertThrows(ErrnoException.class, () -> put(map, 99, 1, Bpf.NOEXIST));
            assertEquals(Libc.E2BIG, full.errno());
            put(map, 3, 33, Bpf.ANY); // an existing key still updates
            assertEquals(33, get(map, 3));
        }
    }

    @Test
    void wholeMapReadsSeeEveryElementOnceByBatchAndByElement() throws Exception {
        try (BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "t_read", 16, 32, 4096)) {
            for (int i = 1; i <= ENTRIES; i++) {
                put(map, i, i * 1000L, Bpf.NOEXIST);
            }
            assertEquals(readAll(map), expected());
            assertTrue(map.batched(), "this kernel does batches");
            map.readByElement();
            assertEquals(readAll(map), expected());
        }
    }

    @Test
    void batchReadsHandOverWholeBatchesAndSinglesWhenReadByElement() throws Exception {
        try (BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "t_batches", 16, 32, 4096)) {
            for (int i = 1; i <= ENTRIES; i++) {
                put(map, i, i * 1000L, Bpf.NOEXIST);
            }
            Map<Long, Long> read = new HashMap<>();
            int[] largest = {0};
            BpfMap.BatchVisitor collect = (k, v, count) -> {
                largest[0] = Math.max(largest[0], count);
                for (int i = 0; i < count; i++) {
                    assertNull(read.put(k.getLong(i * 16 + 8), v.getLong(i * 32 + 24)), "each key once");
                }
            };
            assertEquals(ENTRIES, map.forEachBatch(collect));
            assertEquals(expected(), read);
            assertTrue(largest[0] > 1 && largest[0] <= 1024, "batches of up to 1,024: " + largest[0]);
            read.clear();
            largest[0] = 0;
            map.readByElement();
            assertEquals(ENTRIES, map.forEachBatch(collect));
            assertEquals(expected(), read);
            assertEquals(1, largest[0], "one element at a time");
        }
    }

    @Test
    void anArrayMapHasEveryIndexFromTheStart() throws Exception {
        try (BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_ARRAY, "t_array", 4, 24, 1)) {
            key.clear();
            value.setLong(0, 5);
            assertTrue(map.lookup(key, value));
            assertEquals(0, value.getLong(0));
            Map<Long, Long> read = new HashMap<>();
            assertEquals(1, map.forEach((k, ko, v, vo) -> read.put((long) k.getInt(ko), v.getLong(vo))));
            assertEquals(Map.of(0L, 0L), read);
        }
    }

    @Test
    void closeReleasesTheFdAndMemlockIsReported() throws Exception {
        BpfMap map = BpfMap.create(bpf, Bpf.MAP_TYPE_HASH, "t_close", 16, 32, 1024);
        Path fdinfo = Path.of("/proc/self/fdinfo", Integer.toString(map.fd()));
        String id = mapId(fdinfo);
        assertNotNull(id, "an open map's fd names its map id");
        assertTrue(map.memlock() >= 1024L * 48, "a preallocated map holds its elements: " + map.memlock());
        map.close();
        map.close();
        // Another thread may reuse the fd number at once, even for another map: the map's id tells.
        assertNotEquals(id, mapId(fdinfo), "fd closed");
    }

    /** The {@code map_id} line of an fd's fdinfo, or null when the fd is closed or not a map. */
    private static String mapId(Path fdinfo) {
        try {
            return Files.readAllLines(fdinfo).stream().filter(l -> l.startsWith("map_id:")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private Map<Long, Long> expected() {
        Map<Long, Long> m = new HashMap<>();
        for (int i = 1; i <= ENTRIES; i++) {
            m.put((long) i, i * 1000L);
        }
        return m;
    }

    private static Map<Long, Long> readAll(BpfMap map) throws ErrnoException {
        Map<Long, Long> read = new HashMap<>();
        int n = map.forEach((k, ko, v, vo) -> {
            Long old = read.put(k.getLong(ko + 8), v.getLong(vo + 24));
            assertNull(old, "each key once");
        });
        assertEquals(read.size(), n);
        return read;
    }

    private void key(long id) {
        key.clear();
        key.setInt(0, 1);
        key.setLong(8, id);
    }

    private void put(BpfMap map, long id, long v, long flags) throws ErrnoException {
        key(id);
        value.clear();
        value.setLong(0, v);
        value.setLong(24, v);
        map.update(key, value, flags);
    }

    private long get(BpfMap map, long id) throws ErrnoException {
        key(id);
        return map.lookup(key, value) ? value.getLong(0) : -1;
    }
}
