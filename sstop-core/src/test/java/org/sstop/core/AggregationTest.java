package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.listen;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;
import static org.sstop.core.Fakes.udp;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

class AggregationTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.mapper.own(100, proc(42, "curl", 1));
        w.mapper.own(101, proc(42, "curl", 1));
        w.mapper.own(200, proc(7, "sshd", 2));
        w.mapper.own(201, proc(7, "sshd", 2));
        w.mapper.own(300, proc(9, "named", 3));
        w.mapper.own(400, proc(11, "client", 4));
        w.mapper.own(401, proc(12, "server", 5));
        w.start(false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void perProcessPerHostListenAndSorting() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.8", 443, 101, 0, 0));
        w.sockets.put(listen(3, "0.0.0.0", 22, 200));
        w.sockets.put(tcp(4, "10.0.0.1", 22, "10.0.0.9", 51000, 201, 0, 0));
        w.sockets.put(udp(5, "0.0.0.0", 53, "0.0.0.0", 0, 300));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 5000));
        w.sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.8", 443, 101, 100, 200));
        w.sockets.put(tcp(4, "10.0.0.1", 22, "10.0.0.9", 51000, 201, 10, 20));
        Snapshot s = w.step(1000);

        ProcessStats curl = process(s, 42);
        assertEquals(1100, curl.traffic().upBytes());
        assertEquals(5200, curl.traffic().downBytes());
        assertEquals(2, curl.connections());
        assertEquals(0, curl.listening());
        assertEquals(2, curl.sockets().size());
        assertEquals("curl", curl.name());
        assertEquals("curl --flag", curl.cmdline());
        assertEquals("root", curl.user());
        assertEquals(ProcessState.RUNNING, curl.state());

        ProcessStats sshd = process(s, 7);
        assertEquals(1, sshd.connections());
        assertEquals(1, sshd.listening());
        assertEquals(1, process(s, 9).listening());

        // sorted by total rate, descending
        assertEquals(List.of(42, 7, 9), s.processes().stream().map(ProcessStats::pid).toList());

        HostStats h9 = s.hosts().get(0);
        assertEquals(IpAddress.parse("10.0.0.9"), h9.address());
        assertEquals(1010, h9.traffic().upBytes());
        assertEquals(5020, h9.traffic().downBytes());
        assertEquals(2, h9.connections());
        assertEquals(List.of(7, 42), h9.pids());
        assertEquals(IpAddress.parse("10.0.0.8"), s.hosts().get(1).address());

        assertEquals(2, s.listen().size());
        assertEquals(Protocol.TCP, s.listen().get(0).protocol());
        assertEquals(22, s.listen().get(0).local().port());
        assertEquals(7, s.listen().get(0).pid());
        assertEquals("sshd", s.listen().get(0).name());
        assertEquals(Protocol.UDP, s.listen().get(1).protocol());
        assertEquals(53, s.listen().get(1).local().port());

        assertEquals(1110, s.totals().upBytes());
        assertEquals(5220, s.totals().downBytes());
    }

    @Test
    void loopbackCountsForBothEndsButNotInTotals() throws Exception {
        w.sockets.put(tcp(1, "127.0.0.1", 40000, "127.0.0.1", 8080, 400, 0, 0));
        w.sockets.put(tcp(2, "127.0.0.1", 8080, "127.0.0.1", 40000, 401, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "127.0.0.1", 40000, "127.0.0.1", 8080, 400, 5_000_000, 100));
        w.sockets.put(tcp(2, "127.0.0.1", 8080, "127.0.0.1", 40000, 401, 100, 5_000_000));
        Snapshot s = w.step(1000);
        assertEquals(5_000_000, process(s, 11).traffic().upBytes());
        assertEquals(5_000_000, process(s, 12).traffic().downBytes());
        assertEquals(0, s.totals().totalBytes());
        assertTrue(s.hosts().isEmpty());
        assertTrue(process(s, 11).sockets().get(0).loopback());
        assertEquals("lo", process(s, 11).sockets().get(0).iface());
    }

    @Test
    void connectionToOwnNonLoopbackAddressIsLoopback() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 40000, "10.0.0.1", 8080, 400, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 8080, "10.0.0.1", 40000, 401, 0, 0));
        w.sockets.put(tcp(3, "10.0.0.1", 40001, "10.0.0.7", 8080, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 40000, "10.0.0.1", 8080, 400, 700, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 8080, "10.0.0.1", 40000, 401, 0, 700));
        w.sockets.put(tcp(3, "10.0.0.1", 40001, "10.0.0.7", 8080, 100, 50, 0));
        Snapshot s = w.step(1000);
        assertEquals(700, process(s, 11).traffic().upBytes());
        assertEquals(700, process(s, 12).traffic().downBytes());
        assertEquals(50, s.totals().upBytes());
        assertEquals(1, s.hosts().size());
        assertFalse(process(s, 42).sockets().get(0).loopback());
        assertEquals("eth0", process(s, 42).sockets().get(0).iface(), "the interface that holds 10.0.0.1");
        assertEquals("lo", process(s, 11).sockets().get(0).iface(), "to its own address: over loopback");
    }

    @Test
    void interfacesHaveRatesAndLoopbackTag() throws Exception {
        w.interfaces.set("eth0", 1000, 2000, false);
        w.interfaces.set("lo", 50, 50, true);
        w.step(1000);
        w.interfaces.set("eth0", 3000, 2500, false);
        w.interfaces.set("lo", 150, 150, true);
        Snapshot s = w.step(1000);
        assertEquals(List.of("eth0", "lo"), s.interfaces().stream().map(InterfaceStats::name).toList());
        InterfaceStats eth = s.interfaces().get(0);
        assertEquals(500, eth.traffic().upBytes());
        assertEquals(2000, eth.traffic().downBytes());
        assertEquals(2000, eth.traffic().downRate(), 1e-9, "the first measured interval sets the rate");
        assertFalse(eth.loopback());
        assertTrue(s.interfaces().get(1).loopback());
    }

    @Test
    void connectionStatsCarryAgeAndTraffic() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 10, 20));
        w.step(500);
        Snapshot s = w.step(1500);
        SocketStats c = process(s, 42).sockets().get(0);
        assertEquals(1500, c.age().toMillis());
        assertEquals(30, c.traffic().totalBytes());
        assertTrue(c.counted());
    }

    @Test
    void hostsWithoutConnectionsAreDroppedAfterTheRetention() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 10, 10));
        w.step(1000);
        w.sockets.remove(1);
        Snapshot s = w.step(1000);
        assertEquals(1, s.hosts().size(), "kept with its totals for a while");
        assertEquals(0, s.hosts().get(0).connections());
        assertEquals(20, s.hosts().get(0).traffic().totalBytes());
        s = w.step(31_000);
        assertTrue(s.hosts().isEmpty());
    }
}
