package org.sstop.linux.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the counter says it cannot see, by kernel (no kernel needed). */
class CounterProgramsTest {

    @Test
    void aKernelWithReadMarksAndSendmsgForSendfileHasNoBlindSpot() {
        assertEquals(List.of(), CounterPrograms.blindSpots(true, false));
    }

    @Test
    void withoutReadMarksSplicedReadsAreSaidToBeMissed() {
        List<String> spots = CounterPrograms.blindSpots(false, false);
        assertEquals(1, spots.size());
        assertTrue(spots.get(0).contains("splice(2)") && spots.get(0).contains("counters=none"), spots.get(0));
    }

    @Test
    void aKernelThatSendsFilesThroughSendpageSaysSendfileUploadsAreMissed() {
        List<String> spots = CounterPrograms.blindSpots(true, true);
        assertEquals(1, spots.size());
        assertTrue(spots.get(0).contains("sendfile(2)") && spots.get(0).contains("6.5"), spots.get(0));
        assertEquals(2, CounterPrograms.blindSpots(false, true).size(), "the fexit path of a 5.x kernel misses both");
    }
}
