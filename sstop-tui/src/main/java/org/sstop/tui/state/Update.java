package org.sstop.tui.state;

import java.util.List;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Event.Mouse;
import org.sstop.tui.text.Sanitizer;

/**
 * The one place the UI state changes: {@code (state, event) -> (state, commands)}, a pure
 * function (Elm style), with its helpers {@link Cursors} and {@link KillDialog}. Side effects
 * are returned as {@link Command}s for the runtime.
 */
public final class Update {

    /** A bound on a text overlay's scroll position (its view clamps it to the lines it has). */
    private static final int MAX_OVERLAY_LINES = 1_000;

    /** Two clicks on the same row within this time open it. */
    static final long DOUBLE_CLICK_NANOS = 400_000_000L;
    /** Rows a wheel notch scrolls. */
    static final int WHEEL_ROWS = 3;

    /**
     * The new state and what the runtime must do.
     *
     * @param state the new state
     * @param commands side effects, in order
     */
    public record Step(UiState state, List<Command> commands) {

        static Step of(UiState s) {
            return new Step(s, List.of());
        }

        static Step of(UiState s, Command c) {
            return new Step(s, List.of(c));
        }
    }

    /** Why a process may not be signalled, asked when the kill dialog opens on it. */
    @FunctionalInterface
    public interface KillCheck {
        /**
         * A query of the system that changes nothing (the kernel is asked without a signal).
         *
         * @param pid the process
         * @param name its sanitized name
         * @param user its sanitized user name, empty if unknown
         * @return the refusal for the user, or null when a signal may be offered
         */
        String refusal(int pid, String name, String user);
    }

    private final long selfPid;
    private final KillCheck killCheck;

    /** @param selfPid sstop's own pid, which the kill dialog refuses (nothing else is asked) */
    public Update(long selfPid) {
        this(selfPid, (pid, name, user) -> null);
    }

    /**
     * @param selfPid sstop's own pid, which the kill dialog refuses
     * @param killCheck asked before the kill dialog offers a signal for a process
     */
    public Update(long selfPid, KillCheck killCheck) {
        this.selfPid = selfPid;
        this.killCheck = killCheck;
    }

    /** Applies one event. */
    public Step apply(UiState s, Event e) {
        if (e instanceof Event.Key k) {
            return key(s, k);
        }
        if (e instanceof Event.Mouse m) {
            return s.overlay() != null ? Step.of(s) : mouse(s, m);
        }
        if (e instanceof Event.Tick t) {
            // A replay's clock is the time of the sample on display.
            return Step.of(s.replay() != null ? s : s.with(b -> b.now = t.now()));
        }
        if (e instanceof Event.SnapshotArrived a) {
            return Arrival.apply(s, a.snapshot());
        }
        if (e instanceof Event.ReplayMoved m) {
            return Step.of(s.with(b -> {
                b.replay = m.replay();
                b.now = m.replay().time(); // the header's clock says when the sample was taken
            }));
        }
        if (e instanceof Event.Resize r) {
            return Step.of(Cursors.relocateAll(s.with(b -> {
                b.width = Math.max(0, r.width());
                b.height = Math.max(0, r.height());
            })));
        }
        return Step.of(KillDialog.result(s, (Event.KillResult) e));
    }

    private Step key(UiState s, Key k) {
        if (k.equals(KeyMap.INTERRUPT)) {
            return Step.of(s, Command.Quit.INTERRUPTED);
        }
        if (k.equals(KeyMap.SUSPEND)) {
            return Step.of(s, new Command.Suspend());
        }
        Overlay o = s.overlay();
        if (o instanceof Overlay.Help help) {
            return help(s, help, k);
        }
        if (o instanceof Overlay.Visibility v) {
            return visibility(s, v, k);
        }
        if (o instanceof Overlay.Search) {
            return search(s, k);
        }
        if (o instanceof Overlay.Kill kill) {
            return KillDialog.key(s, kill, k);
        }
        if (o instanceof Overlay.Alerts alerts) {
            return AlertDialog.key(s, alerts, k);
        }
        KeyMap.Action action = KeyMap.action(k);
        return action == null ? Step.of(s) : perform(s, action);
    }

