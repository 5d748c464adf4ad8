package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.InterfaceStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.testing.Fixtures;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

/** {@code sstop eth0} and {@code i}: the header's figures and graph follow the chosen interfaces. */
class InterfaceTrackTest {

    private static Snapshot with(List<InterfaceStats> ifs) {
        Snapshot s = Fixtures.full(5, false);
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), s.processes(), s.hosts(), s.listen(), ifs, s.history(), s.trend(), s.visibility());
    }

    private static InterfaceStats iface(String name, double up, double down) {
        return new InterfaceStats(name, new Traffic(up, down, 0, 0), false, true);
    }

    @Test
    void aScopeKeepsOnlyItsInterfacesAndSumsThem() {
        InterfaceTrack t = InterfaceTrack.of(List.of("eth0", "wg0"));
        Snapshot s = t.limit(with(List.of(iface("eth0", 10, 20), iface("lo", 1000, 1000), iface("wg0", 1, 2))));
        assertEquals(List.of("eth0", "wg0"), s.interfaces().stream().map(InterfaceStats::name).toList());
        t = t.after(s).after(s);
        assertEquals(2, t.sum().size());
        assertEquals(11, t.sum().up(1));
        assertEquals(22, t.sum().down(1));
        assertEquals(10, t.of("eth0").up(0));
        Snapshot all = with(List.of(iface("eth0", 1, 1)));
        assertSame(all, InterfaceTrack.NONE.limit(all), "no scope: the snapshot itself");
        assertEquals(0, InterfaceTrack.NONE.after(all).sum().size(), "no sum without a scope");
    }

    @Test
    void anotherNamespacesEth0IsNeitherShownNorSummedWithOurs() {
        InterfaceStats theirs = new InterfaceStats("eth0", new Traffic(500, 500, 0, 0), false, true, 4026532177L);
        Snapshot s = with(List.of(iface("eth0", 10, 20), theirs));
        assertEquals(List.of(0L), InterfaceTrack.NONE.limit(s).interfaces().stream().map(InterfaceStats::netns).toList(),
                "the header shows sstop's own namespace's interfaces");
        Snapshot scoped = InterfaceTrack.of(List.of("eth0")).limit(s);
        assertEquals(1, scoped.interfaces().size());
        assertEquals(10, scoped.interfaces().get(0).traffic().upRate(), "sstop eth0: our eth0 only");
        assertEquals(s.users(), scoped.users(), "nothing else of the snapshot is left out");
    }

    @Test
    void historiesKeepTheLastMinuteAndAtMostTheBoundOfInterfaces() {
        InterfaceTrack t = InterfaceTrack.NONE;
        for (int i = 0; i < RateHistory.CAPACITY + 5; i++) {
            t = t.after(with(List.of(iface("eth0", i, 0))));
        }
        assertEquals(RateHistory.CAPACITY, t.of("eth0").size());
        assertEquals(RateHistory.CAPACITY + 4, t.of("eth0").up(RateHistory.CAPACITY - 1), "newest last");
        List<InterfaceStats> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(iface("veth" + i, 1, 1));
        }
        assertEquals(InterfaceTrack.MAX_INTERFACES, InterfaceTrack.NONE.after(with(many)).history().size());
    }

    @Test
    void theHeaderNamesTheChosenInterfaceShowsItsRatesAndSaysHowTheRowsAreLimited() {
        Update update = new Update(1);
        UiState s = UiState.initial(Duration.ofSeconds(1), false, 140, 30, Fixtures.T0);
        s = update.apply(s, new Event.SnapshotArrived(Fixtures.full(5, false))).state();
        String system = Screen.render(s, Names.NONE).row(0);
        assertTrue(system.contains("↑ 121 KiB/s"), system);
        s = update.apply(s, Event.Key.ch('i')).state(); // eth0: 12,345 B/s up, 67,890 down
        CellBuffer buf = Screen.render(s, Names.NONE);
        assertTrue(buf.row(0).contains("eth0 ↑ 12 KiB/s  ↓ 66 KiB/s"), buf.row(0));
        assertTrue(buf.row(1).contains("(process rows: open sockets by local address)"), buf.row(1));
        UiState scoped = UiState.initial(Duration.ofSeconds(1), false, 140, 30, Fixtures.T0)
                .with(b -> b.interfaces = InterfaceTrack.of(List.of("lo", "wl\u001b[31mx")));
        scoped = update.apply(scoped, new Event.SnapshotArrived(Fixtures.full(5, false))).state();
        CellBuffer sb = Screen.render(scoped, Names.NONE);
        assertTrue(sb.row(0).contains("lo+wl\\e[31mx ↑ 10 B/s"), "the scope's sum, its hostile name escaped: " + sb.row(0));
        assertTrue(!sb.row(1).contains("eth0"), "only the named interfaces are listed: " + sb.row(1));
    }
}
