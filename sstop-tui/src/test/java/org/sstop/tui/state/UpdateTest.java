package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.kill.Sig;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Event.Mouse;
import org.sstop.tui.state.Event.MouseKind;
import org.sstop.tui.testing.Fixtures;

/** Keys, mouse, snapshots and resizes through the update function. */
class UpdateTest {

    static final long SELF = 4242;
    final UiDriver ui = new UiDriver(SELF);

    UiState start(Snapshot snap) {
        return ui.start(snap).with(b -> b.sort = SortKey.PID);
    }

    static Key ch(char c) {
        return Key.ch(c);
    }

    static int selectedPid(UiState s) {
        return Update.selectedPid(s);
    }

    @Test
    void movementKeysMoveAndClampTheCursor() {
        UiState s = start(Fixtures.running(100));
        s = ui.send(s, ch('j'), ch('j'), Key.of(KeyKind.DOWN));
        assertEquals(103, selectedPid(s));
        s = ui.send(s, ch('k'), Key.of(KeyKind.UP));
        assertEquals(101, selectedPid(s));
        s = ui.send(s, ch('k'), ch('k'), ch('k'));
        assertEquals(100, selectedPid(s), "clamped at the top");
        s = ui.send(s, ch('G'));
        assertEquals(199, selectedPid(s));
        int page = Geometry.pageRows(s, View.PROCESSES);
        assertEquals(100 - page, s.procs().offset(), "last page shown");
        s = ui.send(s, ch('g'));
        assertEquals(100, selectedPid(s));
        assertEquals(0, s.procs().offset());
        s = ui.send(s, Key.of(KeyKind.PAGE_DOWN));
        assertEquals(100 + page, selectedPid(s));
        s = ui.send(s, Key.of(KeyKind.PAGE_UP));
        assertEquals(100, selectedPid(s));
        s = ui.send(s, Key.ctrl('d'));
        assertEquals(100 + page / 2, selectedPid(s));
        s = ui.send(s, Key.ctrl('u'));
        assertEquals(100, selectedPid(s));
        s = ui.send(s, Key.of(KeyKind.END), Key.of(KeyKind.HOME));
        assertEquals(100, selectedPid(s));
    }

    @Test
    void selectionFollowsTheProcessWhenANewSnapshotReordersRows() {
        UiState s = start(Fixtures.full(20, false)).with(b -> b.sort = SortKey.RATE);
        s = Cursors.relocateAll(s);
        s = ui.send(s, ch('j'), ch('j'), ch('j'));
        int pid = selectedPid(s);
        Snapshot next = Fixtures.full(20, false);
        List<ProcessStats> reversed = new ArrayList<>(next.processes());
        // Same processes, different rates: the row moves, the selection follows it.
        List<ProcessStats> changed = new ArrayList<>();
        for (ProcessStats p : reversed) {
            changed.add(Fixtures.process(p.pid(), p.name(), p.cmdline(), p.pid() * 10.0, 0, p.state(), p.sockets()));
        }
        Snapshot snap2 = new Snapshot(8, next.time(), next.elapsed(), next.interval(), next.backends(), next.external(), next.loopback(), next.coverage(), changed, next.hosts(), next.listen(), next.interfaces(),
                next.history(), next.trend(), next.visibility());
        s = ui.send(s, new Event.SnapshotArrived(snap2));
        assertEquals(pid, selectedPid(s));
        assertEquals(119 - pid, s.procs().index(), "row moved to its new place");
    }

