package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;

/**
 * The key bindings of the main views: one immutable table that both the key dispatch
 * ({@link Update}) and the help overlay read, so a binding cannot exist in one and not the
 * other. The keys of an open overlay (help, search, kill dialog) are the overlay's own and are
 * described on the overlay itself. Nothing here changes after class initialisation.
 */
public final class KeyMap {

    /** What a key of the main views does. */
    public enum Action {
        /** Next row. */ DOWN,
        /** Previous row. */ UP,
        /** A page down. */ PAGE_DOWN,
        /** A page up. */ PAGE_UP,
        /** Half a page down. */ HALF_PAGE_DOWN,
        /** Half a page up. */ HALF_PAGE_UP,
        /** First row. */ FIRST,
        /** Last row. */ LAST,
        /** Open the selected row's process in the detail view. */ OPEN,
        /** Back to the previous view, or clear the filter. */ BACK,
        /** Toggle the hosts view. */ HOSTS,
        /** Toggle the listen view. */ LISTEN,
        /** Toggle the groups view (containers, services, sessions). */ GROUPS,
        /** The groups view by user, or back by container and service. */ USERS,
        /** The process table as a tree or flat. */ TREE,
        /** Fold or unfold the selected process's children in the tree. */ FOLD,
        /** Fold every parent in the tree, or unfold them all. */ FOLD_ALL,
        /** Open the search line. */ SEARCH,
        /** Next sort order. */ SORT,
        /** Flip the sort direction. */ REVERSE,
        /** Rates, then totals in a unit that fits, KiB, B, MiB (nethogs' modes). */ TOTALS,
        /** Rates in bytes or bits per second. */ BITS,
        /** The row graphs on one shared scale, or each on its own. */ SCALE,
        /** Next interface (all, then each). */ NEXT_INTERFACE,
        /** Previous interface. */ PREVIOUS_INTERFACE,
        /** Host names on or off. */ DNS,
        /** A longer refresh interval. */ SLOWER,
        /** A shorter refresh interval. */ FASTER,
        /** Freeze or unfreeze the display. */ PAUSE,
        /** Paint the whole screen again (after another program wrote over it). */ REDRAW,
        /** Give the terminal back to the shell until it continues sstop ({@code fg}). */ SUSPEND,
        /** Open the kill dialog for the selected process. */ KILL,
        /** Open the help overlay. */ HELP,
        /** Open the visibility overlay. */ VISIBILITY,
        /** Open the alert rules dialog. */ ALERTS,
        /** Leave. */ QUIT,
        /** A replay: the next sample, paused. */ STEP_FORWARD,
        /** A replay: the previous sample, paused. */ STEP_BACK,
        /** A replay: ten seconds later. */ SEEK_FORWARD,
        /** A replay: ten seconds earlier. */ SEEK_BACK,
        /** A replay: a minute later. */ SEEK_FORWARD_LONG,
        /** A replay: a minute earlier. */ SEEK_BACK_LONG,
        /** A replay: faster (1x, 2x, 10x). */ REPLAY_FASTER,
        /** A replay: slower. */ REPLAY_SLOWER
    }

    /**
     * A group of bindings in the help overlay.
     *
     * @param title the heading
     * @param note a line without a key binding shown at the end of the group (keys, text), or null
     */
    public record Group(String title, HelpLine note) {
    }

    /**
     * One binding.
     *
     * @param keys the keys, in the order the help shows them
     * @param action what they do
     * @param group where the help lists it
     * @param help what the help says it does
     */
    public record Binding(List<Key> keys, Action action, Group group, String help) {

        /** Copies the key list. */
        public Binding {
            keys = List.copyOf(keys);
        }

        /** The keys as the help shows them, e.g. {@code "g Home"}. */
        public String keyLabel() {
            return keys.stream().map(KeyMap::label).collect(Collectors.joining(" "));
        }
    }

    /**
     * One line of the help overlay.
     *
     * @param keys the key column; for a heading, the group title
     * @param text the description; null for a heading
     */
    public record HelpLine(String keys, String text) {

        /** Whether this line is a group heading. */
        public boolean heading() {
            return text == null;
        }
    }

