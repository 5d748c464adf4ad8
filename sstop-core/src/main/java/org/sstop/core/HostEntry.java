package org.sstop.core;

import java.util.Arrays;
import java.util.List;
import org.sstop.api.IpAddress;

/** Traffic with one remote address, across processes: meter written by the {@link Accountant}, connections by the {@link Census}, pids by both (per sample). */
final class HostEntry {

    /** The network namespace the host is reached from (0: the monitor's own). */
    final long netns;
    final IpAddress address;
    final TrafficMeter meter = new TrafficMeter(true);
    int connections;
    private int[] pids = new int[4];
    private int pidCount;
    /** Membership of {@link #pids} once there are many (a busy server): keeps {@link #pid} O(1). */
    private final LongObjectMap<Boolean> pidSet = new LongObjectMap<>(16);
    private static final int SCAN_LIMIT = 8;
    private int[] published = new int[0];
    private List<Integer> publishedList = List.of();
    /** Its figures in the last snapshot: written by {@link SnapshotAssembler} only, reused while nothing changed. */
    HostStats publishedStats;

    HostEntry(long netns, IpAddress address) {
        this.netns = netns;
        this.address = address;
    }

    void resetSample() {
        connections = 0;
        if (pidCount > SCAN_LIMIT) {
            pidSet.clear();
        }
        pidCount = 0;
    }

    void pid(int pid) {
        if (pidCount > 0 && pids[pidCount - 1] == pid) {
            return;
        }
        if (pidCount <= SCAN_LIMIT) {
            for (int i = 0; i < pidCount; i++) {
                if (pids[i] == pid) {
                    return;
                }
            }
        } else if (pidSet.get(pid & 0xffff_ffffL | 1L << 32) != null) {
            return;
        }
        if (pidCount == pids.length) {
            pids = Arrays.copyOf(pids, pidCount * 2);
        }
        pids[pidCount++] = pid;
        if (pidCount == SCAN_LIMIT + 1) {
            for (int i = 0; i < pidCount; i++) {
                pidSet.put(pids[i] & 0xffff_ffffL | 1L << 32, Boolean.TRUE);
            }
        } else if (pidCount > SCAN_LIMIT + 1) {
            pidSet.put(pid & 0xffff_ffffL | 1L << 32, Boolean.TRUE);
        }
    }

    /** The pids of this sample, ascending; the same list as last time when they did not change (the usual case). */
    List<Integer> pids() {
        Arrays.sort(pids, 0, pidCount); // in place: membership does not depend on the order
        if (!Arrays.equals(pids, 0, pidCount, published, 0, published.length)) {
            published = Arrays.copyOf(pids, pidCount);
            Integer[] boxed = new Integer[pidCount];
            for (int i = 0; i < pidCount; i++) {
                boxed[i] = published[i];
            }
            publishedList = List.of(boxed);
        }
        return publishedList;
    }
}
