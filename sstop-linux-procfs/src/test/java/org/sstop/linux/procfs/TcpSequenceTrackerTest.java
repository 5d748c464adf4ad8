package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Retransmitted payload is recognised by sequence number and not counted again. */
class TcpSequenceTrackerTest {

    private final TcpSequenceTracker tracker = new TcpSequenceTracker();

    private long segment(int srcPort, int seq, boolean syn, long payload) {
        ParsedPacket p = new ParsedPacket();
        p.srcLow = 0x0000_ffff_0a00_0001L;
        p.dstLow = 0x0000_ffff_0a00_0002L;
        p.srcPort = srcPort;
        p.dstPort = 443;
        p.hasTcpSeq = true;
        p.tcpSeq = seq;
        p.tcpSyn = syn;
        p.payload = payload;
        return tracker.newBytes(p);
    }

    @Test
    void inOrderSegmentsCountInFull() {
        assertEquals(0, segment(1, 999, true, 0));
        assertEquals(1000, segment(1, 1000, false, 1000));
        assertEquals(1000, segment(1, 2000, false, 1000));
    }

    @Test
    void retransmissionsCountNothingAndOverlapsOnlyTheirNewPart() {
        segment(1, 1000, false, 1000); // first seen mid-connection: counted in full
        assertEquals(1000, segment(1, 2000, false, 1000));
        assertEquals(0, segment(1, 2000, false, 1000), "a plain retransmission");
        assertEquals(0, segment(1, 1500, false, 500), "a partial retransmission");
        assertEquals(500, segment(1, 2500, false, 1000), "half old, half new");
        assertEquals(0, segment(1, 3499, false, 1), "a keepalive probe carries no new data");
        assertEquals(0, segment(1, 3500, false, 0), "a pure ACK");
    }

    @Test
    void aSegmentLostBeforeTheCaptureIsCountedWhenItsRetransmissionArrives() {
        segment(1, 0, false, 100);
        assertEquals(100, segment(1, 200, false, 100), "after a hole [100, 200)");
        assertEquals(100, segment(1, 300, false, 100));
        assertEquals(100, segment(1, 100, false, 100), "the retransmission fills the hole");
        assertEquals(0, segment(1, 100, false, 100), "and is not new a second time");
        assertEquals(0, segment(1, 200, false, 200), "nor are the segments after it");
    }

    @Test
    void aHoleFilledPieceByPiece() {
        segment(1, 0, false, 100);
        segment(1, 1000, false, 100); // hole [100, 1000)
        assertEquals(300, segment(1, 100, false, 300), "from the hole's start");
        assertEquals(100, segment(1, 900, false, 100), "at the hole's end");
        assertEquals(0, segment(1, 100, false, 300));
        assertEquals(500, segment(1, 400, false, 500), "the rest");
        assertEquals(0, segment(1, 0, false, 1100), "all of it seen now");
    }

    @Test
    void aSegmentSpanningTheHoleAndTheHighMark() {
        segment(1, 0, false, 100);
        segment(1, 200, false, 100); // hole [100, 200), high 300
        assertEquals(100 + 50, segment(1, 100, false, 250), "the hole and 50 new bytes above 300");
    }

    @Test
    void twoHolesMergeTowardsCountingTheWire() {
        segment(1, 0, false, 100);
        segment(1, 200, false, 100); // hole [100, 200)
        segment(1, 400, false, 100); // second hole [300, 400): merged into [100, 400)
        assertEquals(100, segment(1, 100, false, 100));
        assertEquals(100, segment(1, 300, false, 100));
    }

    @Test
    void flowsAreTrackedApart() {
        segment(1, 1000, false, 1000);
        assertEquals(1000, segment(2, 1000, false, 1000));
        assertEquals(0, segment(1, 1000, false, 1000));
    }

    @Test
    void aSynStartsANewSequenceSpace() {
        segment(1, 50_000, false, 1000);
        assertEquals(0, segment(1, 10, true, 0), "new connection on the same ports, lower ISN");
        assertEquals(1000, segment(1, 11, false, 1000));
    }

    @Test
    void sequenceNumbersWrapAround() {
        segment(1, -1000, false, 500);
        assertEquals(1000, segment(1, -500, false, 1000), "across 2^32");
        assertEquals(0, segment(1, -500, false, 1000));
        assertEquals(10, segment(1, 500, false, 10));
    }

    @Test
    void aFarJumpIsTakenAsANewSequenceSpace() {
        segment(1, 1000, false, 1000);
        assertEquals(700, segment(1, 1000 + (1 << 31), false, 700));
    }
}
