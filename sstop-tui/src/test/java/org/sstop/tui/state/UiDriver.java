package org.sstop.tui.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sstop.core.Snapshot;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.testing.Fixtures;

/**
 * Drives the update function as the UI loop does, for the state tests: a snapshot arrives, then
 * events and keys; the commands the steps return are collected.
 */
final class UiDriver {

    /** The commands of every step so far, in order (a test may clear them). */
    final List<Command> commands = new ArrayList<>();
    private final Update update;

    /** A driver for a UI whose own pid is 4242. */
    UiDriver() {
        this(4242);
    }

    /** A driver for a UI whose own pid is {@code self}. */
    UiDriver(long self) {
        update = new Update(self);
    }

    /** A 120×40 UI that has just received {@code snap}. */
    UiState start(Snapshot snap) {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        return update.apply(s, new Event.SnapshotArrived(snap)).state();
    }

    /** The state after each event in turn. */
    UiState send(UiState s, Event... events) {
        for (Event e : events) {
            Update.Step step = update.apply(s, e);
            commands.addAll(step.commands());
            s = step.state();
        }
        return s;
    }

    /** The state after typing {@code keys}, one character key each. */
    UiState type(UiState s, String keys) {
        for (int cp : keys.codePoints().toArray()) {
            s = send(s, Key.ch(cp));
        }
        return s;
    }
}