    /** What a bound key does in the main views; every action of the key map has its case. */
    private Step perform(UiState s, KeyMap.Action action) {
        return switch (action) {
            case DOWN -> Step.of(Cursors.move(s, 1));
            case UP -> Step.of(Cursors.move(s, -1));
            case PAGE_DOWN -> Step.of(Cursors.move(s, Geometry.pageRows(s, s.view())));
            case PAGE_UP -> Step.of(Cursors.move(s, -Geometry.pageRows(s, s.view())));
            case HALF_PAGE_DOWN -> Step.of(Cursors.move(s, Math.max(1, Geometry.pageRows(s, s.view()) / 2)));
            case HALF_PAGE_UP -> Step.of(Cursors.move(s, -Math.max(1, Geometry.pageRows(s, s.view()) / 2)));
            case FIRST -> Step.of(Cursors.move(s, Integer.MIN_VALUE / 2));
            case LAST -> Step.of(Cursors.move(s, Integer.MAX_VALUE / 2));
            case OPEN -> Step.of(Navigation.open(s));
            case BACK -> Step.of(Navigation.back(s));
            case HOSTS -> Step.of(Navigation.switchTo(s, s.view() == View.HOSTS ? View.PROCESSES : View.HOSTS));
            case LISTEN -> Step.of(Navigation.switchTo(s, s.view() == View.LISTEN ? View.PROCESSES : View.LISTEN));
            case GROUPS -> Step.of(Navigation.switchTo(s, s.view() == View.GROUPS ? View.PROCESSES : View.GROUPS));
            case USERS -> Step.of(Navigation.groupsByUser(s));
            case TREE -> Step.of(Navigation.tree(s));
            case FOLD -> Step.of(Navigation.fold(s));
            case FOLD_ALL -> Step.of(Navigation.foldAll(s));
            case SEARCH -> Step.of(s.with(b -> b.overlay = new Overlay.Search()));
            case SORT -> Step.of(sort(s, false));
            case REVERSE -> Step.of(sort(s, true));
            case TOTALS -> Step.of(Cursors.relocateAll(nextAmounts(s)));
            case BITS -> Step.of(s.with(b -> b.display = b.display.withBits(!b.display.bits())));
            case SCALE -> Step.of(s.with(b -> b.display = b.display.withSharedScale(!b.display.sharedScale())));
            case NEXT_INTERFACE -> Step.of(cycleInterface(s, 1));
            case PREVIOUS_INTERFACE -> Step.of(cycleInterface(s, -1));
            case DNS -> Step.of(s.dnsAllowed() ? s.with(b -> b.dns = !b.dns) : s);
            case SLOWER -> interval(s, Refresh.longer(s.refresh()));
            case FASTER -> interval(s, Refresh.shorter(s.refresh()));
            case PAUSE -> s.replay() != null ? replay(s, Replay.Control.PAUSE) : Step.of(s.with(b -> b.paused = !b.paused));
            case STEP_FORWARD -> replay(s, Replay.Control.STEP_FORWARD);
            case STEP_BACK -> replay(s, Replay.Control.STEP_BACK);
            case SEEK_FORWARD -> replay(s, Replay.Control.SEEK_FORWARD);
            case SEEK_BACK -> replay(s, Replay.Control.SEEK_BACK);
            case SEEK_FORWARD_LONG -> replay(s, Replay.Control.SEEK_FORWARD_LONG);
            case SEEK_BACK_LONG -> replay(s, Replay.Control.SEEK_BACK_LONG);
            case REPLAY_FASTER -> replay(s, Replay.Control.FASTER);
            case REPLAY_SLOWER -> replay(s, Replay.Control.SLOWER);
            case KILL -> Step.of(KillDialog.open(s, selectedPid(s), selfPid, killCheck));
            case HELP -> Step.of(s.with(b -> b.overlay = new Overlay.Help(0)));
            case VISIBILITY -> Step.of(s.with(b -> b.overlay = new Overlay.Visibility(0)));
            case ALERTS -> Step.of(AlertDialog.open(s));
            case QUIT -> Step.of(s, Command.Quit.NORMAL);
            case REDRAW -> Step.of(s, new Command.Redraw());
            case SUSPEND -> Step.of(s, new Command.Suspend());
        };
    }

