package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.ep;
import static org.sstop.core.Fakes.listen;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.udp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sstop.api.FlowDelta;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;

/** Each stage of a sample on its own: what it returns for what it is given. */
class LedgerStagesTest {

    private static final long SEC = 1_000_000_000L;

    private static SampleTime at(long seconds) {
        SampleTime t = null;
        for (long s = 0; s <= seconds; s++) {
            t = SampleTime.next(t, 0, s * SEC, Instant.EPOCH.plusSeconds(s));
        }
        return t;
    }

    @Test
    void trackerReturnsEachSocketsBytesSinceThePreviousSample() {
        SocketTracker tracker = new SocketTracker();
        SocketInfo a = tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 50);
        assertEquals(0, tracker.update(SocketSample.of(List.of(a)), 1, 0, true).size(), "the baseline charges nothing");

        SocketInfo a2 = Fakes.withCounters(a, 1500, 80);
        SocketInfo b = tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 101, 300, 0);
        Charges c = tracker.update(SocketSample.of(List.of(a2, b)), 2, SEC, false);
        assertEquals(2, c.size());
        assertEquals(500, c.up(0));
        assertEquals(30, c.down(0));
        assertEquals(300, c.up(1), "a socket born since the previous sample counts all its bytes");
        assertNull(c.remote(0), "a connected socket's host is its own peer");
        assertEquals(List.of(tracker.all().get(1)), tracker.fresh());

        SocketInfo closedB = Fakes.withCounters(b, 450, 10);
        Charges last = tracker.update(new SocketSample(List.of(a2), List.of(closedB), 0), 3, 2 * SEC, false);
        assertEquals(1, last.size(), "a has not moved; b's close notification brings its tail");
        assertEquals(150, last.up(0));
        assertEquals(10, last.down(0));
        List<SockState> gone = new java.util.ArrayList<>();
        tracker.removeClosed(3, gone::add);
        assertEquals(1, gone.size());
        assertEquals(1, tracker.all().size());
    }

    @Test
    void flowMatcherChargesSocketsWithoutCountersAndNamesTheHostOfUnconnectedOnes() {
        SocketTracker tracker = new SocketTracker();
        tracker.update(SocketSample.of(List.of(
                udp(1, "10.0.0.1", 40000, "10.0.0.9", 53, 100),
                udp(2, "0.0.0.0", 5353, "0.0.0.0", 0, 101),
                tcp(3, "10.0.0.1", 5000, "10.0.0.9", 80, 102, 10, 10))), 1, 0, true);
        FlowMatcher m = new FlowMatcher(tracker.index(), new LocalAddresses(() -> Map.of(IpAddress.parse("10.0.0.1"), "eth0"), () -> 0));
        Charges c = m.match(List.of(
                new FlowDelta(Protocol.UDP, ep("10.0.0.1", 40000), ep("10.0.0.9", 53), 60, 200, 1, 1, false),
                new FlowDelta(Protocol.UDP, ep("10.0.0.1", 5353), ep("10.0.0.7", 5353), 0, 90, 0, 1, false),
                new FlowDelta(Protocol.TCP, ep("10.0.0.1", 5000), ep("10.0.0.9", 80), 999, 999, 1, 1, false),
                new FlowDelta(Protocol.UDP, ep("10.0.0.1", 9), ep("10.0.0.3", 9), 7, 0, 1, 0, false)));
        assertEquals(3, c.size(), "the TCP socket has its own counters: its flow is ignored");
        assertSame(tracker.all().get(0), c.socket(0));
        assertNull(c.remote(0));
        assertEquals(260, c.up(0) + c.down(0));
        assertSame(tracker.all().get(1), c.socket(1), "the wildcard-bound socket claims a flow to a local address");
        assertEquals(IpAddress.parse("10.0.0.7"), c.remote(1), "an unconnected socket's host comes from the flow");
        assertNull(c.socket(2), "no socket: charged to none");
        assertEquals(IpAddress.parse("10.0.0.3"), c.remote(2));
    }

    @Test
    void accountantChargesOwnerHostAndPathAndKeepsUnownedBytesForALateOwner() {
        Ledger ledger = new Ledger();
        HostTable hosts = new HostTable(30 * SEC);
        Accountant accountant = new Accountant(ledger, hosts);
        SockState owned = state(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        owned.owner = new ProcessEntry(42, proc(42, "curl", 1));
        SockState unowned = state(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 101, 0, 0));
        unowned.reason = UnattributedReason.NO_PERMISSION;
        SockState loop = state(tcp(3, "127.0.0.1", 5002, "127.0.0.1", 6379, 102, 0, 0));
        loop.loopback = true;

        Charges c = new Charges();
        c.add(owned, null, 100, 10, false);
        c.add(unowned, null, 40, 4, false);
        c.add(loop, null, 7, 0, false);
        c.add(null, IpAddress.parse("10.0.0.5"), 3, 0, false);
        accountant.post(c);
        SampleTime t = at(1);
        ledger.commit(t);
        owned.owner.meter.commit(t);
        hosts.commit(t);

        assertEquals(110, owned.owner.meter.totalBytes());
        Attribution ext = ledger.external.attribution();
        assertEquals(164 - 7, ext.total().totalBytes(), "loopback bytes are not in the system totals");
        assertEquals(44 + 3, ext.unattributed().totalBytes());
        assertEquals(44, ext.unattributedByReason().get(UnattributedReason.NO_PERMISSION).totalBytes());
        assertEquals(3, ext.unattributedByReason().get(UnattributedReason.NO_SOCKET).totalBytes());
        Attribution lo = ledger.loopback.attribution();
        assertEquals(7, lo.total().totalBytes());
        assertEquals(7, lo.unattributedByReason().get(UnattributedReason.NO_PROCESS).totalBytes(),
                "an unowned loopback socket's bytes are unattributed on the loopback path, not lost");
        assertEquals(154, hosts.get(0, IpAddress.parse("10.0.0.9")).meter.totalBytes());

        unowned.owner = new ProcessEntry(43, proc(43, "late", 1));
        accountant.reattribute(List.of(unowned));
        SampleTime t2 = at(2);
        ledger.commit(t2);
        unowned.owner.meter.commit(t2);
        assertEquals(44, unowned.owner.meter.totalBytes(), "the late owner takes its socket's earlier bytes");
        ext = ledger.external.attribution();
        assertEquals(47, ext.unattributed().totalBytes(), "unattributed never goes down");
        assertEquals(44, ext.reattributedByReason().get(UnattributedReason.NO_PERMISSION).totalBytes());
        assertEquals(157 - 47 + 44, ext.attributedBytes());
        assertNull(unowned.unclaimed, "handed over once");
    }

    @Test
    void censusCountsOpenSocketsPerProcessAndHost() {
        SocketTracker tracker = new SocketTracker();
        tracker.update(SocketSample.of(List.of(
                tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0),
                listen(2, "0.0.0.0", 22, 101),
                tcp(3, "10.0.0.1", 5002, "10.0.0.9", 80, 102, 0, 0),
                udp(4, "10.0.0.1", 40000, "10.0.0.7", 53, 103))), 1, 0, true);
        ProcessEntry p = new ProcessEntry(42, proc(42, "curl", 1));
        tracker.all().get(0).owner = p;
        tracker.all().get(1).owner = p;
        HostTable hosts = new HostTable(30 * SEC);
        Census census = new Census(hosts);
        census.count(tracker.all(), 1, false, false);

        assertEquals(1, p.connections);
        assertEquals(1, p.listening);
        assertEquals(2, p.heldSockets);
        assertEquals(1, census.listening().size());
        assertEquals(2, census.unowned(), "sockets 3 and 4 have an owner key and no owner yet");
        assertEquals(1, census.uncounted(), "the UDP socket has no counters and no flow counter runs");
        HostEntry h = hosts.get(0, IpAddress.parse("10.0.0.9"));
        assertEquals(2, h.connections);
        assertEquals(List.of(42), h.pids());
        assertFalse(census.tcpNeedsFlows(), "every TCP socket that moves payload has counters of its own");
    }

    @Test
    void publishedHistoryNeverChangesAfterwards() {
        HistoryLog log = new HistoryLog();
        log.add(100, 1, 0, SEC);
        RateHistory early = log.history(SEC);
        for (long s = 1; s < 400; s++) {
            log.add(s, 0, s * SEC, (s + 1) * SEC);
            log.history((s + 1) * SEC);
        }
        assertEquals(1, early.size());
        assertEquals(100, early.up(0), "a view stays what it was published as, across buffer moves");
        RateHistory now = log.history(400 * SEC);
        assertEquals(RateHistory.CAPACITY, now.size());
        assertEquals(399, now.up(RateHistory.CAPACITY - 1));
        assertEquals(340, now.up(0));
    }

    @Test
    void coverageComparesPayloadWithInterfaceBytesLessHeaders() {
        Ledger ledger = new Ledger();
        ledger.external.total.add(9_340, 0, false);
        ledger.interfaces(10_000, 10);
        ledger.commit(at(1));
        Coverage.Closure c = ledger.coverage().sample();
        assertEquals(9_340, c.payloadBytes());
        assertEquals(660, c.estimatedHeaderBytes());
        assertEquals(1.0, c.ratio(), 1e-9);
        ledger.commit(at(2));
        assertTrue(Double.isNaN(ledger.coverage().sample().ratio()), "no interface bytes: no ratio");
        assertEquals(10_000, ledger.coverage().total().interfaceBytes());
    }

    private static SockState state(SocketInfo si) {
        SockState s = new SockState(si.cookie(), null, si, 0);
        s.ownCounters = si.hasByteCounters();
        return s;
    }
}
