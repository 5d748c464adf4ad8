package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.testing.Fixtures;

/** The rows are computed once per set of inputs and reused by every state that shares them. */
class RowsTest {

    private final UiDriver ui = new UiDriver();

    @Test
    void eventsThatChangeNoInputKeepTheSameRows() {
        UiState s = ui.start(Fixtures.full(50, false));
        Rows rows = s.rows();
        UiState after = ui.send(s, Key.ch('j'), Key.of(KeyKind.PAGE_DOWN), new Event.Tick(Fixtures.T0.plusSeconds(1)),
                new Event.Resize(100, 30), Key.ch(' '), Key.ch('h'), Key.ch('?'), Key.of(KeyKind.ESC));
        assertSame(rows, after.rows(), "moves, clock, resize, pause, views and overlays re-sort nothing");
    }

    @Test
    void eachListIsRecomputedOnlyWhenItsOwnInputsChange() {
        UiState s = ui.start(Fixtures.full(50, false));
        Rows before = s.rows();
        Rows sorted = ui.send(s, Key.ch('s')).rows();
        assertNotSame(before.processes(), sorted.processes(), "a new order sorts the processes again");
        assertSame(before.hosts(), sorted.hosts(), "hosts do not depend on the sort");
        assertSame(before.listen(), sorted.listen());
        assertSame(before.connections(), sorted.connections());

        UiState detail = ui.send(s, Key.of(KeyKind.ENTER));
        assertSame(before.processes(), detail.rows().processes(), "opening a process re-sorts nothing");
        assertEquals(before.process(detail.detailPid()).sockets().size(), detail.rows().connections().size());

        Rows filtered = ui.send(s, Key.ch('/'), Key.ch('7')).rows();
        assertNotSame(before.hosts(), filtered.hosts());
        assertSame(before.connections(), filtered.connections(), "the detail rows do not depend on the filter");

        Rows next = ui.send(s, new Event.SnapshotArrived(Fixtures.full(50, false))).rows();
        assertNotSame(before.processes(), next.processes(), "a new snapshot recomputes");
        assertEquals(before.processes(), next.processes(), "to equal rows for equal data");
    }

    @Test
    void rowsAlwaysFollowTheirStateWhateverTheyWereBuiltFrom() {
        UiState a = ui.start(Fixtures.full(30, false));
        UiState b = ui.start(Fixtures.full(3, false));
        UiState mixed = new UiState(a.snapshot(), a.view(), a.back(), a.overlay(), a.paused(), SortKey.PID, a.reversed(),
                a.hostOrder(), a.listenOrder(),
                a.filter(), a.dns(), a.dnsAllowed(), a.iface(), a.refresh(), a.totals(), a.display(), a.interfaces(), a.width(), a.height(), a.now(),
                a.procs(), a.conns(), a.hosts(), a.listen(), a.groups(), a.detailPid(), a.lastClickNanos(), a.lastClickRow(), a.tree(), a.folded(), a.groupsByUser(), a.replay(), a.alerts(), b.rows());
        assertEquals(30, mixed.rows().processes().size(), "rows of another snapshot are not taken");
        assertEquals(100, mixed.rows().processes().get(0).pid(), "sorted as this state says");
        assertEquals(a.with(x -> x.sort = SortKey.PID), mixed, "equal fields, equal states");
        assertEquals(a.with(x -> x.sort = SortKey.PID).hashCode(), mixed.hashCode());
    }

    private UiState typed(UiState s, String text) {
        return ui.send(ui.type(ui.send(s, Key.ch('/')), text), Key.of(KeyKind.ENTER));
    }

    private static List<Integer> pids(UiState s) {
        return s.rows().processes().stream().map(ProcessStats::pid).sorted().toList();
    }

    @Test
    void anExpressionInTheSearchFiltersEveryViewByItsProcesses() {
        UiState s = typed(ui.start(Fixtures.full(30, false)), "name:proc1 AND NOT pid:110 OR pid:103");
        assertEquals(List.of(103, 111, 112, 113, 114, 115, 116, 117, 118, 119), pids(s));
        assertNull(s.rows().filterError());
        // Hosts whose processes pass: host i talks to pids 100+i and 101+i.
        assertTrue(s.rows().hosts().stream().allMatch(h -> h.pids().stream().anyMatch(pids(s)::contains)));
        assertEquals(12, s.rows().hosts().size(), "192.0.2.3-4 (103) and .11-.20 (111-119)");
        assertTrue(s.rows().listen().stream().allMatch(e -> pids(s).contains(e.pid())));
        assertEquals(10, s.rows().listen().size());
        UiState sockets = typed(ui.start(Fixtures.full(30, false)), "port:8007 OR (state:listen AND port:8011)");
        assertEquals(List.of(107, 111), pids(sockets));
        UiState groups = typed(ui.start(Fixtures.withContainers(12)), "container:web");
        assertEquals(List.of(102, 103), pids(groups));
        assertEquals(1, groups.rows().groups().size(), "the web group only");
    }

    @Test
    void plainWordsStillMatchWholeTextAsBefore() {
        UiState s = typed(ui.start(Fixtures.full(30, false)), "--option value2");
        assertEquals(List.of(102, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129), pids(s),
                "the whole text, spaces and all, in the command line");
        assertEquals(List.of(101), pids(typed(ui.start(Fixtures.full(30, false)), "serve")));
        assertEquals(List.of(), pids(typed(ui.start(Fixtures.full(30, false)), "value2 and more")), "'and' is a word here");
        assertNull(s.rows().filterError());
    }

