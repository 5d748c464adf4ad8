package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.sstop.core.Fakes.ep;
import static org.sstop.core.Fakes.findProcess;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.udp;
import static org.sstop.core.Fakes.withInode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

/** Cases an independent review of the engine found counting wrong; each failed before its fix. */
class ReviewRegressionTest {

    private final Fakes.World w = new Fakes.World();

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void aSocketADumpSkippedGoesOnWhereItWasInsteadOfCountingItsLifeAgain() throws Exception {
        w.mapper.own(100, proc(42, "curl", 7));
        w.start(false);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 2000, 0));
        w.step(1000);
        w.sockets.remove(1); // missing from one dump
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 2500, 0));
        Snapshot s = w.step(1000);
        assertEquals(1500, s.totals().upBytes());
        assertEquals(1500, process(s, 42).traffic().upBytes());
    }

    @Test
    void anOrphanedSocketLeavesNoOwnerBehindForTheNextSocketWithItsInode() throws Exception {
        w.mapper.own(100, proc(42, "curl", 7));
        w.start(false);
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(withInode(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0), 0)); // orphaned: inode 0
        w.step(1000);
        w.sockets.remove(1);
        w.step(1000);
        w.mapper.own(100, proc(43, "wget", 8)); // the inode number is reused by another process's socket
        w.sockets.put(tcp(2, "10.0.0.1", 6000, "10.0.0.8", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(2, "10.0.0.1", 6000, "10.0.0.8", 80, 100, 777, 0));
        Snapshot s = w.step(1000);
        assertEquals(777, process(s, 43).traffic().upBytes());
        assertEquals(0, findProcess(s, 42).map(p -> p.traffic().upBytes()).orElse(0L));
    }

    @Test
    void anOwnerFoundLateTakesItsSocketsRateToo() throws Exception {
        w.start(false);
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 100_000, 0));
        w.step(1000);
        w.mapper.own(100, proc(42, "curl", 7));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 150_000, 0));
        Snapshot s = w.step(1000);
        ProcessStats p = process(s, 42);
        assertEquals(p.sockets().get(0).traffic().upRate(), p.traffic().upRate(), 1e-6);
        assertEquals(150_000, p.traffic().upBytes());
    }

    @Test
    void aSocketThatReconnectsElsewhereIsNoLongerLoopback() throws Exception {
        w.mapper.own(200, proc(50, "dig", 9));
        w.start(true);
        w.step(1000);
        w.sockets.put(udp(5, "10.0.0.1", 4000, "127.0.0.1", 53, 200));
        w.step(1000);
        w.sockets.put(udp(5, "10.0.0.1", 4000, "8.8.8.8", 53, 200));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 4000), ep("8.8.8.8", 53), 100, 300, false);
        Snapshot s = w.step(1000);
        assertEquals(400, s.totals().totalBytes());
        assertEquals(0, s.loopback().total().totalBytes());
    }

    @Test
    void aLateCloseNotificationChargesTheHostEvenAfterItExpired() throws Exception {
        w.mapper.own(100, proc(42, "curl", 7));
        w.start(false);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.step(1000);
        w.sockets.remove(1); // gone without a notification
        for (int i = 0; i < 35; i++) {
            w.step(1000); // the host has no connection and expires
        }
        w.sockets.closedNext.add(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 1500, 0));
        Snapshot s = w.step(1000);
        long host = s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("10.0.0.9")))
                .mapToLong(h -> h.traffic().upBytes()).sum();
        assertEquals(1500, s.totals().upBytes());
        assertEquals(500, host, "the tail is charged to a live host entry, not to one already dropped");
    }

    @Test
    void whenOneOfTwoSocketsOnAPortCloses_theOtherStillGetsItsFlows() throws Exception {
        w.mapper.own(300, proc(70, "dns-a", 1));
        w.mapper.own(301, proc(71, "dns-b", 1));
        w.start(true);
        w.sockets.put(udp(1, "0.0.0.0", 443, "0.0.0.0", 0, 300));
        w.sockets.put(udp(2, "0.0.0.0", 443, "0.0.0.0", 0, 301)); // SO_REUSEPORT twin
        w.step(1000);
        w.sockets.remove(2);
        w.step(1000);
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 443), ep("10.0.0.7", 5000), 0, 900, false);
        Snapshot s = w.step(1000);
        assertEquals(900, process(s, 70).traffic().downBytes());
        assertFalse(s.unattributedByReason().containsKey(UnattributedReason.NO_SOCKET));
    }
}
