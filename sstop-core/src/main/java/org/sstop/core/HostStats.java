package org.sstop.core;

import java.util.List;
import org.sstop.api.IpAddress;

/**
 * Traffic with one remote address, across all processes.
 *
 * @param address the remote address
 * @param name its host name when known; the engine does no DNS, so snapshots carry null and an
 *     application that resolves names (the terminal UI does) fills them in its own copies
 * @param traffic rates and totals
 * @param connections open connections to it
 * @param pids processes talking to it, ascending
 * @param trend traffic trend
 * @param history per-second bytes over the last minute
 * @param netns the network namespace the host is reached from when it is not the monitor's own
 *     (the inode of {@code /proc/<pid>/ns/net}), else 0: the same address seen from two
 *     namespaces is two hosts
 */
public record HostStats(IpAddress address, String name, Traffic traffic, int connections, List<Integer> pids,
        Trend trend, RateHistory history, long netns) {

    /** Copies the list. */
    public HostStats {
        pids = List.copyOf(pids);
    }

    /** A host reached from the monitor's own network namespace. */
    public HostStats(IpAddress address, String name, Traffic traffic, int connections, List<Integer> pids,
            Trend trend, RateHistory history) {
        this(address, name, traffic, connections, pids, trend, history, 0);
    }
}
