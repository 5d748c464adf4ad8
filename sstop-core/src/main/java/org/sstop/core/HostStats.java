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
 */
public record HostStats(IpAddress address, String name, Traffic traffic, int connections, List<Integer> pids,
        Trend trend, RateHistory history) {

    /** Copies the list. */
    public HostStats {
        pids = List.copyOf(pids);
    }
}
