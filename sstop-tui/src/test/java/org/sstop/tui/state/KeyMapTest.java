package org.sstop.tui.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.KeyMap.Action;
import org.sstop.tui.state.KeyMap.Binding;
import org.sstop.tui.state.KeyMap.HelpLine;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.testing.Fixtures;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

/** The key map drives both the dispatch and the help: every entry does its action, the help lists exactly the table. */
class KeyMapTest {

    private final Update update = new Update(4242);

    /**
     * The processes view on 100 processes sorted by pid, the cursor on row 50 (pid 150), a kept
     * filter that every pid matches ("1"), 120x40: a state where every action shows.
     */
    private UiState base() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        s = update.apply(s, new Event.SnapshotArrived(Fixtures.running(100))).state();
        return Cursors.relocateAll(s.with(b -> {
            b.sort = SortKey.PID;
            b.filter = "1";
            b.procs = new Cursor(50, 30, 150);
        }));
    }

    /** The process tree of {@link Fixtures#family} by pid, the cursor on its root (pid 100): where the fold keys act. */
    private UiState treeBase() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        s = update.apply(s, new Event.SnapshotArrived(Fixtures.family(30))).state();
        return Cursors.relocateAll(s.with(b -> {
            b.sort = SortKey.PID;
            b.tree = true;
            b.procs = new Cursor(0, 0, 100);
        }));
    }

    /** What each action must do to {@link #base()} ({@link #treeBase()} for the fold keys), written without the key map. */
    private static Map<Action, BiConsumer<UiState, Update.Step>> effects() {
        int page = 40 - 3 - 1 - 1; // header, column header, footer
        Map<Action, BiConsumer<UiState, Update.Step>> m = new EnumMap<>(Action.class);
        m.put(Action.DOWN, (b, r) -> assertEquals(51, r.state().procs().index()));
        m.put(Action.UP, (b, r) -> assertEquals(49, r.state().procs().index()));
        m.put(Action.PAGE_DOWN, (b, r) -> assertEquals(50 + page, r.state().procs().index()));
        m.put(Action.PAGE_UP, (b, r) -> assertEquals(50 - page, r.state().procs().index()));
        m.put(Action.HALF_PAGE_DOWN, (b, r) -> assertEquals(50 + page / 2, r.state().procs().index()));
        m.put(Action.HALF_PAGE_UP, (b, r) -> assertEquals(50 - page / 2, r.state().procs().index()));
        m.put(Action.FIRST, (b, r) -> assertEquals(0, r.state().procs().index()));
        m.put(Action.LAST, (b, r) -> assertEquals(99, r.state().procs().index()));
        m.put(Action.OPEN, (b, r) -> {
            assertEquals(View.DETAIL, r.state().view());
            assertEquals(150, r.state().detailPid());
        });
        m.put(Action.BACK, (b, r) -> assertEquals("", r.state().filter()));
        m.put(Action.HOSTS, (b, r) -> assertEquals(View.HOSTS, r.state().view()));
        m.put(Action.LISTEN, (b, r) -> assertEquals(View.LISTEN, r.state().view()));
        m.put(Action.GROUPS, (b, r) -> assertEquals(View.GROUPS, r.state().view()));
        m.put(Action.USERS, (b, r) -> assertTrue(r.state().view() == View.GROUPS && r.state().groupsByUser()));
        m.put(Action.TREE, (b, r) -> assertTrue(r.state().tree() && r.state().rows().treeNode(0) != null));
        m.put(Action.FOLD, (b, r) -> assertEquals(java.util.Set.of(100), r.state().folded()));
        m.put(Action.FOLD_ALL, (b, r) -> assertEquals(java.util.Set.of(100, 101, 102, 103, 104), r.state().folded()));
        m.put(Action.VISIBILITY, (b, r) -> assertInstanceOf(Overlay.Visibility.class, r.state().overlay()));
        m.put(Action.ALERTS, (b, r) -> assertEquals(new Overlay.Alerts(0, "", null), r.state().overlay()));
        m.put(Action.REDRAW, (b, r) -> assertEquals(List.of(new Command.Redraw()), r.commands()));
        m.put(Action.SUSPEND, (b, r) -> assertEquals(List.of(new Command.Suspend()), r.commands()));
        m.put(Action.SEARCH, (b, r) -> assertInstanceOf(Overlay.Search.class, r.state().overlay()));
        m.put(Action.SORT, (b, r) -> assertEquals(SortKey.NAME, r.state().sort()));
        m.put(Action.REVERSE, (b, r) -> assertTrue(r.state().reversed()));
        m.put(Action.TOTALS, (b, r) -> assertTrue(r.state().totals()));
        m.put(Action.BITS, (b, r) -> assertTrue(r.state().display().bits()));
        m.put(Action.SCALE, (b, r) -> assertTrue(r.state().display().sharedScale()));
        m.put(Action.NEXT_INTERFACE, (b, r) -> assertEquals(0, r.state().iface()));
        m.put(Action.PREVIOUS_INTERFACE, (b, r) -> assertEquals(2, r.state().iface()));
        m.put(Action.DNS, (b, r) -> assertFalse(r.state().dns()));
        m.put(Action.SLOWER, (b, r) -> {
            assertEquals(Duration.ofSeconds(2), r.state().refresh());
            assertEquals(List.of(new Command.SetInterval(Duration.ofSeconds(2))), r.commands());
        });
        m.put(Action.FASTER, (b, r) -> {
            assertEquals(Duration.ofMillis(500), r.state().refresh());
            assertEquals(List.of(new Command.SetInterval(Duration.ofMillis(500))), r.commands());
        });
        m.put(Action.PAUSE, (b, r) -> assertTrue(r.state().paused()));
        m.put(Action.KILL, (b, r) -> assertEquals(150, ((Overlay.Kill) r.state().overlay()).pid()));
        m.put(Action.HELP, (b, r) -> assertEquals(new Overlay.Help(0), r.state().overlay()));
        m.put(Action.QUIT, (b, r) -> assertTrue(r.commands().size() == 1 && r.commands().get(0) instanceof Command.Quit,
                r.commands().toString()));
        // The replay keys ask the player (a state with a replay): see replayKeysAskThePlayerOnlyInAReplay.
        for (Action a : REPLAY_ACTIONS.keySet()) {
            m.put(a, (b, r) -> assertEquals(List.of(new Command.ReplayControl(REPLAY_ACTIONS.get(a))), r.commands()));
        }
        return m;
    }

    /** The replay actions and what each asks the player. */
    private static final Map<Action, Replay.Control> REPLAY_ACTIONS = Map.of(
            Action.STEP_FORWARD, Replay.Control.STEP_FORWARD, Action.STEP_BACK, Replay.Control.STEP_BACK,
            Action.SEEK_FORWARD, Replay.Control.SEEK_FORWARD, Action.SEEK_BACK, Replay.Control.SEEK_BACK,
            Action.SEEK_FORWARD_LONG, Replay.Control.SEEK_FORWARD_LONG, Action.SEEK_BACK_LONG, Replay.Control.SEEK_BACK_LONG,
            Action.REPLAY_FASTER, Replay.Control.FASTER, Action.REPLAY_SLOWER, Replay.Control.SLOWER);

    private static final Replay REPLAY = new Replay(1, false, 3, 10, Duration.ofSeconds(3), Duration.ofSeconds(9),
            Fixtures.T0, null);

    @Test
    void replayKeysAskThePlayerOnlyInAReplay() {
        UiState live = base();
        UiState replay = live.with(b -> b.replay = REPLAY);
        for (Binding b : KeyMap.BINDINGS) {
            if (REPLAY_ACTIONS.containsKey(b.action())) {
                for (Key k : b.keys()) {
                    Update.Step step = update.apply(live, k);
                    assertSame(live, step.state(), "live, " + KeyMap.label(k) + " does nothing");
                    assertTrue(step.commands().isEmpty(), KeyMap.label(k));
                }
            }
        }
        Update.Step space = update.apply(replay, Key.ch(' '));
        assertEquals(List.of(new Command.ReplayControl(Replay.Control.PAUSE)), space.commands(), "Space pauses the player");
        assertFalse(space.state().paused(), "not the display: the player pauses, new samples stop coming");
        Update.Step tick = update.apply(replay.with(b -> b.now = Fixtures.T0), new Event.Tick(Fixtures.T0.plusSeconds(99)));
        assertEquals(Fixtures.T0, tick.state().now(), "a replay's clock is its sample's time, not the wall clock");
        Replay later = new Replay(2, true, 4, 10, Duration.ofSeconds(4), Duration.ofSeconds(9), Fixtures.T0.plusSeconds(4), null);
        UiState moved = update.apply(replay, new Event.ReplayMoved(later)).state();
        assertEquals(later, moved.replay());
        assertEquals(Fixtures.T0.plusSeconds(4), moved.now());
    }

    @Test
    void everyActionIsBoundAndEveryKeyOfEveryEntryDoesItsAction() {
        Map<Action, BiConsumer<UiState, Update.Step>> effects = effects();
        assertEquals(EnumSet.allOf(Action.class), effects.keySet(), "every action has its expected effect here");
        Set<Action> bound = EnumSet.noneOf(Action.class);
        for (Binding b : KeyMap.BINDINGS) {
            assertFalse(b.keys().isEmpty(), b.toString());
            bound.add(b.action());
            UiState base = REPLAY_ACTIONS.containsKey(b.action()) ? base().with(x -> x.replay = REPLAY)
                    : b.action() == Action.FOLD || b.action() == Action.FOLD_ALL ? treeBase() : base();
            for (Key k : b.keys()) {
                assertEquals(b.action(), KeyMap.action(k), KeyMap.label(k));
                Update.Step step = update.apply(base, k);
                assertTrue(step.state() != base || !step.commands().isEmpty(), KeyMap.label(k) + " does something");
                effects.get(b.action()).accept(base, step);
            }
        }
        assertEquals(EnumSet.allOf(Action.class), bound, "every action has a key");
    }

    @Test
    void keysOutsideTheTableDoNothingInTheMainViews() {
        UiState base = base();
        List<Key> unbound = new ArrayList<>();
        for (int c = 0x20; c < 0x7f; c++) {
            unbound.add(Key.ch(c));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            unbound.add(Key.ctrl(c));
        }
        for (KeyKind kind : KeyKind.values()) {
            if (kind != KeyKind.CHAR && kind != KeyKind.CTRL) {
                unbound.add(Key.of(kind));
            }
        }
        unbound.add(Key.ch(0x540d)); // 名
        int silent = 0;
        for (Key k : unbound) {
            if (KeyMap.action(k) != null) {
                continue;
            }
            Update.Step step = update.apply(base, k);
            assertSame(base, step.state(), KeyMap.label(k));
            assertTrue(step.commands().isEmpty(), KeyMap.label(k));
            silent++;
        }
        assertTrue(silent > 80, "most keys are unbound: " + silent);
    }

    @Test
    void namedKeysMatchWhateverCharacterTheyCarry() {
        assertEquals(Action.DOWN, KeyMap.action(new Key(KeyKind.DOWN, 'x')));
        assertNull(KeyMap.action(new Key(KeyKind.DELETE, 'j')));
        assertEquals(Action.HALF_PAGE_DOWN, KeyMap.action(Key.ctrl('d')));
        assertEquals(Action.DNS, KeyMap.action(Key.ch('d')));
    }

    @Test
    void ctrlCQuitsEvenUnderEveryOverlayButNoOtherBindingReachesThroughOne() {
        UiState base = base();
        for (UiState under : List.of(update.apply(base, Key.ch('?')).state(), update.apply(base, Key.ch('/')).state(),
                update.apply(base, Key.ch('K')).state())) {
            assertEquals(List.of(Command.Quit.INTERRUPTED), update.apply(under, KeyMap.INTERRUPT).commands());
            assertNotEqualsView(under, update.apply(under, Key.ch('h')).state());
        }
    }

    private static void assertNotEqualsView(UiState before, UiState after) {
        assertEquals(before.view(), after.view(), "h is not the hosts key under an overlay");
    }

    @Test
    void helpListsExactlyTheTableInItsOrder() {
        List<HelpLine> expected = new ArrayList<>();
        KeyMap.Group group = null;
        for (Binding b : KeyMap.BINDINGS) {
            if (b.group() != group) {
                if (group != null && group.note() != null) {
                    expected.add(group.note());
                }
                group = b.group();
                expected.add(new HelpLine(group.title(), null));
            }
            String keys = String.join(" ", b.keys().stream().map(KeyMap::label).toList());
            expected.add(new HelpLine(keys, b.help()));
        }
        if (group != null && group.note() != null) {
            expected.add(group.note());
        }
        assertEquals(expected, KeyMap.HELP);
        assertEquals(expected, renderedHelp(), "the overlay on a screen tall enough for all of it");
    }

    /** The help overlay's lines as drawn: headings at the box's inner edge, keys one further, texts at column 19. */
    private static List<HelpLine> renderedHelp() {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 60, Fixtures.T0).with(b -> b.overlay = new Overlay.Help(0));
        CellBuffer buf = Screen.render(s, Names.NONE);
        int top = 0;
        while (!buf.row(top).contains("┌─ help")) {
            top++;
        }
        int left = buf.row(top).indexOf('┌');
        List<HelpLine> out = new ArrayList<>();
        for (int y = top + 1; buf.charAt(left, y) == '│'; y++) {
            String inside = buf.row(y).substring(left + 1, buf.row(y).indexOf('│', left + 1));
            if (inside.charAt(1) != ' ') {
                out.add(new HelpLine(inside.strip(), null));
            } else {
                assertEquals(' ', inside.charAt(19), "keys fit their column: " + inside);
                out.add(new HelpLine(inside.substring(2, 19).strip(), inside.substring(20).strip()));
            }
        }
        assertTrue(buf.row(top + out.size() + 1).contains("└"), "the box ends after the last line, nothing scrolled away");
        return out;
    }

    @Test
    void labelsNameEveryKey() {
        assertEquals("Space", KeyMap.label(Key.ch(' ')));
        assertEquals("Ctrl+D", KeyMap.label(Key.ctrl('d')));
        assertEquals("Shift+Tab", KeyMap.label(Key.of(KeyKind.BACK_TAB)));
        assertEquals("PgDn", KeyMap.label(Key.of(KeyKind.PAGE_DOWN)));
        assertEquals("😀", KeyMap.label(Key.ch(0x1f600)));
        for (KeyKind kind : KeyKind.values()) {
            assertFalse(KeyMap.label(new Key(kind, 'a')).isBlank(), kind.name());
        }
    }
}