    @Test
    void aWrongExpressionFiltersNothingOutAndSaysWhere() {
        UiState s = typed(ui.start(Fixtures.full(30, false)), "(name:proc1 OR");
        assertEquals(30, s.rows().processes().size(), "all rows stay while it is wrong");
        assertEquals(14, s.rows().filterError().position());
        assertEquals(31, s.rows().hosts().size());
        s = ui.send(s, Key.ch('/'), Key.of(KeyKind.BACKSPACE), Key.of(KeyKind.BACKSPACE), Key.of(KeyKind.BACKSPACE),
                Key.ch(')'), Key.of(KeyKind.ENTER));
        assertEquals("(name:proc1)", s.filter());
        assertNull(s.rows().filterError());
        assertEquals(10, s.rows().processes().size());
    }

    @Test
    void processLookUpFindsAnyPidOfTheSnapshotFilteredOrNot() {
        UiState s = ui.send(ui.start(Fixtures.full(30, false)), Key.ch('/'), Key.ch('2'), Key.ch('9'));
        assertEquals(List.of(129), s.rows().processes().stream().map(ProcessStats::pid).toList());
        assertEquals("proc3", s.rows().process(103).name(), "the index covers the filtered-out processes");
        assertNull(s.rows().process(99));
        assertNull(UiState.initial(Duration.ofSeconds(1), false, 80, 24, Fixtures.T0).rows().process(100));
    }

    @Test
    void keysRoundTripInEveryView() {
        UiState s = ui.send(ui.start(Fixtures.withContainers(30)), Key.of(KeyKind.ENTER));
        for (View v : View.values()) {
            Rows rows = s.rows();
            assertTrue(rows.size(v) > 1, v.name());
            for (int i = 0; i < rows.size(v); i++) {
                assertEquals(i, rows.indexOf(v, rows.keyAt(v, i)), v + " row " + i);
            }
            assertEquals(-1, rows.indexOf(v, "no such key"));
            assertEquals(-1, rows.indexOf(v, null));
        }
    }

    @Test
    void theListenViewIsInPortOrderAsItsHeaderSays() {
        Snapshot f = Fixtures.full(3, false);
        // The engine's order: protocol first (tcp 8080, tcp 9000, udp 53).
        List<org.sstop.core.ListenEntry> engine = List.of(
                new org.sstop.core.ListenEntry(org.sstop.api.Protocol.TCP, Fixtures.ep("0.0.0.0", 8080), 1, "a", "a"),
                new org.sstop.core.ListenEntry(org.sstop.api.Protocol.TCP, Fixtures.ep("0.0.0.0", 9000), 1, "a", "a"),
                new org.sstop.core.ListenEntry(org.sstop.api.Protocol.UDP, Fixtures.ep("0.0.0.0", 53), 2, "dns", "dns"));
        Snapshot snap = new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), f.external(), f.loopback(),
                f.coverage(), f.processes(), f.hosts(), engine, f.interfaces(), f.history(), f.trend(), f.visibility());
        List<org.sstop.core.ListenEntry> rows = ui.start(snap).rows().listen();
        assertEquals(53, rows.get(0).local().port());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).local().port() <= rows.get(i).local().port(), rows.get(i - 1) + " before " + rows.get(i));
        }
    }

    @Test
    void exitedProcessesSortBelowLiveOnesWhateverTheKey() {
        Snapshot snap = Fixtures.full(40, false); // every 17th from the 6th has exited
        for (String keys : List.of("", "m", "sss", "ssss", "sssS")) { // rate, totals, pid, name, name reversed
            UiState s = ui.start(snap);
            for (char c : keys.toCharArray()) {
                s = ui.send(s, Key.ch(c));
            }
            List<ProcessStats> rows = s.rows().processes();
            int firstExited = -1;
            for (int i = 0; i < rows.size(); i++) {
                boolean exited = rows.get(i).state() == org.sstop.core.ProcessState.EXITED;
                firstExited = exited && firstExited < 0 ? i : firstExited;
                assertEquals(firstExited >= 0, exited, "'" + keys + "' row " + i + ": no live row below an exited one");
            }
            assertTrue(firstExited > 0, "some exited and some live rows");
        }
    }

    @Test
    void choosingAnInterfaceLimitsTheProcessRowsToTheirSocketsOnItAndAllBringsThemBack() {
        UiState s = ui.start(Fixtures.full(50, false));
        List<ProcessStats> all = s.rows().processes();
        UiState eth0 = ui.send(s, Key.ch('i')); // the first interface: eth0
        assertEquals(java.util.Set.of("eth0"), eth0.chosenInterfaces());
        List<ProcessStats> rows = eth0.rows().processes();
        assertTrue(!rows.isEmpty() && rows.size() <= all.size());
        assertTrue(!s.rows().equals(eth0.rows()), "rows limited to an interface are other rows than all of them");
        for (ProcessStats p : rows) {
            double up = p.sockets().stream().mapToDouble(c -> c.traffic().upRate()).sum();
            assertEquals(up, p.traffic().upRate(), 1e-9, "pid " + p.pid() + ": its eth0 sockets' rate");
            assertTrue(p.sockets().stream().allMatch(c -> "eth0".equals(c.iface())), p.sockets().toString());
        }
        assertTrue(rows.get(0).traffic().upRate() < all.get(0).traffic().upRate(), "not the whole process's rate");
        UiState back = ui.send(eth0, Key.ch('i'), Key.ch('i'), Key.ch('i')); // lo, the third, then all again
        assertEquals(java.util.Set.of(), back.chosenInterfaces());
        assertEquals(all, back.rows().processes());
    }
}
