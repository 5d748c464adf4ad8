package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.SocketStats;
import org.sstop.core.Traffic;
import org.sstop.tui.testing.Fixtures;

/** The process table limited to interfaces: each process with its sockets on them only. */
class InterfaceRowsTest {

    private static SocketStats on(String iface, SocketState state, double up, long upBytes) {
        return new SocketStats(Protocol.TCP, Fixtures.ep("10.0.0.2", 40000), Fixtures.ep("192.0.2.1", 443), state,
                Duration.ofSeconds(5), new Traffic(up, up / 2, upBytes, upBytes / 2, upBytes / 10, upBytes / 20), false, true,
                iface);
    }

    @Test
    void aProcessShowsOnlyTheTrafficOfItsSocketsOnTheChosenInterfaces() {
        ProcessStats both = Fixtures.process(10, "curl", "curl", 9000, 4500, ProcessState.RUNNING, List.of(
                on("eth0", SocketState.ESTABLISHED, 1000, 10_000), on("wg0", SocketState.ESTABLISHED, 8000, 80_000),
                on("eth0", SocketState.LISTEN, 0, 0), on(null, SocketState.UNCONNECTED, 5, 50)));
        ProcessStats wgOnly = Fixtures.process(11, "wg-app", "wg-app", 300, 0, ProcessState.RUNNING,
                List.of(on("wg0", SocketState.ESTABLISHED, 300, 3000)));
        List<ProcessStats> rows = InterfaceRows.on(List.of(both, wgOnly), Set.of("eth0"));
        assertEquals(1, rows.size(), "a process with no socket on eth0 is left out");
        ProcessStats p = rows.get(0);
        assertEquals(new Traffic(1000, 500, 10_000, 5_000, 1_000, 500), p.traffic(), "the eth0 sockets only");
        assertEquals(1, p.connections());
        assertEquals(1, p.listening());
        assertEquals(2, p.sockets().size());
        assertEquals(RateHistory.EMPTY, p.history(), "no per-interface history: no sparkline rather than a wrong one");
        assertEquals("curl", p.name());
        List<ProcessStats> two = InterfaceRows.on(List.of(both, wgOnly), Set.of("eth0", "wg0"));
        assertEquals(List.of(10, 11), two.stream().map(ProcessStats::pid).toList());
        assertEquals(9000, two.get(0).traffic().upRate(), 1e-9);
    }

    @Test
    void noChosenInterfaceIsTheWholeTable() {
        List<ProcessStats> all = Fixtures.full(5, false).processes();
        assertSame(all, InterfaceRows.on(all, Set.of()));
    }
}
