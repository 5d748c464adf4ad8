package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.listen;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.udp;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.SocketInfo;

/** Sockets of other network namespaces: identical tuples never collide, and a namespace is part of a host. */
class NamespaceTest {

    private static final long NS_A = 4026532001L;
    private static final long NS_B = 4026532002L;

    private final Fakes.World w = new Fakes.World();

    /** {@code s} as a socket of namespace {@code netns}. */
    private static SocketInfo in(long netns, SocketInfo s) {
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), s.state(), s.ownerKey(), s.uid(), s.pid(),
                s.bytesSent(), s.bytesReceived(), netns);
    }

    /** The same tuple in each namespace: a client at .2 talking to a server at .1, each with its own counters. */
    private void putPair(long cookieBase, long sentA, long sentB) {
        w.sockets.put(in(NS_A, tcp(cookieBase, "10.9.0.2", 40000, "10.9.0.1", 80, 100, sentA, 0)));
        w.sockets.put(in(NS_B, tcp(cookieBase + 1, "10.9.0.2", 40000, "10.9.0.1", 80, 200, sentB, 0)));
    }

    @BeforeEach
    void setUp() throws Exception {
        w.mapper.own(100, proc(10, "client-a", 1));
        w.mapper.own(200, proc(20, "client-b", 2));
        w.mapper.own(110, proc(11, "server-a", 3));
        w.mapper.own(210, proc(21, "server-b", 4));
        w.start(false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void identicalTuplesInTwoNamespacesAreTwoSocketsAndTwoHosts() throws Exception {
        putPair(1, 0, 0);
        w.step(1000);
        putPair(1, 3000, 5000);
        Snapshot s = w.step(1000);
        assertEquals(3000, process(s, 10).traffic().upBytes());
        assertEquals(5000, process(s, 20).traffic().upBytes());
        assertEquals(2, s.hosts().size(), "10.9.0.1 from A and 10.9.0.1 from B: " + s.hosts());
        List<HostStats> hosts = s.hosts().stream().sorted(Comparator.comparingLong(HostStats::netns)).toList();
        assertEquals(NS_A, hosts.get(0).netns());
        assertEquals(3000, hosts.get(0).traffic().upBytes());
        assertEquals(List.of(10), hosts.get(0).pids());
        assertEquals(NS_B, hosts.get(1).netns());
        assertEquals(List.of(20), hosts.get(1).pids());
    }

    @Test
    void identicalTuplesWithoutCookiesStayApart() throws Exception {
        // The /proc tier has no cookies: the namespace keeps the identities apart even with equal owner keys.
        w.sockets.put(in(NS_A, tcp(0, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 0, 0)));
        w.sockets.put(in(NS_B, tcp(0, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 0, 0)));
        w.step(1000);
        w.sockets.live.clear();
        w.sockets.live.add(in(NS_A, tcp(0, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 1000, 0)));
        w.sockets.live.add(in(NS_B, tcp(0, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 4000, 0)));
        Snapshot s = w.step(1000);
        assertEquals(5000, process(s, 10).traffic().upBytes(), "both sockets counted, neither taken for the other");
        assertEquals(2, process(s, 10).connections());
    }

    @Test
    void aPeerInAnotherNamespaceIsNotLoopback() throws Exception {
        // A client in A and its server in B, connected through a veth: the reverse tuple exists, but in another namespace.
        w.sockets.put(in(NS_A, tcp(1, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 0, 0)));
        w.sockets.put(in(NS_B, tcp(2, "10.9.0.1", 80, "10.9.0.2", 40000, 210, 0, 0)));
        w.step(1000);
        w.sockets.put(in(NS_A, tcp(1, "10.9.0.2", 40000, "10.9.0.1", 80, 100, 7000, 0)));
        w.sockets.put(in(NS_B, tcp(2, "10.9.0.1", 80, "10.9.0.2", 40000, 210, 0, 7000)));
        Snapshot s = w.step(1000);
        assertFalse(process(s, 10).sockets().get(0).loopback());
        assertFalse(process(s, 21).sockets().get(0).loopback());
        assertEquals(7000, s.totals().upBytes(), "each end crossed an interface of its own namespace");
        assertEquals(7000, s.totals().downBytes());
    }

    @Test
    void aLoopbackPairInsideOneNamespaceIsLoopback() throws Exception {
        w.sockets.put(in(NS_A, tcp(1, "10.9.0.2", 40000, "10.9.0.2", 80, 100, 0, 0)));
        w.sockets.put(in(NS_A, tcp(2, "10.9.0.2", 80, "10.9.0.2", 40000, 110, 0, 0)));
        w.step(1000);
        w.sockets.put(in(NS_A, tcp(1, "10.9.0.2", 40000, "10.9.0.2", 80, 100, 900, 0)));
        w.sockets.put(in(NS_A, tcp(2, "10.9.0.2", 80, "10.9.0.2", 40000, 110, 0, 900)));
        Snapshot s = w.step(1000);
        assertTrue(process(s, 10).sockets().get(0).loopback());
        assertEquals(0, s.totals().totalBytes());
        assertTrue(s.hosts().isEmpty());
    }

    @Test
    void listeningSocketsCarryTheirNamespace() throws Exception {
        w.sockets.put(in(NS_A, listen(1, "0.0.0.0", 80, 110)));
        w.sockets.put(in(NS_B, listen(2, "0.0.0.0", 80, 210)));
        w.sockets.put(listen(3, "0.0.0.0", 80, 310));
        Snapshot s = w.step(1000);
        assertEquals(3, s.listen().size(), s.listen().toString());
        assertEquals(List.of(0L, NS_A, NS_B), s.listen().stream().map(ListenEntry::netns).toList());
        assertEquals(List.of(-1, 11, 21), s.listen().stream().map(ListenEntry::pid).toList());
    }

    @Test
    void udpInAnotherNamespaceIsUncountedEvenWithAPacketCounterWhichSeesOnlyItsOwn() throws Exception {
        Fakes.World flows = new Fakes.World();
        try {
            flows.mapper.own(100, proc(10, "dns-a", 1));
            flows.mapper.own(300, proc(30, "dns-host", 3));
            flows.start(true);
            flows.sockets.put(in(NS_A, udp(1, "10.9.0.2", 5353, "0.0.0.0", 0, 100)));
            flows.sockets.put(udp(2, "10.0.0.1", 5353, "0.0.0.0", 0, 300));
            Snapshot s = flows.step(1000);
            assertEquals(1, s.visibility().uncountedSockets(), s.visibility().toString());
            assertTrue(s.visibility().limitations().stream().anyMatch(l -> l.contains("other network namespaces")),
                    s.visibility().limitations().toString());
            assertFalse(process(s, 10).sockets().get(0).counted());
            assertTrue(process(s, 30).sockets().get(0).counted(), "the host's own UDP socket is counted from packets");
        } finally {
            flows.close();
        }
    }

    @Test
    void interfacesOfOtherNamespacesAreListedApartAndLeftOutOfTheTotals() throws Exception {
        w.interfaces.set("eth0", 1000, 1000, false);
        w.interfaces.set(NS_A, "eth0", 5_000_000, 5_000_000); // found long after it was made
        w.step(1000);
        w.interfaces.set("eth0", 3000, 5000, false);
        w.interfaces.set(NS_A, "eth0", 5_000_700, 5_000_300);
        w.interfaces.set(NS_B, "eth0", 9_000, 0); // a namespace found this sample: a baseline too
        Snapshot s = w.step(1000);
        List<InterfaceStats> ifs = s.interfaces();
        assertEquals(List.of(0L, NS_A, NS_B), ifs.stream().map(InterfaceStats::netns).toList(),
                "the monitor's own first, then by namespace: " + ifs);
        assertEquals(4000, ifs.get(0).traffic().upBytes(), "transmitted 1000 -> 5000");
        assertEquals(700, ifs.get(1).traffic().downBytes(), "a namespace's eth0 is not the host's eth0");
        assertEquals(300, ifs.get(1).traffic().upBytes());
        assertEquals(0, ifs.get(2).traffic().upBytes(), "the first reading of a late-found namespace is a baseline");
        assertEquals(6000, s.coverage().sample().interfaceBytes(),
                "only the monitor's own namespace counts: a container's traffic also crosses the host's veth");
    }
}
