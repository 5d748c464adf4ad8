package org.sstop.tui.state;

import java.time.Duration;
import org.sstop.core.Snapshot;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.testing.Fixtures;

/** Drives the update function as the UI loop does, for the state tests: a snapshot arrives, then events and keys. */
final class UiDriver {

    private final Update update = new Update(4242);

    /** A 120×40 UI that has just received {@code snap}. */
    UiState start(Snapshot snap) {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, 120, 40, Fixtures.T0);
        return update.apply(s, new Event.SnapshotArrived(snap)).state();
    }

    /** The state after each event in turn. */
    UiState send(UiState s, Event... events) {
        for (Event e : events) {
            s = update.apply(s, e).state();
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
