package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.ep;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.udp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

class FlowPairingTest {

    private final Fakes.World w = new Fakes.World();

    @AfterEach
    void tearDown() {
        w.close();
    }

    private void start() throws Exception {
        w.mapper.own(100, proc(42, "vpn", 1));
        w.mapper.own(200, proc(43, "quic-server", 2));
        w.mapper.own(300, proc(44, "dns", 3));
        w.mapper.own(400, proc(45, "tcp", 4));
        w.start(true);
        w.step(1000); // baseline
    }

    @Test
    void connectedUdpByExactTuple() throws Exception {
        start();
        w.sockets.put(udp(1, "10.0.0.1", 40000, "10.0.0.9", 51820, 100));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 40000), ep("10.0.0.9", 51820), 2_400_000, 1200, false);
        Snapshot s = w.step(1000);
        assertEquals(2_400_000, process(s, 42).traffic().upBytes());
        assertEquals(1200, process(s, 42).traffic().downBytes());
        assertEquals(2_401_200, s.totals().totalBytes());
        assertEquals(0, s.unattributed().totalBytes());
        assertTrue(process(s, 42).sockets().get(0).counted());
        assertEquals(2_401_200, s.hosts().get(0).traffic().totalBytes());
    }

    @Test
    void unconnectedWildcardUdpClaimsFlowsToLocalAddressesOnly() throws Exception {
        start();
        w.sockets.put(udp(2, "0.0.0.0", 443, "0.0.0.0", 0, 200));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 443), ep("192.0.2.7", 50000), 1000, 3000, false);
        // forwarded traffic: the "local" side is not one of this host's addresses
        w.flows.add(Protocol.UDP, ep("198.51.100.3", 443), ep("192.0.2.8", 50000), 500, 500, false);
        Snapshot s = w.step(1000);
        assertEquals(1000, process(s, 43).traffic().upBytes());
        assertEquals(3000, process(s, 43).traffic().downBytes());
        assertEquals(1000, s.unattributedByReason().get(UnattributedReason.NO_SOCKET).totalBytes());
        HostStats client = s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("192.0.2.7"))).findFirst().orElseThrow();
        assertEquals(4000, client.traffic().totalBytes());
        assertEquals(java.util.List.of(43), client.pids());
    }

    @Test
    void socketOnceCountedByItsOwnCountersIsNeverCountedFromFlows() throws Exception {
        start();
        w.sockets.put(tcp(7, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.step(1000);
        // closing: the same socket (same cookie) now in TIME_WAIT, which has no byte counters,
        // while the flow counter still reports the tail it already counted
        w.sockets.put(Fakes.withCounters(Fakes.withInode(tcp(7, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 0, 0), 0), -1, -1));
        w.flows.add(Protocol.TCP, ep("10.0.0.1", 5000), ep("10.0.0.9", 80), 700, 0, false);
        Snapshot s = w.step(1000);
        assertEquals(1000, process(s, 42).traffic().upBytes(), "the tail is not counted a second time");
        assertEquals(1000, s.totals().upBytes());
    }

    @Test
    void flowCounterSkipsTcpOnlyWhileTheSourceCountsTcpItself() throws Exception {
        start();
        assertEquals(java.util.Set.of(Protocol.TCP, Protocol.UDP), w.flows.countOnly, "no TCP socket yet: count TCP");
        // a netlink-like source: TCP with counters, UDP without
        w.sockets.put(tcp(7, "10.0.0.1", 5000, "10.0.0.9", 80, 400, 10, 0));
        w.sockets.put(udp(1, "10.0.0.1", 40000, "10.0.0.9", 51820, 100));
        w.step(1000);
        assertEquals(java.util.Set.of(Protocol.UDP), w.flows.countOnly, "UDP is always counted, TCP is not needed");
        // a TCP socket without counters (a /proc-like source): TCP is needed again
        w.sockets.put(Fakes.withCounters(tcp(8, "10.0.0.1", 5001, "10.0.0.9", 80, 400, 0, 0), -1, -1));
        w.step(1000);
        assertEquals(java.util.Set.of(Protocol.TCP, Protocol.UDP), w.flows.countOnly);
    }

    @Test
    void dualStackWildcardSocketReceivesIpv4Flows() throws Exception {
        start();
        w.sockets.put(udp(2, "::", 443, "::", 0, 200));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 443), ep("192.0.2.7", 50000), 10, 20, false);
        Snapshot s = w.step(1000);
        assertEquals(30, process(s, 43).traffic().totalBytes());
    }

    @Test
    void exactlyBoundUnconnectedUdpByLocalAddressAndPort() throws Exception {
        start();
        w.sockets.put(udp(3, "10.0.0.1", 53, "0.0.0.0", 0, 300));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 53), ep("192.0.2.9", 33333), 90, 40, false);
        Snapshot s = w.step(1000);
        assertEquals(130, process(s, 44).traffic().totalBytes());
    }

    @Test
    void loopbackFlowCreditsBothEndsOnceAndStaysOutOfTotals() throws Exception {
        start();
        w.sockets.put(udp(1, "127.0.0.1", 40000, "127.0.0.1", 9999, 100));
        w.sockets.put(udp(2, "0.0.0.0", 9999, "0.0.0.0", 0, 200));
        w.flows.add(Protocol.UDP, ep("127.0.0.1", 40000), ep("127.0.0.1", 9999), 5_000_000, 10, true);
        Snapshot s = w.step(1000);
        assertEquals(5_000_000, process(s, 42).traffic().upBytes());
        assertEquals(10, process(s, 42).traffic().downBytes());
        assertEquals(5_000_000, process(s, 43).traffic().downBytes());
        assertEquals(10, process(s, 43).traffic().upBytes());
        assertEquals(0, s.totals().totalBytes());
        assertEquals(0, s.unattributed().totalBytes());
        assertTrue(s.hosts().isEmpty());
    }

    @Test
    void unmatchedFlowIsUnattributedNoSocketNeverDropped() throws Exception {
        start();
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 5353), ep("224.0.0.251", 5353), 77, 0, false);
        Snapshot s = w.step(1000);
        assertEquals(77, s.totals().upBytes());
        assertEquals(77, s.unattributedByReason().get(UnattributedReason.NO_SOCKET).upBytes());
    }

    @Test
    void socketsWithTheirOwnCountersIgnoreFlows() throws Exception {
        start();
        w.sockets.put(tcp(4, "10.0.0.1", 5000, "10.0.0.9", 80, 400, 100, 0));
        w.flows.add(Protocol.TCP, ep("10.0.0.1", 5000), ep("10.0.0.9", 80), 100, 0, false);
        Snapshot s = w.step(1000);
        assertEquals(100, process(s, 45).traffic().upBytes());
        assertEquals(100, s.totals().upBytes());
        assertFalse(s.unattributedByReason().containsKey(UnattributedReason.NO_SOCKET));
    }

    @Test
    void flowsOfASocketThatVanishedBetweenSamplesStillReachItsOwner() throws Exception {
        start();
        w.sockets.put(udp(1, "10.0.0.1", 40000, "10.0.0.9", 51820, 100));
        w.step(1000);
        w.sockets.remove(1);
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 40000), ep("10.0.0.9", 51820), 600, 0, false);
        Snapshot s = w.step(1000);
        assertEquals(600, process(s, 42).traffic().upBytes());
    }

    @Test
    void captureDropsAreReported() throws Exception {
        start();
        w.flows.dropsNext = 12;
        Snapshot s = w.step(1000);
        assertEquals(12, s.visibility().captureDrops());
        assertTrue(s.visibility().limited());
        assertTrue(s.visibility().limitations().stream().anyMatch(l -> l.contains("dropped 12 packets")));
        assertTrue(s.unattributedByReason().values().stream().allMatch(t -> t.totalBytes() > 0),
                "bytes the capture lost are unknown: no reason is listed without bytes");
    }

    @Test
    void withoutAFlowCounterUdpIsNotCountedAndSaysSo() throws Exception {
        w.mapper.own(100, proc(42, "vpn", 1));
        w.start(false);
        w.step(1000);
        w.sockets.put(udp(1, "10.0.0.1", 40000, "10.0.0.9", 51820, 100));
        Snapshot s = w.step(1000);
        assertFalse(process(s, 42).sockets().get(0).counted());
        assertEquals(1, s.visibility().uncountedSockets());
        assertTrue(s.unattributedByReason().isEmpty(), "its bytes are unknown, not zero: no reason lists them");
        assertTrue(s.visibility().limitations().stream().anyMatch(l -> l.contains("no byte counters")));
    }

    @Test
    void flowsBeforeTheBaselineAreNotCounted() throws Exception {
        w.mapper.own(100, proc(42, "vpn", 1));
        w.start(true);
        w.sockets.put(udp(1, "10.0.0.1", 40000, "10.0.0.9", 51820, 100));
        w.flows.add(Protocol.UDP, ep("10.0.0.1", 40000), ep("10.0.0.9", 51820), 999, 0, false);
        Snapshot s = w.step(1000);
        assertEquals(0, s.totals().totalBytes());
    }
}
