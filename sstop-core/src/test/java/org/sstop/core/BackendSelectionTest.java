package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.tcp;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.PermanentFailureException;

class BackendSelectionTest {

    private final Fakes.TestClock clock = new Fakes.TestClock();
    private final Fakes.Sockets fast = new Fakes.Sockets();
    private final Fakes.Sockets slow = new Fakes.Sockets();
    private final Fakes.SocketsProvider netlink = new Fakes.SocketsProvider("netlink", 100, fast);
    private final Fakes.SocketsProvider procfs = new Fakes.SocketsProvider("procfs", 50, slow);
    private final Fakes.SocketsProvider ebpf = new Fakes.SocketsProvider("ebpf", 200, new Fakes.Sockets());

    private NetMonitor build(String forced) throws BackendSelectionException {
        return NetMonitor.builder().providers(List.of(procfs, netlink, ebpf)).socketSource(forced)
                .nanoClock(clock).wallClock(clock).build();
    }

    @Test
    void highestAvailablePriorityWinsAndReasonsAreKept() throws Exception {
        ebpf.availability = Availability.no("no BPF permission: run as root");
        try (NetMonitor m = build(null)) {
            BackendReport r = m.backends();
            assertEquals("netlink", r.selected("sockets"));
            var sockets = r.service("sockets").orElseThrow();
            assertEquals(List.of("ebpf", "netlink", "procfs"), sockets.candidates().stream().map(BackendReport.Candidate::name).toList());
            assertEquals("no BPF permission: run as root", sockets.candidates().get(0).reason());
            assertFalse(sockets.candidates().get(0).available());
            assertTrue(sockets.candidates().get(1).selected());
            assertEquals("lower priority than netlink", sockets.candidates().get(2).reason());
            assertNull(r.selected("processes"));
            assertNull(r.selected("flows"));
            assertEquals(List.of("sockets", "processes", "interfaces", "flows", "counters"),
                    r.services().stream().map(BackendReport.ServiceReport::name).toList());
            assertEquals(0, procfs.opened);
            Snapshot s = m.sample();
            assertTrue(s.visibility().limitations().stream().anyMatch(l -> l.contains("no process mapper")));
        }
    }

    @Test
    void failedOpenFallsToTheNextTier() throws Exception {
        ebpf.availability = Availability.no("absent");
        netlink.openFailure = new IOException("EPROTONOSUPPORT");
        try (NetMonitor m = build(null)) {
            BackendReport r = m.backends();
            assertEquals("procfs", r.selected("sockets"));
            assertEquals("open failed: EPROTONOSUPPORT", r.service("sockets").orElseThrow().candidates().get(1).reason());
        }
    }

    @Test
    void permanentRuntimeFailureClosesTheBackendAndOpensTheNextTier() throws Exception {
        ebpf.availability = Availability.no("absent");
        try (NetMonitor m = build(null)) {
            fast.put(tcp(1, "10.0.0.1", 1, "10.0.0.2", 2, 0, 10, 10));
            m.sample();
            fast.failNext = new PermanentFailureException("netlink socket gone", null);
            slow.put(tcp(7, "10.0.0.1", 1, "10.0.0.2", 2, 0, 5000, 5000));
            clock.advanceMillis(1000);
            Snapshot s = m.sample();
            assertTrue(fast.closed);
            assertEquals("procfs", s.backends().selected("sockets"));
            assertEquals("failed permanently: netlink socket gone",
                    s.backends().service("sockets").orElseThrow().candidates().get(1).reason());
            assertEquals(0, s.totals().totalBytes(), "a new tier starts from a baseline");
        }
    }

    @Test
    void threeTransientFailuresInARowFallThrough() throws Exception {
        ebpf.availability = Availability.no("absent");
        try (NetMonitor m = build(null)) {
            fast.failNext = new IOException("EAGAIN");
            fast.failAlways = true;
            assertThrows(IOException.class, m::sample);
            assertThrows(IOException.class, m::sample);
            assertEquals("netlink", m.backends().selected("sockets"));
            m.sample(); // third failure: falls to procfs, which answers
            assertEquals("procfs", m.backends().selected("sockets"));
            assertTrue(m.backends().service("sockets").orElseThrow().candidates().get(1).reason().startsWith("failed 3 times in a row"));
        }
    }

    @Test
    void forcedSourceIsUsedEvenIfLower() throws Exception {
        try (NetMonitor m = build("procfs")) {
            assertEquals("procfs", m.backends().selected("sockets"));
            assertEquals(0, netlink.opened);
        }
    }

    @Test
    void forcedUnknownSourceNamesItAndListsTheAvailableOnes() {
        ebpf.availability = Availability.no("absent");
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> build("bogus"));
        assertTrue(e.getMessage().contains("'bogus'"), e.getMessage());
        assertTrue(e.getMessage().contains("available: netlink, procfs"), e.getMessage());
    }

    @Test
    void forcedUnavailableSourceSaysWhy() {
        ebpf.availability = Availability.no("no BPF permission");
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> build("ebpf"));
        assertTrue(e.getMessage().contains("'ebpf' is unavailable: no BPF permission"), e.getMessage());
        assertTrue(e.getMessage().contains("available: netlink, procfs"), e.getMessage());
    }

    @Test
    void noSocketSourceAtAllIsAnError() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> NetMonitor.builder().providers(List.of()).build());
        assertTrue(e.getMessage().contains("no socket source"), e.getMessage());
    }

    @Test
    void discoverReportsServiceLoadedProvidersWithoutOpening() {
        BackendReport r = NetMonitor.discover(getClass().getClassLoader());
        var sockets = r.service("sockets").orElseThrow();
        assertEquals("test-available", sockets.selected());
        assertEquals("test-missing", sockets.candidates().get(0).name());
        assertEquals("needs the test_diag kernel module", sockets.candidates().get(0).reason());
    }

    @Test
    void builderUsesTheServiceLoaderByDefault() throws Exception {
        try (NetMonitor m = NetMonitor.builder().build()) {
            Snapshot s = m.sample();
            assertEquals("test-available", s.backends().selected("sockets"));
            assertEquals(4321, s.listen().get(0).pid());
        }
    }

    @Test
    void failingMapperFallsToTheNextMapperTier() throws Exception {
        Fakes.Mapper broken = new Fakes.Mapper() {
            @Override
            public int[] owners(List<org.sstop.api.SocketInfo> unmapped) throws IOException {
                throw new PermanentFailureException("/proc gone", null);
            }
        };
        Fakes.Mapper good = new Fakes.Mapper();
        good.own(100, Fakes.proc(42, "curl", 1));
        Fakes.Sockets sockets = new Fakes.Sockets();
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets),
                        new Fakes.MapperProvider("fast-mapper", 10, broken), new Fakes.MapperProvider("slow-mapper", 5, good)))
                .nanoClock(clock).wallClock(clock).build()) {
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            Snapshot s = m.sample();
            assertEquals("slow-mapper", s.backends().selected("processes"));
            assertEquals("failed permanently: /proc gone",
                    s.backends().service("processes").orElseThrow().candidates().get(0).reason());
            sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 10, 0));
            clock.advanceMillis(1000);
            s = m.sample();
            assertEquals(10, Fakes.process(s, 42).traffic().upBytes(), "mapped by the next tier");
        }
    }

    @Test
    void closeClosesEveryBackend() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        Fakes.Flows flows = new Fakes.Flows();
        NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets), new Fakes.FlowsProvider("f", 1, flows)))
                .build();
        assertEquals("f", m.backends().selected("flows"));
        m.close();
        assertTrue(sockets.closed);
        assertTrue(flows.closed);
    }
}
