package org.sstop.core;

/**
 * Receives snapshots pushed by a started {@link NetMonitor}, on the monitor's sampling thread.
 * A listener that throws (anything, errors included) does not stop the monitor: what it threw goes
 * to {@link #onError} of every listener, and is logged, at most once a minute per kind of failure.
 */
@FunctionalInterface
public interface SnapshotListener {

    /**
     * A new snapshot. Return quickly: the next sample waits for this call, and {@link NetMonitor#close()}
     * waits for it only a bounded time.
     *
     * @param snapshot the snapshot
     */
    void onSnapshot(Snapshot snapshot);

    /**
     * A sample failed (it is retried at the next interval), or a listener threw. Does nothing by
     * default: the monitor logs such failures itself.
     *
     * @param error what went wrong
     */
    default void onError(Throwable error) {
    }
}
