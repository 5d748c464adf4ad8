package org.sstop.core;

/** Whether a process in a snapshot still runs. */
public enum ProcessState {
    /** Alive. */
    RUNNING,
    /** Gone; kept for a while with its totals. */
    EXITED;

    /** Lower-case name as used in JSON. */
    public String label() {
        return this == RUNNING ? "running" : "exited";
    }
}