    @Test
    void enterOpensDetailAndEscGoesBack() {
        UiState s = start(Fixtures.full(10, false));
        s = ui.send(s, ch('j'), Key.of(KeyKind.ENTER));
        assertEquals(View.DETAIL, s.view());
        assertEquals(101, s.detailPid());
        s = ui.send(s, ch('j'));
        assertEquals(1, s.conns().index(), "detail view has its own cursor");
        s = ui.send(s, Key.of(KeyKind.ESC));
        assertEquals(View.PROCESSES, s.view());
        assertEquals(101, selectedPid(s), "cursor kept");
        s = ui.send(s, ch('h'), Key.of(KeyKind.ENTER));
        assertEquals(View.DETAIL, s.view());
        assertEquals(109, s.detailPid(), "the busiest host (192.0.2.10) opens its first process");
        s = ui.send(s, Key.of(KeyKind.ESC));
        assertEquals(View.HOSTS, s.view(), "Esc returns to the view the detail came from");
        s = ui.send(s, ch('h'));
        assertEquals(View.PROCESSES, s.view(), "h toggles");
        s = ui.send(s, ch('l'));
        assertEquals(View.LISTEN, s.view());
        s = ui.send(s, ch('j'), ch('j'), Key.of(KeyKind.ENTER));
        assertEquals(102, s.detailPid());
        s = ui.send(s, Key.of(KeyKind.ESC), Key.of(KeyKind.ESC));
        assertEquals(View.PROCESSES, s.view());
    }

