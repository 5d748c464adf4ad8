package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

class HostEntryTest {

    @Test
    void pidsAreDistinctAndSortedWithFewOrManyProcesses() {
        HostEntry h = new HostEntry(0, IpAddress.parse("10.0.0.9"));
        for (int round = 0; round < 3; round++) {
            h.resetSample();
            for (int i = 300; i > 0; i--) {
                h.pid(i % 100 + 1);
            }
            assertEquals(IntStream.rangeClosed(1, 100).boxed().toList(), h.pids());
        }
        h.resetSample();
        h.pid(7);
        h.pid(3);
        h.pid(7);
        assertEquals(List.of(3, 7), h.pids());
    }
}
