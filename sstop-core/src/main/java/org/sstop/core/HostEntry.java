package org.sstop.core;

import java.util.Arrays;
import java.util.List;
import org.sstop.api.IpAddress;

/** Traffic with one remote address, across processes. */
final class HostEntry {

    final IpAddress address;
    final TrafficMeter meter = new TrafficMeter(true);
    int connections;
    private int[] pids = new int[4];
    private int pidCount;

    HostEntry(IpAddress address) {
        this.address = address;
    }

    void resetTick() {
        connections = 0;
        pidCount = 0;
    }

    void pid(int pid) {
        for (int i = 0; i < pidCount; i++) {
            if (pids[i] == pid) {
                return;
            }
        }
        if (pidCount == pids.length) {
            pids = Arrays.copyOf(pids, pidCount * 2);
        }
        pids[pidCount++] = pid;
    }

    List<Integer> pids() {
        int[] p = Arrays.copyOf(pids, pidCount);
        Arrays.sort(p);
        return Arrays.stream(p).boxed().toList();
    }
}
