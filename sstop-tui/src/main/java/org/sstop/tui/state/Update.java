package org.sstop.tui.state;

import java.util.List;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.kill.Sig;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Event.Mouse;
import org.sstop.tui.state.Overlay.KillStage;
import org.sstop.tui.text.Sanitizer;

/**
 * The one place the UI state changes: {@code (state, event) -> (state, commands)}, a pure
 * function (Elm style). Side effects are returned as {@link Command}s for the runtime.
 */
public final class Update {

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

    private final long selfPid;

    /** @param selfPid sstop's own pid, which the kill dialog refuses */
    public Update(long selfPid) {
        this.selfPid = selfPid;
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
            return Step.of(s.with(b -> b.now = t.now()));
        }
        if (e instanceof Event.SnapshotArrived a) {
            if (s.paused()) {
                return Step.of(s);
            }
            return Step.of(relocateAll(s.with(b -> {
                b.snapshot = a.snapshot();
                if (b.iface >= a.snapshot().interfaces().size()) {
                    b.iface = -1;
                }
            })));
        }
        if (e instanceof Event.Resize r) {
            return Step.of(relocateAll(s.with(b -> {
                b.width = Math.max(0, r.width());
                b.height = Math.max(0, r.height());
            })));
        }
        Event.KillResult r = (Event.KillResult) e;
        return Step.of(s.overlay() instanceof Overlay.Kill k
                ? s.with(b -> b.overlay = new Overlay.Kill(k.pid(), k.startTime(), k.name(), k.signal(),
                        KillStage.RESULT, r.message(), r.ok()))
                : s);
    }

    private Step key(UiState s, Key k) {
        if (k.equals(KeyMap.INTERRUPT)) {
            return Step.of(s, new Command.Quit());
        }
        Overlay o = s.overlay();
        if (o instanceof Overlay.Help help) {
            return help(s, help, k);
        }
        if (o instanceof Overlay.Search) {
            return search(s, k);
        }
        if (o instanceof Overlay.Kill kill) {
            return kill(s, kill, k);
        }
        KeyMap.Action action = KeyMap.action(k);
        return action == null ? Step.of(s) : perform(s, action);
    }

    /** What a bound key does in the main views; every action of the key map has its case. */
    private Step perform(UiState s, KeyMap.Action action) {
        return switch (action) {
            case DOWN -> Step.of(move(s, 1));
            case UP -> Step.of(move(s, -1));
            case PAGE_DOWN -> Step.of(move(s, Geometry.pageRows(s, s.view())));
            case PAGE_UP -> Step.of(move(s, -Geometry.pageRows(s, s.view())));
            case HALF_PAGE_DOWN -> Step.of(move(s, Math.max(1, Geometry.pageRows(s, s.view()) / 2)));
            case HALF_PAGE_UP -> Step.of(move(s, -Math.max(1, Geometry.pageRows(s, s.view()) / 2)));
            case FIRST -> Step.of(move(s, Integer.MIN_VALUE / 2));
            case LAST -> Step.of(move(s, Integer.MAX_VALUE / 2));
            case OPEN -> Step.of(open(s));
            case BACK -> Step.of(back(s));
            case HOSTS -> Step.of(switchTo(s, s.view() == View.HOSTS ? View.PROCESSES : View.HOSTS));
            case LISTEN -> Step.of(switchTo(s, s.view() == View.LISTEN ? View.PROCESSES : View.LISTEN));
            case SEARCH -> Step.of(s.with(b -> b.overlay = new Overlay.Search()));
            case SORT -> Step.of(relocateAll(s.with(b -> {
                b.sort = b.sort.next();
                b.reversed = false;
            })));
            case REVERSE -> Step.of(relocateAll(s.with(b -> b.reversed = !b.reversed)));
            case TOTALS -> Step.of(relocateAll(s.with(b -> b.totals = !b.totals)));
            case NEXT_INTERFACE -> Step.of(cycleInterface(s, 1));
            case PREVIOUS_INTERFACE -> Step.of(cycleInterface(s, -1));
            case DNS -> Step.of(s.dnsAllowed() ? s.with(b -> b.dns = !b.dns) : s);
            case SLOWER -> interval(s, Refresh.longer(s.refresh()));
            case FASTER -> interval(s, Refresh.shorter(s.refresh()));
            case PAUSE -> Step.of(s.with(b -> b.paused = !b.paused));
            case KILL -> Step.of(openKill(s));
            case HELP -> Step.of(s.with(b -> b.overlay = new Overlay.Help(0)));
            case QUIT -> Step.of(s, new Command.Quit());
        };
    }

    /** The help overlay's own keys: Esc, Enter, ? and q close it; j/k and the arrows scroll it. */
    private static Step help(UiState s, Overlay.Help help, Key k) {
        boolean close = k.kind() == KeyKind.ESC || k.kind() == KeyKind.ENTER
                || (k.kind() == KeyKind.CHAR && (k.ch() == '?' || k.ch() == 'q'));
        if (close) {
            return Step.of(s.with(b -> b.overlay = null));
        }
        int dir = k.kind() == KeyKind.DOWN || (k.kind() == KeyKind.CHAR && k.ch() == 'j') ? 1
                : k.kind() == KeyKind.UP || (k.kind() == KeyKind.CHAR && k.ch() == 'k') ? -1 : 0;
        int top = Math.max(0, Math.min(KeyMap.HELP.size() - 1, help.top() + dir));
        return Step.of(dir == 0 ? s : s.with(b -> b.overlay = new Overlay.Help(top)));
    }

    private static Step interval(UiState s, java.time.Duration d) {
        if (d.equals(s.refresh())) {
            return Step.of(s);
        }
        return Step.of(s.with(b -> b.refresh = d), new Command.SetInterval(d));
    }

    private static UiState switchTo(UiState s, View v) {
        return relocate(s.with(b -> {
            b.view = v;
            if (v != View.DETAIL) {
                b.back = v;
            }
        }), v);
    }

    private static UiState back(UiState s) {
        if (s.view() == View.DETAIL) {
            return switchTo(s, s.back());
        }
        if (s.view() != View.PROCESSES) {
            return switchTo(s, View.PROCESSES);
        }
        if (!s.filter().isEmpty()) {
            return relocateAll(s.with(b -> b.filter = ""));
        }
        return s;
    }

    private static UiState cycleInterface(UiState s, int dir) {
        int n = s.snapshot() == null ? 0 : s.snapshot().interfaces().size();
        // -1 (all) then 0..n-1, wrapping.
        int next = Math.floorMod(s.iface() + 1 + dir, n + 1) - 1;
        return s.with(b -> b.iface = next);
    }

    /** Opens the selected row: a process (or the first process of a host or listen entry) in detail. */
    private static UiState open(UiState s) {
        int pid = selectedPid(s);
        if (pid <= 0 || s.view() == View.DETAIL || Rows.process(s.snapshot(), pid) == null) {
            return s;
        }
        return s.with(b -> {
            b.view = View.DETAIL;
            b.detailPid = pid;
            b.conns = Cursor.TOP;
        });
    }

    /** The pid the current row stands for, or -1. */
    static int selectedPid(UiState s) {
        int i = s.cursor(s.view()).index();
        switch (s.view()) {
            case PROCESSES -> {
                List<ProcessStats> rows = Rows.processes(s);
                return i < rows.size() ? rows.get(i).pid() : -1;
            }
            case HOSTS -> {
                List<HostStats> rows = Rows.hosts(s);
                return i < rows.size() && !rows.get(i).pids().isEmpty() ? rows.get(i).pids().get(0) : -1;
            }
            case LISTEN -> {
                List<ListenEntry> rows = Rows.listen(s);
                return i < rows.size() ? rows.get(i).pid() : -1;
            }
            case DETAIL -> {
                return s.detailPid();
            }
            default -> {
                return -1;
            }
        }
    }

    private UiState openKill(UiState s) {
        int pid = selectedPid(s);
        if (pid < 0) {
            return s;
        }
        ProcessStats p = Rows.process(s.snapshot(), pid);
        String name = p == null ? "" : Sanitizer.clean(p.name());
        String refusal = null;
        if (pid == 0) {
            refusal = "Refused: pid 0 is not a process";
        } else if (pid == selfPid) {
            refusal = "Refused: that is sstop itself";
        } else if (p == null) {
            refusal = "Refused: pid " + pid + " is not in the snapshot";
        } else if (p.state() == ProcessState.EXITED) {
            refusal = "Refused: pid " + pid + " has exited";
        }
        long start = p == null ? 0 : p.startTime();
        Overlay.Kill k = refusal == null
                ? new Overlay.Kill(pid, start, name, 0, KillStage.CHOOSE, "", false)
                : new Overlay.Kill(pid, start, name, 0, KillStage.RESULT, refusal, false);
        return s.with(b -> b.overlay = k);
    }

    private static Step kill(UiState s, Overlay.Kill k, Key key) {
        boolean esc = key.kind() == KeyKind.ESC || (key.kind() == KeyKind.CHAR && key.ch() == 'q');
        switch (k.stage()) {
            case CHOOSE -> {
                if (esc) {
                    return Step.of(s.with(b -> b.overlay = null));
                }
                int n = Sig.values().length;
                int sig = k.signal();
                if (key.kind() == KeyKind.UP || (key.kind() == KeyKind.CHAR && key.ch() == 'k')) {
                    sig = Math.floorMod(sig - 1, n);
                } else if (key.kind() == KeyKind.DOWN || (key.kind() == KeyKind.CHAR && key.ch() == 'j')) {
                    sig = Math.floorMod(sig + 1, n);
                } else if (key.kind() == KeyKind.CHAR && key.ch() >= '1' && key.ch() < '1' + n) {
                    sig = key.ch() - '1';
                } else if (key.kind() == KeyKind.ENTER) {
                    return Step.of(withKill(s, k, sig, KillStage.CONFIRM));
                }
                return Step.of(withKill(s, k, sig, KillStage.CHOOSE));
            }
            case CONFIRM -> {
                if (key.kind() == KeyKind.ENTER || (key.kind() == KeyKind.CHAR && (key.ch() == 'y' || key.ch() == 'Y'))) {
                    return Step.of(withKill(s, k, k.signal(), KillStage.SENDING),
                            new Command.SendSignal(k.pid(), k.startTime(), k.name(), k.sig()));
                }
                if (esc || (key.kind() == KeyKind.CHAR && (key.ch() == 'n' || key.ch() == 'N'))) {
                    return Step.of(withKill(s, k, k.signal(), KillStage.CHOOSE));
                }
                return Step.of(s);
            }
            case SENDING -> {
                return Step.of(s);
            }
            default -> {
                return Step.of(s.with(b -> b.overlay = null));
            }
        }
    }

    private static UiState withKill(UiState s, Overlay.Kill k, int sig, KillStage stage) {
        return s.with(b -> b.overlay = new Overlay.Kill(k.pid(), k.startTime(), k.name(), sig, stage, "", false));
    }

    private static Step search(UiState s, Key k) {
        return switch (k.kind()) {
            case ENTER -> Step.of(s.with(b -> b.overlay = null));
            case ESC -> Step.of(relocateAll(s.with(b -> {
                b.overlay = null;
                b.filter = "";
            })));
            case BACKSPACE -> Step.of(s.filter().isEmpty() ? s : relocateAll(s.with(b -> {
                int cut = b.filter.offsetByCodePoints(b.filter.length(), -1);
                b.filter = b.filter.substring(0, cut);
            })));
            case CTRL -> k.ch() == 'u' ? Step.of(relocateAll(s.with(b -> b.filter = ""))) : Step.of(s);
            case CHAR -> s.filter().length() >= 200 ? Step.of(s) : Step.of(relocateAll(s.with(b -> {
                b.filter = b.filter + Sanitizer.clean(new String(Character.toChars(k.ch())));
            })));
            default -> Step.of(s);
        };
    }

    private Step mouse(UiState s, Mouse m) {
        return switch (m.kind()) {
            case WHEEL_UP -> Step.of(move(s, -WHEEL_ROWS));
            case WHEEL_DOWN -> Step.of(move(s, WHEEL_ROWS));
            case PRESS -> m.button() == 0 ? Step.of(click(s, m)) : Step.of(s);
            default -> Step.of(s);
        };
    }

    private static UiState click(UiState s, Mouse m) {
        if (Geometry.tiny(s)) {
            return s;
        }
        var area = Geometry.list(s, s.view());
        if (!area.contains(m.x(), m.y())) {
            return s;
        }
        Cursor c = s.cursor(s.view());
        int index = c.offset() + (m.y() - area.y());
        List<Object> keys = Rows.keys(s, s.view());
        if (index >= keys.size()) {
            return s;
        }
        boolean doubleClick = m.y() == s.lastClickRow() && m.nanos() - s.lastClickNanos() <= DOUBLE_CLICK_NANOS;
        boolean onSelected = index == c.index();
        UiState selected = s.withCursor(s.view(), new Cursor(index, c.offset(), keys.get(index)))
                .with(b -> {
                    b.lastClickNanos = m.nanos();
                    b.lastClickRow = m.y();
                });
        if (onSelected || doubleClick) {
            // A double click consumed here must not count as the first click of another.
            return open(selected).with(b -> b.lastClickNanos = Long.MIN_VALUE / 2);
        }
        return selected;
    }

    /** Moves the current view's cursor by {@code delta} rows, clamped, scrolling as needed. */
    static UiState move(UiState s, int delta) {
        View v = s.view();
        List<Object> keys = Rows.keys(s, v);
        Cursor c = s.cursor(v);
        int index = clamp((long) c.index() + delta, keys.size());
        return s.withCursor(v, scrolled(s, v, index, c.offset(), keys));
    }

    private static Cursor scrolled(UiState s, View v, int index, int offset, List<Object> keys) {
        int page = Geometry.pageRows(s, v);
        int off = offset;
        if (index < off) {
            off = index;
        } else if (index >= off + page) {
            off = index - page + 1;
        }
        off = Math.max(0, Math.min(off, Math.max(0, keys.size() - page)));
        return new Cursor(index, off, keys.isEmpty() ? null : keys.get(index));
    }

    private static int clamp(long index, int size) {
        return (int) Math.max(0, Math.min(index, size - 1L));
    }

    /** Re-finds every view's selected row by its key after the rows changed. */
    static UiState relocateAll(UiState s) {
        UiState r = s;
        for (View v : View.values()) {
            r = relocate(r, v);
        }
        return r;
    }

    private static UiState relocate(UiState s, View v) {
        List<Object> keys = Rows.keys(s, v);
        Cursor c = s.cursor(v);
        int index = c.key() == null ? -1 : keys.indexOf(c.key());
        if (index < 0) {
            index = clamp(c.index(), keys.size());
        }
        return s.withCursor(v, scrolled(s, v, index, c.offset(), keys));
    }
}
