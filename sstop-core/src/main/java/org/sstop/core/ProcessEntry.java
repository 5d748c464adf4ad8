package org.sstop.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.ProcessInfo;

/** One process (pid + start time) the engine has charged traffic to. */
final class ProcessEntry {

    final int pid;
    /** Its description, or null when no mapper could describe it. */
    final ProcessInfo info;
    final TrafficMeter meter = new TrafficMeter(true);
    ProcessState state = ProcessState.RUNNING;
    Instant exitedAt;
    long exitedNanos;
    long nextAliveCheckNanos;
    long aliveCheckedTick = -1;
    /** This sample: its open sockets and counts. */
    final List<SockState> sockets = new ArrayList<>();
    int connections;
    int listening;
    int liveInodeSockets;

    ProcessEntry(int pid, ProcessInfo info) {
        this.pid = pid;
        this.info = info;
    }

    long startTime() {
        return info == null ? 0 : info.startTime();
    }

    void resetTick() {
        sockets.clear();
        connections = 0;
        listening = 0;
        liveInodeSockets = 0;
    }
}