    /** A replay key: asks the player (which answers with {@link Event.ReplayMoved}); live, nothing. */
    private static Step replay(UiState s, Replay.Control control) {
        return s.replay() == null ? Step.of(s) : Step.of(s, new Command.ReplayControl(control));
    }

    /**
     * The next sort key ({@code s}), or the same one reversed ({@code S}), of the view on screen:
     * each list view sorts its own rows. The detail view's connections and the groups keep their
     * fixed order, so there the keys do nothing (they never reach the process table's order).
     */
    private static UiState sort(UiState s, boolean reverse) {
        return switch (s.view()) {
            case PROCESSES -> Cursors.relocate(s.with(b -> {
                b.sort = reverse ? b.sort : b.sort.next();
                b.reversed = reverse && !b.reversed;
            }), View.PROCESSES);
            case HOSTS -> Cursors.relocate(s.with(b -> b.hostOrder = reverse ? b.hostOrder.reverse() : b.hostOrder.next()),
                    View.HOSTS);
            case LISTEN -> Cursors.relocate(
                    s.with(b -> b.listenOrder = reverse ? b.listenOrder.reverse() : b.listenOrder.next()), View.LISTEN);
            case DETAIL, GROUPS -> s;
        };
    }

    /** {@code m}: rates, then totals in a unit that fits, in KiB, in B, in MiB, then rates again (nethogs' modes). */
    private static UiState nextAmounts(UiState s) {
        Display.TotalsUnit unit = s.display().totalsUnit();
        if (!s.totals()) {
            return s.with(b -> {
                b.totals = true;
                b.display = b.display.withTotalsUnit(Display.TotalsUnit.AUTO);
            });
        }
        if (unit == Display.TotalsUnit.MIB) {
            return s.with(b -> {
                b.totals = false;
                b.display = b.display.withTotalsUnit(Display.TotalsUnit.AUTO);
            });
        }
        Display.TotalsUnit next = Display.TotalsUnit.values()[unit.ordinal() + 1];
        return s.with(b -> b.display = b.display.withTotalsUnit(next));
    }

    /** The help overlay's own keys: Esc, Enter, ? and q close it; j/k and the arrows scroll it. */
    private static Step help(UiState s, Overlay.Help help, Key k) {
        if (closes(k, '?')) {
            return Step.of(s.with(b -> b.overlay = null));
        }
        int dir = scroll(k);
        int top = Math.max(0, Math.min(KeyMap.HELP.size() - 1, help.top() + dir));
        return Step.of(dir == 0 ? s : s.with(b -> b.overlay = new Overlay.Help(top)));
    }

    /** The visibility overlay's keys: as the help's, with v closing it. */
    private static Step visibility(UiState s, Overlay.Visibility v, Key k) {
        if (closes(k, 'v')) {
            return Step.of(s.with(b -> b.overlay = null));
        }
        int dir = scroll(k);
        int top = Math.max(0, Math.min(MAX_OVERLAY_LINES, v.top() + dir)); // the view clamps it to its lines
        return Step.of(dir == 0 ? s : s.with(b -> b.overlay = new Overlay.Visibility(top)));
    }

    /** Whether a key closes a text overlay: Esc, Enter, q, F1, F10 (as in htop) or the overlay's own key. */
    private static boolean closes(Key k, char own) {
        return k.kind() == KeyKind.ESC || k.kind() == KeyKind.ENTER
                || (k.kind() == KeyKind.FUNCTION && (k.ch() == 1 || k.ch() == 10))
                || (k.kind() == KeyKind.CHAR && (k.ch() == own || k.ch() == 'q'));
    }

