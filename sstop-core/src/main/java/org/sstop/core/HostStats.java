package org.sstop.core;

import java.util.List;
import org.sstop.api.IpAddress;

/**
 * Traffic with one remote address, across all processes.
 *
 * @param address the remote address
 * @param name its host name when known (the engine does no DNS; may be null)
 * @param traffic rates and totals
 * @param connections open connections to it
 * @param pids processes talking to it, ascending
 */
public record HostStats(IpAddress address, String name, Traffic traffic, int connections, List<Integer> pids) {

    /** Copies the list. */
    public HostStats {
        pids = List.copyOf(pids);
    }
}
