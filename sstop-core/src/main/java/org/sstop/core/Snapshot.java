package org.sstop.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the monitor knows after one sample. Immutable.
 *
 * @param sequence 1 for the first sample, then counting up
 * @param time wall-clock time of the sample
 * @param elapsed measured (monotonic) time since the previous sample; the first sample measures
 *     from the monitor's start
 * @param interval the configured sampling interval
 * @param backends which providers are live and why the others are not
 * @param totals system totals: attributed plus unattributed, loopback excluded
 * @param unattributed traffic no process could be charged for (loopback excluded)
 * @param unattributedByReason the same split by reason (only reasons with traffic)
 * @param processes processes with sockets or traffic, exited ones included for a while;
 *     sorted by total rate, descending
 * @param hosts per remote address (loopback excluded), sorted by total rate, descending
 * @param listen listening sockets, sorted by protocol, port, address
 * @param interfaces per interface, sorted by name
 * @param history system-wide per-second bytes over the last minute
 * @param trend system-wide trend
 * @param visibility what limits this snapshot's truth
 */
public record Snapshot(
        long sequence,
        Instant time,
        Duration elapsed,
        Duration interval,
        BackendReport backends,
        Traffic totals,
        Traffic unattributed,
        Map<UnattributedReason, Traffic> unattributedByReason,
        List<ProcessStats> processes,
        List<HostStats> hosts,
        List<ListenEntry> listen,
        List<InterfaceStats> interfaces,
        RateHistory history,
        Trend trend,
        Visibility visibility) {

    /** Copies the collections. */
    public Snapshot {
        unattributedByReason = Map.copyOf(unattributedByReason);
        processes = List.copyOf(processes);
        hosts = List.copyOf(hosts);
        listen = List.copyOf(listen);
        interfaces = List.copyOf(interfaces);
    }
}
