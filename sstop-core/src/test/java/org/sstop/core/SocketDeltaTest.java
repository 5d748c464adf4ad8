package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.withCounters;
import static org.sstop.core.Fakes.withInode;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

class SocketDeltaTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.mapper.own(100, proc(42, "curl", 7));
        w.mapper.own(101, proc(43, "wget", 8));
        w.start(false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void firstSampleOnlySetsTheBaseline() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1_000_000, 2_000_000));
        Snapshot s = w.step(1000);
        assertEquals(1, s.sequence());
        assertEquals(0, s.totals().upBytes());
        assertEquals(0, process(s, 42).traffic().totalBytes());
        assertEquals(1, process(s, 42).connections());
    }

    @Test
    void deltaIsNowMinusLastSeen() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 2000));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1500, 2700));
        Snapshot s = w.step(1000);
        assertEquals(500, process(s, 42).traffic().upBytes());
        assertEquals(700, process(s, 42).traffic().downBytes());
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1600, 2700));
        s = w.step(1000);
        assertEquals(600, process(s, 42).traffic().upBytes());
        assertEquals(600, s.totals().upBytes());
        assertEquals(700, s.totals().downBytes());
    }

    @Test
    void socketBornBetweenSamplesCountsAllItsBytes() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 101, 300, 400));
        Snapshot s = w.step(1000);
        assertEquals(300, process(s, 43).traffic().upBytes());
        assertEquals(400, process(s, 43).traffic().downBytes());
    }

    @Test
    void counterThatGoesDownIsANewSocketOnTheSameIdentity() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 1000));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 250, 1100));
        Snapshot s = w.step(1000);
        assertEquals(250, s.totals().upBytes());
        assertEquals(1100, s.totals().downBytes(), "a new socket: all it received, not 100 as if the old one went on");
    }

    @Test
    void closedSocketCountsFinalMinusLastSeenForItsOwnerByCookie() throws Exception {
        SocketInfo sock = tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0);
        w.sockets.put(sock);
        w.step(1000);
        w.sockets.put(withCounters(sock, 2000, 0));
        w.step(1000);
        // closed: gone from the live list, its final counters arrive with inode 0
        w.sockets.remove(1);
        w.sockets.closedNext.add(withInode(withCounters(sock, 30_002_000, 10), 0));
        Snapshot s = w.step(1000);
        assertEquals(30_001_000, process(s, 42).traffic().upBytes());
        assertEquals(10, process(s, 42).traffic().downBytes());
        assertEquals(0, process(s, 42).connections());
        assertEquals(0, s.unattributed().totalBytes());
    }

    @Test
    void closeNotificationAfterTheSocketLeftTheDumpCountsOnlyItsTail() throws Exception {
        SocketInfo sock = tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0);
        w.sockets.put(sock);
        w.step(1000);
        w.sockets.put(withCounters(sock, 2000, 50));
        w.step(1000);
        // half-closed, peer closed: its TIME_WAIT entry comes and goes while the fd stays open
        w.sockets.remove(1);
        w.step(1000);
        w.step(60_000);
        // the fd is closed at last: the final counters arrive for a cookie no longer listed
        w.sockets.closedNext.add(withInode(withCounters(sock, 2500, 50), 0));
        Snapshot s = w.step(1000);
        assertEquals(1500, process(s, 42).traffic().upBytes(), "the tail only, on its owner");
        assertEquals(50, process(s, 42).traffic().downBytes());
        assertEquals(1550, s.totals().totalBytes(), "not counted again as short-lived");
        assertEquals(0, s.unattributed().totalBytes());
    }

    /** A TIME_WAIT entry of a socket its process still holds, closed: no counters, no inode. */
    private static SocketInfo timeWait(SocketInfo s) {
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), SocketState.TIME_WAIT, 0, 0,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN);
    }

    /** The close notification of a connection on {@code s}'s tuple, under {@code cookie}, with its final counters. */
    private static SocketInfo closedAs(long cookie, SocketInfo s, long sent, long received) {
        return new SocketInfo(cookie, s.protocol(), s.local(), s.remote(), SocketState.CLOSE, 0, 0, SocketInfo.UNKNOWN,
                sent, received);
    }

    @Test
    void socketFirstListedInTimeWaitCountsItsFinalCountersWhenItsFdCloses() throws Exception {
        // Sent 1 MB, half-closed and closed by the peer within one interval: the dumps list only its
        // TIME_WAIT entry while the process holds the fd; the close notification brings the counters.
        SocketInfo sock = tcp(7, "127.0.0.1", 40000, "127.0.0.1", 50701, 0, 1_000_000, 0);
        w.step(1000);
        w.sockets.put(timeWait(sock));
        w.step(1000);
        w.step(1000);
        w.sockets.closedNext.add(sock);
        Snapshot s = w.step(1000);
        assertEquals(1_000_000, s.loopback().total().upBytes(), "counted, not lost");
        assertEquals(1_000_000, s.loopback().unattributed().upBytes(), "on no process: none holds a socket the dump lists");
        s = w.step(1000); // its TIME_WAIT entry is still listed
        assertEquals(0, s.loopback().total().upDelta());
    }

    @Test
    void aCloseUnderAnotherCookieThanItsTimeWaitEntryIsCountedOnce() throws Exception {
        SocketInfo sock = tcp(7, "127.0.0.1", 40000, "127.0.0.1", 50701, 0, 1_000_000, 0);
        w.step(1000);
        w.sockets.put(timeWait(sock));
        w.step(1000);
        w.sockets.closedNext.add(closedAs(8, sock, 1_000_000, 0));
        Snapshot s = w.step(1000);
        assertEquals(1_000_000, s.loopback().total().upBytes(), "the TIME_WAIT entry's connection, not another one besides it");
        assertEquals(1_000_000, s.loopback().unattributedByReason().getOrDefault(UnattributedReason.SHORT_LIVED, Traffic.ZERO).upBytes(),
                "first seen closed: its connection opened and closed between two samples");
    }

    /**
     * A connection that opened, moved its bytes and closed between two samples, whose closing end
     * the dumps list only in TIME_WAIT (no process holds it): short-lived, as its peer's end is,
     * not "no process"; and no host counts it as an open connection.
     */
    @Test
    void aConnectionFirstSeenInTimeWaitIsShortLivedAndNoHostsOpenConnection() throws Exception {
        SocketInfo sock = tcp(7, "10.0.0.1", 40000, "10.0.0.9", 50701, 0, 5_000_000, 0);
        w.step(1000);
        w.sockets.put(timeWait(sock));
        w.sockets.closedNext.add(closedAs(8, sock, 5_000_000, 0));
        Snapshot s = w.step(1000);
        assertEquals(5_000_000, s.totals().upBytes());
        assertEquals(Map.of(UnattributedReason.SHORT_LIVED, 5_000_000L), upByReason(s));
        assertEquals(0, s.hosts().get(0).connections(), "TIME_WAIT is what is left of a closed connection");
        assertEquals(5_000_000, s.hosts().get(0).traffic().upBytes());
    }

    private static Map<UnattributedReason, Long> upByReason(Snapshot s) {
        Map<UnattributedReason, Long> up = new java.util.EnumMap<>(UnattributedReason.class);
        s.unattributedByReason().forEach((r, t) -> up.put(r, t.upBytes()));
        return up;
    }

    @Test
    void aTimeWaitEntryListedAtTheBaselineCountsNothingWhenItsSocketCloses() throws Exception {
        SocketInfo sock = tcp(7, "10.0.0.1", 40000, "10.0.0.9", 443, 0, 1_000_000, 0);
        w.sockets.put(timeWait(sock));
        w.step(1000); // the baseline: its bytes moved before sstop started
        w.step(1000);
        w.sockets.closedNext.add(sock);
        Snapshot s = w.step(1000);
        assertEquals(0, s.totals().upBytes(), "bytes from before the start are not counted");
    }

    @Test
    void aCloseIsNotTakenForATimeWaitEntryThisDumpNoLongerLists() throws Exception {
        SocketInfo old = tcp(7, "127.0.0.1", 40000, "127.0.0.1", 50701, 0, 1_000_000, 0);
        w.step(1000);
        w.sockets.put(timeWait(old));
        w.step(1000);
        w.sockets.remove(7); // gone from this dump: a new connection on the same tuple took its place
        w.sockets.closedNext.add(closedAs(9, old, 500, 0));
        Snapshot s = w.step(1000);
        assertEquals(500, s.loopback().unattributedByReason().get(UnattributedReason.SHORT_LIVED).upBytes(),
                "the new connection's own bytes, as its own");
    }

    @Test
    void finalCountersOfASocketPacketsChargedCountOnlyWhatPacketsMissed() throws Exception {
        w.close();
        Fakes.World fw = new Fakes.World();
        try {
            fw.start(true);
            SocketInfo sock = tcp(7, "10.0.0.1", 40000, "10.0.0.9", 443, 0, 1_000_000, 3000);
            fw.step(1000);
            fw.sockets.put(timeWait(sock));
            fw.flows.add(Protocol.TCP, sock.local(), sock.remote(), 900_000, 3000, false);
            Snapshot s = fw.step(1000);
            assertEquals(900_000, s.totals().upBytes(), "the packets, charged to its TIME_WAIT entry");
            // Its cookie was first asked for by the dump of its TIME_WAIT entry: the socket itself
            // gets the next one when it is destroyed.
            fw.sockets.closedNext.add(closedAs(8, sock, 1_000_000, 3000));
            fw.flows.add(Protocol.TCP, sock.local(), sock.remote(), 100, 0, false); // in its counters too
            s = fw.step(1000);
            assertEquals(100_000, s.totals().upDelta(), "the counters' 1 MB less the 900 KB packets gave");
            assertEquals(0, s.totals().downDelta());
            assertEquals(1_000_000, s.totals().upBytes());
        } finally {
            fw.close();
        }
    }

    @Test
    void closedSocketNeverSeenIsShortLivedButInTotals() throws Exception {
        w.step(1000);
        w.sockets.closedNext.add(withInode(tcp(9, "10.0.0.1", 6000, "10.0.0.9", 443, 0, 5000, 600), 0));
        Snapshot s = w.step(1000);
        assertEquals(5000, s.totals().upBytes());
        assertEquals(600, s.totals().downBytes());
        assertEquals(5600, s.unattributed().totalBytes());
        assertEquals(5600, s.unattributedByReason().get(UnattributedReason.SHORT_LIVED).totalBytes());
    }

    @Test
    void closedSocketsReportedAtTheBaselineAreIgnored() throws Exception {
        w.sockets.closedNext.add(tcp(9, "10.0.0.1", 6000, "10.0.0.9", 443, 0, 5000, 600));
        Snapshot s = w.step(1000);
        assertEquals(0, s.totals().totalBytes());
    }

    @Test
    void orphanedSocketKeepsItsOwnerAfterItsInodeBecomesZero() throws Exception {
        SocketInfo sock = tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0);
        w.sockets.put(sock);
        w.step(1000);
        // the process closed it; the kernel still sends its queue (inode 0)
        w.sockets.put(withInode(withCounters(sock, 9000, 0), 0));
        Snapshot s = w.step(1000);
        assertEquals(9000, process(s, 42).traffic().upBytes());
        assertEquals(0, s.unattributed().totalBytes());
    }

    @Test
    void socketWithoutCookieIsTrackedByTupleAndInode() throws Exception {
        SocketInfo a = tcp(0, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 100, 0);
        w.sockets.live.add(a);
        w.step(1000);
        w.sockets.live.clear();
        w.sockets.live.add(withCounters(a, 350, 0));
        Snapshot s = w.step(1000);
        assertEquals(250, process(s, 42).traffic().upBytes());
    }

    @Test
    void unknownOwnerIsUnattributedNoProcess() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 555, 70, 30));
        Snapshot s = w.step(1000);
        assertEquals(100, s.unattributedByReason().get(UnattributedReason.NO_PROCESS).totalBytes());
        assertEquals(100, s.totals().totalBytes());
        assertTrue(s.processes().isEmpty());
    }

    @Test
    void unknownOwnerWithALimitedMapperIsNoPermission() throws Exception {
        w.mapper.limitations = java.util.List.of("not root: other users' sockets are not mapped");
        w.step(1000);
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 555, 70, 30));
        Snapshot s = w.step(1000);
        assertEquals(100, s.unattributedByReason().get(UnattributedReason.NO_PERMISSION).totalBytes());
        assertTrue(s.visibility().limitations().contains("not root: other users' sockets are not mapped"));
    }

    @Test
    void ownerFoundButAlreadyGoneIsProcessExited() throws Exception {
        w.mapper.owners.put(777L, 4242); // mapped, but describe() finds nothing
        w.step(1000);
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 777, 70, 30));
        Snapshot s = w.step(1000);
        assertEquals(100, s.unattributedByReason().get(UnattributedReason.PROCESS_EXITED).totalBytes());
    }

    @Test
    void sourceThatNamesTheOwnerNeedsNoMapper() throws Exception {
        w.mapper.processes.put(50, proc(50, "quic", 3));
        w.step(1000);
        w.sockets.put(new SocketInfo(5, org.sstop.api.Protocol.TCP, Fakes.ep("10.0.0.1", 7000), Fakes.ep("10.0.0.9", 443),
                org.sstop.api.SocketState.ESTABLISHED, 999, 0, 50, 10, 20));
        Snapshot s = w.step(1000);
        assertEquals(30, process(s, 50).traffic().totalBytes());
        assertEquals("quic", process(s, 50).name());
        assertFalse(w.mapper.asked.contains(999L));
    }

    @Test
    void mapperIsAskedOnlyAboutUnknownInodes() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        int calls = w.mapper.ownersCalls;
        int describes = w.mapper.describeCalls;
        for (int i = 0; i < 5; i++) {
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, i * 10, 0));
            w.step(1000);
        }
        assertEquals(calls, w.mapper.ownersCalls);
        assertEquals(describes, w.mapper.describeCalls);
    }

    @Test
    void ownerNotFoundIsAskedAgainAtTheNextSampleThenAfterABackOff() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 556, 10, 0));
        Snapshot s = w.step(100);
        assertEquals(10, s.unattributed().upBytes());
        int calls = w.mapper.ownersCalls;
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 556, 15, 0));
        w.step(100); // first retry: at the very next sample
        assertEquals(calls + 1, w.mapper.ownersCalls);
        w.mapper.own(556, proc(60, "late", 5));
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 556, 20, 0));
        s = w.step(300); // within the 0.5 s back-off after the second miss: not asked again
        assertEquals(calls + 1, w.mapper.ownersCalls);
        assertEquals(20, s.unattributed().upBytes());
        w.sockets.put(tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 556, 35, 0));
        s = w.step(300);
        assertEquals(calls + 2, w.mapper.ownersCalls);
        assertEquals(35, process(s, 60).traffic().upBytes(), "the owner found late gets the socket's earlier bytes");
        assertEquals(20, s.unattributed().upBytes(), "unattributed when counted: a cumulative figure never goes down");
        assertEquals(20, s.external().reattributed().upBytes(), "and reattributed since");
        assertEquals(35, s.external().attributedBytes());
        assertEquals(35, s.totals().upBytes());
    }

    @Test
    void cookielessSocketOrphanedWithInodeZeroKeepsItsOwner() throws Exception {
        SocketInfo a = tcp(0, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 100, 0);
        w.sockets.live.add(a);
        w.step(1000);
        w.sockets.live.clear();
        w.sockets.live.add(withInode(withCounters(a, 400, 0), 0));
        Snapshot s = w.step(1000);
        // a new identity (tuple + inode 0) that continues the tuple's socket: its owner, no double count
        assertEquals(300, process(s, 42).traffic().upBytes());
        assertEquals(0, s.unattributed().totalBytes());
    }

    @Test
    void withoutACookieACounterThatWentDownIsANewSocketBothWays() throws Exception {
        SocketInfo sock = tcp(0, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0);
        w.sockets.put(sock);
        w.step(1000);
        w.sockets.live.clear();
        w.sockets.put(withCounters(sock, 1000, 500));
        w.step(1000);
        w.sockets.live.clear();
        w.sockets.put(withCounters(sock, 100, 600)); // the tuple reused by a new connection
        Snapshot s = w.step(1000);
        assertEquals(1100, s.totals().upBytes());
        assertEquals(1100, s.totals().downBytes(), "its 600 received, not 100 as if it went on");
    }
}