    /** 1 for j or down, -1 for k or up, else 0. */
    private static int scroll(Key k) {
        return k.kind() == KeyKind.DOWN || (k.kind() == KeyKind.CHAR && k.ch() == 'j') ? 1
                : k.kind() == KeyKind.UP || (k.kind() == KeyKind.CHAR && k.ch() == 'k') ? -1 : 0;
    }

    private static Step interval(UiState s, java.time.Duration d) {
        if (d.equals(s.refresh())) {
            return Step.of(s);
        }
        return Step.of(s.with(b -> b.refresh = d), new Command.SetInterval(d));
    }

    private static UiState cycleInterface(UiState s, int dir) {
        int n = s.snapshot() == null ? 0 : s.snapshot().interfaces().size();
        // -1 (all) then 0..n-1, wrapping.
        int next = Math.floorMod(s.iface() + 1 + dir, n + 1) - 1;
        return s.with(b -> b.iface = next);
    }

    private static Step search(UiState s, Key k) {
        return switch (k.kind()) {
            case ENTER -> Step.of(s.with(b -> b.overlay = null));
            case ESC -> Step.of(Cursors.relocateAll(s.with(b -> {
                b.overlay = null;
                b.filter = "";
            })));
            case BACKSPACE -> Step.of(s.filter().isEmpty() ? s : Cursors.relocateAll(s.with(b -> {
                int cut = b.filter.offsetByCodePoints(b.filter.length(), -1);
                b.filter = b.filter.substring(0, cut);
            })));
            case CTRL -> k.ch() == 'u' ? Step.of(Cursors.relocateAll(s.with(b -> b.filter = ""))) : Step.of(s);
            case CHAR -> s.filter().length() >= 200 ? Step.of(s) : Step.of(Cursors.relocateAll(s.with(b -> {
                b.filter = b.filter + Sanitizer.clean(new String(Character.toChars(k.ch())));
            })));
            default -> Step.of(s);
        };
    }

    /** The pid the current row stands for, or -1. */
    static int selectedPid(UiState s) {
        return Navigation.selectedPid(s);
    }

    private Step mouse(UiState s, Mouse m) {
        return switch (m.kind()) {
            case WHEEL_UP -> Step.of(Cursors.move(s, -WHEEL_ROWS));
            case WHEEL_DOWN -> Step.of(Cursors.move(s, WHEEL_ROWS));
            case PRESS -> m.button() == 0 ? Step.of(click(s, m)) : Step.of(s);
            default -> Step.of(s);
        };
    }

    private static UiState click(UiState s, Mouse m) {
        if (Geometry.tiny(s)) {
            return s;
        }
        var area = Geometry.list(s, s.view());
        if (m.y() == area.y() - 1 && m.x() >= 0 && m.x() < s.width()) {
            UiState sorted = Columns.clickHeader(s, m.x()); // as in htop: a click on a column sorts by it
            return sorted == s ? s : Cursors.relocate(sorted, s.view());
        }
        if (!area.contains(m.x(), m.y())) {
            return s;
        }
        Cursor c = s.cursor(s.view());
        int index = c.offset() + (m.y() - area.y());
        if (index >= s.rows().size(s.view())) {
            return s;
        }
        boolean doubleClick = m.y() == s.lastClickRow() && m.nanos() - s.lastClickNanos() <= DOUBLE_CLICK_NANOS;
        boolean onSelected = index == c.index();
        UiState selected = Cursors.select(s, index).with(b -> {
            b.lastClickNanos = m.nanos();
            b.lastClickRow = m.y();
        });
        if (onSelected || doubleClick) {
            // A double click consumed here must not count as the first click of another.
            return Navigation.open(selected).with(b -> b.lastClickNanos = Long.MIN_VALUE / 2);
        }
        return selected;
    }
}