    /** Quits from anywhere, even under an overlay that takes every other key. */
    public static final Key INTERRUPT = Key.ctrl('c');
    /** Suspends from anywhere too, as in a shell. */
    public static final Key SUSPEND = Key.ctrl('z');

    private static final Group MOVE = new Group("Move", new HelpLine("mouse", "click selects, second click opens, wheel scrolls"));
    private static final Group VIEWS = new Group("Views", null);
    private static final Group DISPLAY = new Group("Display", null);
    private static final Group ACTIONS = new Group("Actions", null);
    private static final Group REPLAY = new Group("Replay (sstop --replay FILE)",
            new HelpLine("Space", "pause / resume a replay (live, these keys do nothing)"));

    /** Every binding of the main views, in help order. */
    public static final List<Binding> BINDINGS = List.of(
            bind(MOVE, Action.DOWN, "next row", ch('j'), named(KeyKind.DOWN)),
            bind(MOVE, Action.UP, "previous row", ch('k'), named(KeyKind.UP)),
            bind(MOVE, Action.PAGE_DOWN, "page down", named(KeyKind.PAGE_DOWN)),
            bind(MOVE, Action.PAGE_UP, "page up", named(KeyKind.PAGE_UP)),
            bind(MOVE, Action.HALF_PAGE_DOWN, "half a page down", Key.ctrl('d')),
            bind(MOVE, Action.HALF_PAGE_UP, "half a page up", Key.ctrl('u')),
            bind(MOVE, Action.FIRST, "first row", ch('g'), named(KeyKind.HOME)),
            bind(MOVE, Action.LAST, "last row", ch('G'), named(KeyKind.END)),
            bind(VIEWS, Action.OPEN, "open the row's process in detail", named(KeyKind.ENTER)),
            bind(VIEWS, Action.BACK, "back / clear filter", named(KeyKind.ESC)),
            bind(VIEWS, Action.HOSTS, "remote hosts (again: back)", ch('h')),
            bind(VIEWS, Action.LISTEN, "listen ports (again: back)", ch('l')),
            bind(VIEWS, Action.GROUPS, "groups: containers, services, sessions (Enter: their processes)", ch('D')),
            bind(VIEWS, Action.USERS, "groups by user (in groups: again, by container)", ch('u')),
            bind(VIEWS, Action.TREE, "process tree: children under parents, Σ their sum", ch('t')),
            bind(VIEWS, Action.FOLD, "tree: fold / unfold the process's children", ch('x')),
            bind(VIEWS, Action.FOLD_ALL, "tree: fold every parent / unfold all", ch('X')),
            bind(VIEWS, Action.SEARCH, "search; or name:x port:443 up>1M AND OR NOT (see README)", ch('/'), Key.fn(3)),
            bind(DISPLAY, Action.SORT, "next sort of this view (each list its own; or click a column)", ch('s'),
                    Key.fn(6)),
            bind(DISPLAY, Action.REVERSE, "reverse this view's sort", ch('S')),
            bind(DISPLAY, Action.TOTALS, "rates, then totals: auto unit, KiB, B, MiB", ch('m')),
            bind(DISPLAY, Action.BITS, "rates in bytes/s (KiB/s) or bits/s (Mbit/s)", ch('b')),
            bind(DISPLAY, Action.SCALE, "row graphs: each its own scale, or one to compare", ch('c')),
            bind(DISPLAY, Action.NEXT_INTERFACE, "interface: all or one", ch('i'), named(KeyKind.TAB)),
            bind(DISPLAY, Action.PREVIOUS_INTERFACE, "previous interface", named(KeyKind.BACK_TAB)),
            bind(DISPLAY, Action.DNS, "host names (DNS) on / off", ch('d')),
            bind(DISPLAY, Action.FASTER, "refresh faster (down to 100 ms)", ch('+'), ch('=')),
            bind(DISPLAY, Action.SLOWER, "refresh slower (up to 10 s)", ch('-'), ch('_')),
            bind(DISPLAY, Action.PAUSE, "pause / resume the display (collection goes on)", ch(' ')),
            bind(DISPLAY, Action.REDRAW, "redraw the whole screen", Key.ctrl('l')),
            bind(ACTIONS, Action.SUSPEND, "suspend to the shell (fg resumes)", SUSPEND),
            bind(ACTIONS, Action.KILL, "send a signal to the process", ch('K'), Key.fn(9)),
            bind(ACTIONS, Action.HELP, "this help", ch('?'), Key.fn(1)),
            bind(ACTIONS, Action.VISIBILITY, "what sstop cannot see; unattributed traffic; coverage", ch('v')),
            bind(ACTIONS, Action.ALERTS, "alert rules: add, change, remove (up>10M for 5s; see README)", ch('a')),
            bind(ACTIONS, Action.QUIT, "quit (Ctrl+C also under a dialog)", ch('q'), Key.fn(10), INTERRUPT),
            bind(REPLAY, Action.STEP_FORWARD, "next sample (pauses)", ch('.')),
            bind(REPLAY, Action.STEP_BACK, "previous sample (pauses)", ch(',')),
            bind(REPLAY, Action.SEEK_FORWARD, "10 s later", named(KeyKind.RIGHT)),
            bind(REPLAY, Action.SEEK_BACK, "10 s earlier", named(KeyKind.LEFT)),
            bind(REPLAY, Action.SEEK_FORWARD_LONG, "1 min later", ch(']')),
            bind(REPLAY, Action.SEEK_BACK_LONG, "1 min earlier", ch('[')),
            bind(REPLAY, Action.REPLAY_FASTER, "faster: 1x, 2x, 10x", ch('>')),
            bind(REPLAY, Action.REPLAY_SLOWER, "slower", ch('<')));

