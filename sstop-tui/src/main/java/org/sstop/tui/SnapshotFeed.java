package org.sstop.tui;

import java.time.Duration;
import java.util.Optional;
import org.sstop.core.NetMonitor;
import org.sstop.core.Snapshot;
import org.sstop.tui.state.Replay;

/**
 * Where the terminal UI's snapshots come from: the live monitor, or a replay of a recording. The
 * UI's thread polls it; {@link #close()} releases what it holds.
 */
public interface SnapshotFeed extends AutoCloseable {

    /** Starts producing snapshots. */
    void start();

    /**
     * The snapshot to show now.
     *
     * @return the newest snapshot, empty before the first
     */
    Optional<Snapshot> latest();

    /**
     * Changes the sampling interval (the live monitor only).
     *
     * @param interval the new interval
     */
    void setInterval(Duration interval);

    /**
     * Where a replay stands.
     *
     * @return the replay's position, or null for the live monitor
     */
    default Replay replay() {
        return null;
    }

    /**
     * Pauses, steps, seeks or changes the speed of a replay; the live monitor ignores it.
     *
     * @param control what to do
     */
    default void control(Replay.Control control) {
    }

    @Override
    void close();

    /**
     * The live monitor as a feed.
     *
     * @param monitor a built, not yet started monitor; closed with the feed
     * @return the feed
     */
    static SnapshotFeed live(NetMonitor monitor) {
        return new SnapshotFeed() {
            @Override
            public void start() {
                monitor.start();
            }

            @Override
            public Optional<Snapshot> latest() {
                return monitor.latest();
            }

            @Override
            public void setInterval(Duration interval) {
                monitor.setInterval(interval);
            }

            @Override
            public void close() {
                monitor.close();
            }
        };
    }
}
