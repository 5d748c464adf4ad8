package org.sstop.core;

/** Receives snapshots pushed by a started {@link NetMonitor}, on the monitor's sampling thread. */
@FunctionalInterface
public interface SnapshotListener {

    /**
     * A new snapshot. Return quickly: the next sample waits for this call.
     *
     * @param snapshot the snapshot
     */
    void onSnapshot(Snapshot snapshot);

    /**
     * A sample failed (it is retried at the next interval). Logged by default.
     *
     * @param error what went wrong
     */
    default void onError(Exception error) {
        System.getLogger(SnapshotListener.class.getName())
                .log(System.Logger.Level.WARNING, "sample failed", error);
    }
}
