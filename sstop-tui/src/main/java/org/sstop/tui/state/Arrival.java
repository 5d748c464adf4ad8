package org.sstop.tui.state;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertBook;

/**
 * What a new snapshot does to the UI state ({@link Update}'s {@link Event.SnapshotArrived}): the
 * alert rules step on it even while the display is paused (collection goes on, so do alerts),
 * then, unless paused, it goes on display, and folds of processes that are gone are dropped.
 * Stateless.
 */
final class Arrival {

    private Arrival() {
    }

    /**
     * @param s the state
     * @param snapshot the snapshot that arrived
     * @return the state after it, with a {@link Command.Alert} when breaches started
     */
    static Update.Step apply(UiState s, Snapshot snapshot) {
        AlertBook alerts = s.alerts().next(snapshot);
        List<Command> commands = alerts.started().isEmpty() ? List.of() : List.of(new Command.Alert(alerts.started()));
        UiState alerted = alerts == s.alerts() ? s : s.with(b -> b.alerts = alerts);
        if (s.paused()) {
            return new Update.Step(alerted, commands);
        }
        Snapshot limited = s.interfaces().limit(snapshot); // sstop eth0: only the interfaces named
        return new Update.Step(Cursors.relocateAll(alerted.with(b -> {
            b.snapshot = limited;
            b.folded = stillShown(b.folded, limited);
            b.interfaces = b.interfaces.after(limited);
            if (b.iface >= limited.interfaces().size()) {
                b.iface = -1;
            }
        })), commands);
    }

    /**
     * The folded pids whose process is still in the snapshot: the fold of a process that is gone
     * goes with it, so a later process given the same pid does not come up folded.
     */
    private static Set<Integer> stillShown(Set<Integer> folded, Snapshot snapshot) {
        if (folded.isEmpty()) {
            return folded;
        }
        Set<Integer> kept = new HashSet<>();
        for (ProcessStats p : snapshot.processes()) {
            if (folded.contains(p.pid())) {
                kept.add(p.pid());
            }
        }
        return kept.size() == folded.size() ? folded : Set.copyOf(kept);
    }
}
