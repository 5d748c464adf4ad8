package org.sstop.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.ProcessInfo;

/**
 * One process (pid + start time) the engine has charged traffic to. Its life fields are written by
 * the {@link ProcessTable}, its meter by the {@link Accountant}, its per-sample sockets and counts
 * by the {@link Census}; all on the sampling thread.
 */
final class ProcessEntry {

    final int pid;
    /**
     * Its description, or null when no mapper could describe it; described again by the
     * {@link ProcessTable} while its container has no name yet (the runtime writes it late).
     */
    ProcessInfo info;
    /** When the table may next look for its container's name. */
    long nextNameCheckNanos;
    final TrafficMeter meter = new TrafficMeter(true);
    ProcessState state = ProcessState.RUNNING;
    Instant exitedAt;
    long exitedNanos;
    long nextAliveCheckNanos;
    /** A process that holds sockets is checked less often: not before this. */
    long nextHolderCheckNanos;
    long aliveCheckedTick = -1;
    /** Dropped from the table (exited, past retention): a socket that still names it has no owner to show. */
    boolean dropped;
    /** This sample: its open sockets and counts. */
    final List<SockState> sockets = new ArrayList<>();
    int connections;
    /** The totals already rolled up into its groups: written by {@link SnapshotAssembler} only. */
    long rolledUpUp;
    long rolledUpDown;
    /**
     * Its figures in the last snapshot, and the description they were made from: written by
     * {@link SnapshotAssembler} only, which hands out the same object while nothing changed.
     */
    ProcessStats published;
    ProcessInfo publishedInfo;
    int listening;
    /** Open sockets a mapper could find it by (orphans with no owner key do not keep it alive). */
    int heldSockets;
    /**
     * With a kernel counter: what its sockets in their first interval moved in this sample, off
     * loopback and on it; those bytes set its rate outright, as they set their sockets' (written
     * and cleared by the {@link Accountant} within one sample).
     */
    long firstUp;
    long firstDown;
    long firstLoopUp;
    long firstLoopDown;
    /**
     * What its sockets whose rate holder is decided this sample moved (see {@link SockState#rateHolder}),
     * and whether the counter's count for it covered that, give or take the bytes the counter
     * was reading at the time (else another process moved them);
     * written and cleared by the {@link Accountant} within one sample.
     */
    long claimed;
    boolean claimCovered;
    /** Bytes a kernel counter counted for it, off loopback and on it (written by the {@link Accountant}). */
    long countedExternal;
    long countedLoopback;
    /** Its rate has left the accounts' since it exited (written by {@link Departures}). */
    boolean rateShed;

    ProcessEntry(int pid, ProcessInfo info) {
        this.pid = pid;
        this.info = info;
    }

    long startTime() {
        return info == null ? 0 : info.startTime();
    }

    void resetSample() {
        sockets.clear();
        connections = 0;
        listening = 0;
        heldSockets = 0;
    }
}
