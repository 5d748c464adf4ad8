package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.Mouse;
import org.sstop.tui.state.Event.MouseKind;
import org.sstop.tui.testing.Fixtures;

/** What htop users reach for: F1 help, F3 search, F6 sort, F9 kill, F10 quit, and a click on a column header sorts. */
class HtopKeysTest {

    private final Update update = new Update(4242);

    private UiState start() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        return update.apply(s, new Event.SnapshotArrived(Fixtures.running(30))).state();
    }

    private Update.Step press(UiState s, Event e) {
        return update.apply(s, e);
    }

    @Test
    void functionKeysDoWhatTheyDoInHtop() {
        UiState s = start();
        UiState help = press(s, Key.fn(1)).state();
        assertInstanceOf(Overlay.Help.class, help.overlay());
        assertNull(press(help, Key.fn(1)).state().overlay(), "F1 closes the help too");
        assertNull(press(help, Key.fn(10)).state().overlay(), "F10 closes an overlay, as in htop");
        assertInstanceOf(Overlay.Search.class, press(s, Key.fn(3)).state().overlay());
        assertEquals(SortKey.DOWNLOAD, press(s, Key.fn(6)).state().sort());
        assertInstanceOf(Overlay.Kill.class, press(s, Key.fn(9)).state().overlay());
        assertEquals(List.of(Command.Quit.NORMAL), press(s, Key.fn(10)).commands());
        assertSame(s, press(s, Key.fn(5)).state(), "an unbound function key does nothing");
    }

    @Test
    void theHelpListsTheFunctionKeysBesideTheLetters() {
        assertTrue(KeyMap.HELP.contains(new KeyMap.HelpLine("? F1", "this help")), KeyMap.HELP.toString());
        assertTrue(KeyMap.HELP.stream().anyMatch(l -> "q F10 Ctrl+C".equals(l.keys())), KeyMap.HELP.toString());
    }

    /** A click on the header of the column titled {@code title}, in its middle. */
    private UiState clickOn(UiState s, List<Column> columns, String title) {
        int[] widths = Table.widths(s.width(), columns);
        int[] starts = Table.starts(0, widths);
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).title().equals(title)) {
                int y = Geometry.list(s, s.view()).y() - 1;
                return press(s, new Mouse(MouseKind.PRESS, 0, starts[i] + widths[i] / 2, y, 0)).state();
            }
        }
        throw new AssertionError("no column " + title);
    }

    @Test
    void aClickOnAProcessColumnSortsByItAndASecondOneReversesIt() {
        UiState s = start();
        s = clickOn(s, Columns.PROCESS_RATES, "PID");
        assertEquals(SortKey.PID, s.sort());
        assertFalse(s.reversed());
        assertEquals(100, s.rows().processes().get(0).pid());
        s = clickOn(s, Columns.PROCESS_RATES, "PID");
        assertTrue(s.reversed());
        assertEquals(129, s.rows().processes().get(0).pid());
        s = clickOn(s, Columns.PROCESS_RATES, "DOWNLOAD/s");
        assertEquals(SortKey.DOWNLOAD, s.sort());
        assertFalse(s.reversed(), "a new column starts in its natural direction");
        assertEquals(SortKey.CONNECTIONS, clickOn(s, Columns.PROCESS_RATES, "CONNS").sort());
        assertSame(s, clickOn(s, Columns.PROCESS_RATES, "GRAPH"), "the graph does not sort");
        assertEquals(View.PROCESSES, s.view(), "a header click opens nothing");
    }

    @Test
    void theHostsAndListenHeadersSortTheirOwnView() {
        UiState hosts = press(start(), Key.ch('h')).state();
        hosts = clickOn(hosts, Columns.HOSTS, "HOST");
        assertEquals(HostSort.HOST, hosts.hostOrder().key());
        assertEquals(SortKey.RATE, hosts.sort(), "the process table keeps its order");
        UiState listen = press(start(), Key.ch('l')).state();
        listen = clickOn(listen, Columns.LISTEN, "PROCESS");
        assertEquals(ListenSort.PROCESS, listen.listenOrder().key());
        listen = clickOn(listen, Columns.LISTEN, "PROCESS");
        assertTrue(listen.listenOrder().reversed());
    }
}