    /** The help overlay's lines: each group's heading, its bindings and its note, from {@link #BINDINGS}. */
    public static final List<HelpLine> HELP = helpLines();

    private static final Map<Key, Action> BY_KEY = index();

    private KeyMap() {
    }

    /**
     * The action bound to a key in the main views.
     *
     * @param key the key (a named key's character is ignored)
     * @return the action, or null when the key is not bound
     */
    public static Action action(Key key) {
        boolean typed = key.kind() == KeyKind.CHAR || key.kind() == KeyKind.CTRL || key.kind() == KeyKind.FUNCTION;
        return BY_KEY.get(typed ? key : Key.of(key.kind()));
    }

    /** How the help writes a key: {@code j}, {@code Space}, {@code Ctrl+D}, {@code PgDn}, {@code ↑}. */
    public static String label(Key key) {
        return switch (key.kind()) {
            case CHAR -> key.ch() == ' ' ? "Space" : new String(Character.toChars(key.ch()));
            case CTRL -> "Ctrl+" + Character.toUpperCase((char) key.ch());
            case UP -> "↑";
            case DOWN -> "↓";
            case LEFT -> "←";
            case RIGHT -> "→";
            case PAGE_UP -> "PgUp";
            case PAGE_DOWN -> "PgDn";
            case HOME -> "Home";
            case END -> "End";
            case ENTER -> "Enter";
            case ESC -> "Esc";
            case TAB -> "Tab";
            case BACK_TAB -> "Shift+Tab";
            case BACKSPACE -> "Backspace";
            case DELETE -> "Del";
            case FUNCTION -> "F" + key.ch();
        };
    }

    private static Binding bind(Group group, Action action, String help, Key... keys) {
        return new Binding(List.of(keys), action, group, help);
    }

    private static Key ch(char c) {
        return Key.ch(c);
    }

    private static Key named(KeyKind kind) {
        return Key.of(kind);
    }

    private static List<HelpLine> helpLines() {
        List<HelpLine> out = new ArrayList<>();
        Group current = null;
        for (Binding b : BINDINGS) {
            if (b.group() != current) {
                note(out, current);
                current = b.group();
                out.add(new HelpLine(current.title(), null));
            }
            out.add(new HelpLine(b.keyLabel(), b.help()));
        }
        note(out, current);
        return List.copyOf(out);
    }

    private static void note(List<HelpLine> out, Group g) {
        if (g != null && g.note() != null) {
            out.add(g.note());
        }
    }

    private static Map<Key, Action> index() {
        Map<Key, Action> map = new HashMap<>();
        for (Binding b : BINDINGS) {
            for (Key k : b.keys()) {
                if (map.put(k, b.action()) != null) {
                    throw new IllegalStateException("key " + label(k) + " is bound twice");
                }
            }
        }
        return Map.copyOf(map);
    }
}
