package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.FlowDelta;

/** The flow table's overflow count and the size it asks for next. */
class FlowTableTest {

    private static void flows(FlowTable t, int n) {
        for (int i = 0; i < n; i++) {
            t.add(true, false, 0, 0xffff_0a00_0001L, 40_000 + (i & 0x3fff), 0, 0xffff_0a00_0002L + (i >> 14), 53, true, 100);
        }
    }

    @Test
    void aFullTableCountsNewFlowsApartAndAsksForFourTimesWhatItHeld() {
        FlowTable t = new FlowTable(64);
        flows(t, 100);
        assertEquals(48, t.size(), "three quarters of 64 slots are usable");
        List<FlowDelta> deltas = t.toDeltas();
        FlowDelta overflow = deltas.get(deltas.size() - 1);
        assertEquals(FlowTable.UNATTRIBUTED, overflow.local());
        assertEquals(52 * 100, overflow.bytesOut(), "the flows that did not fit are counted, not lost");
        assertEquals(256, t.capacityWanted(16, 1 << 16), "4 x 48 x 4/3 = 256");
        assertEquals(128, t.capacityWanted(16, 128), "never above the most");
    }

    @Test
    void aRoomyTableAsksForTwiceWhatItUsedAndNothingAfterAClear() {
        FlowTable t = new FlowTable(1024);
        flows(t, 300);
        assertEquals(1024, t.capacityWanted(16, 1 << 16), "2 x 300 x 4/3 = 800: the next power of two");
        t.clear();
        assertEquals(16, t.capacityWanted(16, 1 << 16));
        assertEquals(1024, t.capacity());
    }
}