    @Test
    void sortCyclesAndReverses() {
        UiState s = start(Fixtures.full(10, false)).with(b -> b.sort = SortKey.RATE);
        List<SortKey> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(s.sort());
            s = ui.send(s, ch('s'));
        }
        assertEquals(List.of(SortKey.RATE, SortKey.DOWNLOAD, SortKey.UPLOAD, SortKey.PID, SortKey.NAME,
                SortKey.CONNECTIONS), seen);
        assertEquals(SortKey.RATE, s.sort());
        assertTrue(s.descending());
        s = ui.send(s, ch('S'));
        assertFalse(s.descending());
        List<ProcessStats> rows = s.rows().processes();
        assertTrue(rows.get(0).traffic().totalRate() <= rows.get(rows.size() - 1).traffic().totalRate());
    }

    @Test
    void theHostsAndListenViewsSortTheirOwnRowsAndNeverTheProcessTable() {
        UiState s = start(Fixtures.full(30, false)); // processes by pid
        List<Integer> processOrder = s.rows().processes().stream().map(ProcessStats::pid).toList();

        s = ui.send(s, ch('h'));
        List<org.sstop.core.HostStats> hosts = s.rows().hosts();
        for (int i = 1; i < hosts.size(); i++) {
            assertTrue(hosts.get(i - 1).traffic().totalRate() >= hosts.get(i).traffic().totalRate(), "busiest first");
        }
        s = ui.send(s, ch('s'), ch('s'), ch('s')); // down, up, connections
        assertEquals(HostSort.CONNECTIONS, s.hostOrder().key());
        hosts = s.rows().hosts();
        for (int i = 1; i < hosts.size(); i++) {
            assertTrue(hosts.get(i - 1).connections() >= hosts.get(i).connections(), "most connections first");
        }
        s = ui.send(s, ch('S'));
        assertFalse(s.hostOrder().descending());
        assertEquals(1, s.rows().hosts().get(0).connections(), "fewest first");
        s = ui.send(s, ch('s'));
        assertEquals("192.0.2.1", s.rows().hosts().get(0).address().toString(), "by address");
        assertEquals("2001:db8::42", s.rows().hosts().get(s.rows().hosts().size() - 1).address().toString());

        s = ui.send(s, ch('l'), ch('s'), ch('s')); // protocol, address
        assertEquals(ListenSort.ADDRESS, s.listenOrder().key());
        List<org.sstop.core.ListenEntry> listen = s.rows().listen();
        assertEquals("0.0.0.0", listen.get(0).local().address().toString());
        assertEquals("::", listen.get(listen.size() - 1).local().address().toString());
        s = ui.send(s, ch('s'), ch('S')); // pid, reversed
        assertEquals(129, s.rows().listen().get(0).pid());

        assertEquals(SortKey.PID, s.sort(), "the process table's key is untouched");
        assertFalse(s.reversed());
        s = ui.send(s, Key.of(KeyKind.ESC), ch('D'), ch('s'), ch('S'), Key.of(KeyKind.ESC), ch('j'), Key.of(KeyKind.ENTER),
                ch('s'), ch('S'), Key.of(KeyKind.ESC));
        assertEquals(View.PROCESSES, s.view());
        assertEquals(SortKey.PID, s.sort(), "nor by the groups and detail views");
        assertFalse(s.reversed());
        assertEquals(processOrder, s.rows().processes().stream().map(ProcessStats::pid).toList());
        assertEquals(ListenSort.PID, s.listenOrder().key(), "each view keeps its own order");
        assertEquals(HostSort.HOST, s.hostOrder().key());
    }

    @Test
    void searchFiltersLiveEnterKeepsEscClears() {
        UiState s = start(Fixtures.full(30, false));
        s = ui.send(s, ch('/'), ch('p'), ch('r'), ch('o'), ch('c'), ch('2'));
        assertInstanceOf(Overlay.Search.class, s.overlay());
        assertEquals("proc2", s.filter());
        assertTrue(s.rows().processes().stream().allMatch(p -> p.name().contains("proc2")));
        assertEquals(11, s.rows().processes().size(), "proc2 and proc20-29");
        s = ui.send(s, Key.of(KeyKind.BACKSPACE), Key.of(KeyKind.ENTER));
        assertNull(s.overlay());
        assertEquals("proc", s.filter(), "Enter keeps the filter");
        s = ui.send(s, ch('/'), ch('1'), ch('1'), ch('5'));
        assertEquals("proc115", s.filter());
        s = ui.send(s, Key.of(KeyKind.ESC));
        assertEquals("", s.filter(), "Esc clears");
        s = ui.send(s, ch('/'), ch('1'), ch('0'), ch('7'), Key.of(KeyKind.ENTER));
        assertEquals(List.of(107), s.rows().processes().stream().map(ProcessStats::pid).toList(), "pid matches");
        s = ui.send(s, Key.of(KeyKind.ESC));
        assertEquals("", s.filter(), "Esc in the view clears a kept filter");
        s = ui.send(s, ch('/'), Key.ch(0x1b), ch('q'));
        assertEquals("\\eq", s.filter(), "typed text is sanitized; q is text in search");
        assertTrue(ui.commands.isEmpty());
    }

    @Test
    void killDialogChoosesConfirmsAndSends() {
        UiState s = start(Fixtures.full(10, false));
        s = ui.send(s, ch('j'), ch('j'), ch('K'));
        Overlay.Kill k = (Overlay.Kill) s.overlay();
        assertEquals(102, k.pid());
        assertEquals(1102, k.startTime());
        assertEquals(Overlay.KillStage.CHOOSE, k.stage());
        s = ui.send(s, ch('j'), Key.of(KeyKind.DOWN), ch('k'));
        assertEquals(Sig.SIGKILL, ((Overlay.Kill) s.overlay()).sig());
        s = ui.send(s, ch('4'));
        assertEquals(Sig.SIGHUP, ((Overlay.Kill) s.overlay()).sig());
        s = ui.send(s, Key.of(KeyKind.ENTER));
        assertEquals(Overlay.KillStage.CONFIRM, ((Overlay.Kill) s.overlay()).stage());
        s = ui.send(s, ch('n'));
        assertEquals(Overlay.KillStage.CHOOSE, ((Overlay.Kill) s.overlay()).stage());
        s = ui.send(s, Key.of(KeyKind.ENTER), ch('y'));
        assertEquals(Overlay.KillStage.SENDING, ((Overlay.Kill) s.overlay()).stage());
        assertEquals(List.of(new Command.SendSignal(102, 1102, "proc2", Sig.SIGHUP)), ui.commands);
        s = ui.send(s, new Event.KillResult(true, "SIGHUP sent"));
        assertEquals("SIGHUP sent", ((Overlay.Kill) s.overlay()).message());
        s = ui.send(s, ch('x'));
        assertNull(s.overlay());
        s = ui.send(s, ch('K'), Key.of(KeyKind.ESC));
        assertNull(s.overlay(), "Esc cancels");
        assertEquals(1, ui.commands.size());
    }

    @Test
    void killRefusesBeforeOfferingASignalWhatTheSystemSaysMayNotBeSignalled() {
        List<String> asked = new ArrayList<>();
        Update guarded = new Update(SELF, (pid, name, user) -> {
            asked.add(pid + " " + name + " " + user);
            return pid == 102 ? "Refused: you may not signal " + name + " (pid " + pid + ")" : null;
        });
        UiState s = start(Fixtures.full(10, false));
        s = guarded.apply(s, ch('j')).state();
        s = guarded.apply(s, ch('K')).state();
        assertEquals(Overlay.KillStage.CHOOSE, ((Overlay.Kill) s.overlay()).stage(), "pid 101 may be signalled");
        s = guarded.apply(s, Key.of(KeyKind.ESC)).state();
        s = guarded.apply(s, ch('j')).state();
        Update.Step step = guarded.apply(s, ch('K'));
        Overlay.Kill k = (Overlay.Kill) step.state().overlay();
        assertEquals(Overlay.KillStage.RESULT, k.stage(), "no signal is offered");
        assertEquals("Refused: you may not signal proc2 (pid 102)", k.message());
        assertFalse(k.ok());
        for (Event e : List.of(Key.of(KeyKind.ENTER), ch('y'))) {
            step = guarded.apply(step.state(), e);
            assertTrue(step.commands().isEmpty(), "nothing is sent");
        }
        assertEquals(List.of("101 " + Fixtures.WIDE + " root", "102 proc2 root"), asked, "asked with the sanitized name and user");
    }

    @Test
    void killRefusesPidZeroOwnPidAndExitedProcesses() {
        Snapshot snap = Fixtures.full(10, false);
        List<ProcessStats> ps = new ArrayList<>(snap.processes());
        ps.add(Fixtures.process(0, "kernel", "", 0, 0, org.sstop.core.ProcessState.RUNNING, List.of()));
        ps.add(Fixtures.process(1, "systemd", "", 0, 0, org.sstop.core.ProcessState.RUNNING, List.of()));
        ps.add(Fixtures.process((int) SELF, "sstop", "", 0, 0, org.sstop.core.ProcessState.RUNNING, List.of()));
        Snapshot with = new Snapshot(2, snap.time(), snap.elapsed(), snap.interval(), snap.backends(), snap.external(), snap.loopback(), snap.coverage(), ps, snap.hosts(), snap.listen(), snap.interfaces(),
                snap.history(), snap.trend(), snap.visibility());
        UiState s = start(with);
        // pid sort: 0 first.
        s = ui.send(s, ch('K'));
        assertEquals(Overlay.KillStage.RESULT, ((Overlay.Kill) s.overlay()).stage());
        assertTrue(((Overlay.Kill) s.overlay()).message().contains("pid 0"));
        s = ui.send(s, ch('x'), ch('j'), ch('K'));
        assertTrue(((Overlay.Kill) s.overlay()).message().contains("pid 1 is init"), ((Overlay.Kill) s.overlay()).message());
        s = ui.send(s, ch('x'), ch('G'), ch('k'), ch('K'));
        assertTrue(((Overlay.Kill) s.overlay()).message().contains("sstop itself"));
        s = ui.send(s, ch('x'), ch('G'));
        assertEquals(105, selectedPid(s), "pid 105 is exited in the fixture: last, below the live ones");
        s = ui.send(s, ch('K'));
        assertTrue(((Overlay.Kill) s.overlay()).message().contains("exited"));
        s = ui.send(s, Key.of(KeyKind.ENTER), ch('y'));
        assertTrue(ui.commands.isEmpty(), "nothing is ever sent to a refused pid");
    }

    @Test
    void refreshStepsStartFromTheGivenIntervalAndCallTheMonitor() {
        UiState s = start(Fixtures.full(3, false)).with(b -> b.refresh = Duration.ofMillis(1500));
        s = ui.send(s, ch('-'));
        assertEquals(Duration.ofSeconds(2), s.refresh());
        s = ui.send(s, ch('_'), ch('-'), ch('-'));
        assertEquals(Duration.ofSeconds(10), s.refresh());
        s = ui.send(s, ch('+'), ch('+'), ch('+'), ch('+'), ch('+'), ch('+'), ch('='), ch('+'));
        assertEquals(Duration.ofMillis(100), s.refresh());
        List<Duration> set = ui.commands.stream().map(c -> ((Command.SetInterval) c).interval()).toList();
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(500),
                Duration.ofMillis(250), Duration.ofMillis(100)), set, "no command when the interval does not change");
    }

    @Test
    void pauseFreezesTheDisplay() {
        Snapshot first = Fixtures.full(3, false);
        UiState s = start(first);
        s = ui.send(s, ch(' '));
        assertTrue(s.paused());
        s = ui.send(s, new Event.SnapshotArrived(Fixtures.full(9, false)));
        assertSame(first, s.snapshot());
        s = ui.send(s, ch(' '), new Event.SnapshotArrived(Fixtures.full(9, false)));
        assertEquals(9, s.snapshot().processes().size());
    }

    @Test
    void togglesAndInterfaceCycling() {
        UiState s = start(Fixtures.full(3, false));
        s = ui.send(s, ch('m'));
        assertTrue(s.totals());
        // nethogs' modes: totals in a unit that fits, then KiB, B, MiB, then the rates again.
        for (Display.TotalsUnit unit : List.of(Display.TotalsUnit.AUTO, Display.TotalsUnit.KIB, Display.TotalsUnit.B,
                Display.TotalsUnit.MIB)) {
            assertTrue(s.totals(), unit.toString());
            assertEquals(unit, s.display().totalsUnit());
            s = ui.send(s, ch('m'));
        }
        assertEquals(Display.TotalsUnit.AUTO, s.display().totalsUnit());
        s = ui.send(s, ch('b'));
        assertTrue(s.display().bits());
        s = ui.send(s, ch('b'), ch('d'));
        assertFalse(s.display().bits());
        assertFalse(s.totals());
        assertFalse(s.dns());
        s = ui.send(s, ch('d'));
        assertTrue(s.dns());
        UiState noDns = s.with(b -> {
            b.dns = false;
            b.dnsAllowed = false;
        });
        assertFalse(ui.send(noDns, ch('d')).dns(), "-n: DNS cannot be switched on");
        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            seen.add(s.iface());
            s = ui.send(s, i % 2 == 0 ? ch('i') : Key.of(KeyKind.TAB));
        }
        assertEquals(List.of(-1, 0, 1, 2, -1), seen);
        s = ui.send(s, Key.of(KeyKind.BACK_TAB));
        assertEquals(-1, s.iface());
        s = ui.send(s, ch('?'));
        assertInstanceOf(Overlay.Help.class, s.overlay());
        s = ui.send(s, ch('j'));
        assertInstanceOf(Overlay.Help.class, s.overlay(), "help takes the keys");
        s = ui.send(s, ch('?'));
        assertNull(s.overlay());
    }

    @Test
    void plusRefreshesFasterAndMinusSlowerAsInTopAndHtop() {
        UiState s = start(Fixtures.full(3, false));
        Duration before = s.refresh();
        assertTrue(ui.send(s, ch('+')).refresh().compareTo(before) < 0, "+ is faster");
        assertTrue(ui.send(s, ch('-')).refresh().compareTo(before) > 0, "- is slower");
    }

    @Test
    void quitOnQAndCtrlCEvenUnderAnOverlay() {
        UiState s = start(Fixtures.full(3, false));
        ui.send(s, ch('q'));
        assertEquals(List.of(new Command.Quit(0)), ui.commands);
        ui.commands.clear();
        ui.send(ui.send(s, ch('?')), Key.ctrl('c'));
        assertEquals(List.of(new Command.Quit(130)), ui.commands, "Ctrl+C exits 130, as the README says");
    }

    @Test
    void ctrlZSuspendsFromAnyViewOrOverlayAndChangesNothing() {
        UiState s = start(Fixtures.full(3, false));
        for (UiState at : List.of(s, ui.send(s, ch('?')), ui.send(s, ch('/')), ui.send(s, ch('h')), ui.send(s, ch('K')))) {
            ui.commands.clear();
            UiState after = ui.send(at, Key.ctrl('z'));
            assertEquals(List.of(new Command.Suspend()), ui.commands);
            assertSame(at, after, "the state is left as it was");
        }
    }

    @Test
    void mouseClickSelectsClickOnSelectedOpensWheelScrolls() {
        UiState s = start(Fixtures.running(50));
        int top = Geometry.list(s, View.PROCESSES).y();
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 10, top + 3, 0));
        assertEquals(103, selectedPid(s));
        assertEquals(View.PROCESSES, s.view());
        s = ui.send(s, new Mouse(MouseKind.RELEASE, 0, 10, top + 3, 10), new Mouse(MouseKind.PRESS, 0, 10, top + 3, 2_000_000_000L));
        assertEquals(View.DETAIL, s.view(), "click on the selected row opens it");
        assertEquals(103, s.detailPid());
        s = ui.send(s, Key.of(KeyKind.ESC));
        s = ui.send(s, new Mouse(MouseKind.WHEEL_DOWN, 0, 10, top, 3_000_000_000L));
        assertEquals(106, selectedPid(s));
        s = ui.send(s, new Mouse(MouseKind.WHEEL_UP, 0, 10, top, 3_000_000_001L));
        assertEquals(103, selectedPid(s));
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 10, 0, 4_000_000_000L));
        assertEquals(103, selectedPid(s), "clicks outside the list do nothing");
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 10, top + 2, 5_000_000_000L));
        // Double click: the first click of the pair selected another row than the cursor was on.
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 10, top + 7, 6_000_000_000L),
                new Mouse(MouseKind.PRESS, 0, 10, top + 7, 6_200_000_000L));
        assertEquals(View.DETAIL, s.view());
        assertEquals(107, s.detailPid());
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 10, Geometry.list(s, View.DETAIL).y() + 2, 7_000_000_000L));
        assertEquals(2, s.conns().index(), "clicks work in the detail view too");
    }

    @Test
    void mouseIsIgnoredUnderOverlays() {
        UiState s = start(Fixtures.full(50, false));
        int top = Geometry.list(s, View.PROCESSES).y();
        s = ui.send(s, ch('?'), new Mouse(MouseKind.PRESS, 0, 10, top + 5, 0), new Mouse(MouseKind.WHEEL_DOWN, 0, 1, top, 1));
        assertEquals(100, selectedPid(s));
        s = ui.send(s, Key.of(KeyKind.ESC), ch('/'), new Mouse(MouseKind.PRESS, 0, 10, top + 5, 0));
        assertEquals(100, selectedPid(s));
    }

    @Test
    void mouseWorksInHostsAndListenViews() {
        UiState s = start(Fixtures.full(50, false));
        s = ui.send(s, ch('h'));
        int top = Geometry.list(s, View.HOSTS).y();
        s = ui.send(s, new Mouse(MouseKind.PRESS, 0, 3, top + 4, 0));
        assertEquals(4, s.hosts().index());
        s = ui.send(s, ch('l'), new Mouse(MouseKind.WHEEL_DOWN, 0, 3, top + 4, 0));
        assertEquals(3, s.listen().index());
    }

    @Test
    void resizeKeepsTheSelectionVisible() {
        UiState s = start(Fixtures.full(100, false));
        s = ui.send(s, ch('G'));
        s = ui.send(s, new Event.Resize(80, 12));
        Cursor c = s.procs();
        assertTrue(c.index() >= c.offset() && c.index() < c.offset() + Geometry.pageRows(s, View.PROCESSES));
        s = ui.send(s, new Event.Resize(3, 2), ch('j'), new Mouse(MouseKind.PRESS, 0, 1, 1, 0));
        assertEquals(3, s.width());
        s = ui.send(s, new Event.Resize(0, 0), ch('k'));
        assertEquals(0, s.height());
    }

    @Test
    void emptyAndMissingSnapshotsAreHandled() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 100, 30, Fixtures.T0);
        s = ui.send(s, ch('j'), ch('G'), Key.of(KeyKind.ENTER), ch('K'), ch('h'), ch('j'), ch('i'),
                new Mouse(MouseKind.PRESS, 0, 1, 6, 0));
        assertEquals(View.HOSTS, s.view());
        assertNull(s.overlay());
        s = ui.send(s, new Event.SnapshotArrived(Fixtures.empty()), ch('j'), ch('l'), Key.of(KeyKind.ENTER));
        assertEquals(View.LISTEN, s.view());
    }
}
