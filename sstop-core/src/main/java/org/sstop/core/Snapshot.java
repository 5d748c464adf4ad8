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
 * @param external traffic leaving or entering the host: the system totals, what was unattributed
 *     and why, what was reattributed (loopback excluded)
 * @param loopback traffic between this host's own processes (over loopback, or to one of its own
 *     addresses): counted for the process at each end, in no system total
 * @param coverage the counted payload against the interface counters
 * @param processes processes with sockets or traffic, exited ones included for a while;
 *     sorted by total rate, descending (an exited process's rates are 0)
 * @param hosts per remote address (loopback excluded), sorted by total rate, descending
 * @param listen listening sockets, sorted by protocol, port, address
 * @param interfaces per interface: the monitor's network namespace's first, then by namespace, by
 *     name within one
 * @param history system-wide per-second bytes over the last minute
 * @param trend system-wide trend
 * @param visibility what limits this snapshot's truth
 * @param containers the processes rolled up by container, service or session (those whose cgroup
 *     tells one), busiest first
 * @param users the processes rolled up by user, busiest first
 */
public record Snapshot(
        long sequence,
        Instant time,
        Duration elapsed,
        Duration interval,
        BackendReport backends,
        Attribution external,
        Attribution loopback,
        Coverage coverage,
        List<ProcessStats> processes,
        List<HostStats> hosts,
        List<ListenEntry> listen,
        List<InterfaceStats> interfaces,
        RateHistory history,
        Trend trend,
        Visibility visibility,
        List<ContainerStats> containers,
        List<UserStats> users) {

    /**
     * A snapshot without the user roll-up.
     *
     * @param sequence the sample number
     * @param time wall-clock time
     * @param elapsed time since the previous sample
     * @param interval the sampling interval
     * @param backends the providers
     * @param external traffic leaving or entering the host
     * @param loopback traffic between the host's own processes
     * @param coverage payload against interface counters
     * @param processes per process
     * @param hosts per remote address
     * @param listen listening sockets
     * @param interfaces per interface
     * @param history per-second bytes
     * @param trend system-wide trend
     * @param visibility what limits it
     * @param containers per container, service or session
     */
    public Snapshot(long sequence, Instant time, Duration elapsed, Duration interval, BackendReport backends,
            Attribution external, Attribution loopback, Coverage coverage, List<ProcessStats> processes,
            List<HostStats> hosts, List<ListenEntry> listen, List<InterfaceStats> interfaces, RateHistory history,
            Trend trend, Visibility visibility, List<ContainerStats> containers) {
        this(sequence, time, elapsed, interval, backends, external, loopback, coverage, processes, hosts, listen,
                interfaces, history, trend, visibility, containers, List.of());
    }

    /**
     * A snapshot without the container and user roll-ups.
     *
     * @param sequence the sample number
     * @param time wall-clock time
     * @param elapsed time since the previous sample
     * @param interval the sampling interval
     * @param backends the providers
     * @param external traffic leaving or entering the host
     * @param loopback traffic between the host's own processes
     * @param coverage payload against interface counters
     * @param processes per process
     * @param hosts per remote address
     * @param listen listening sockets
     * @param interfaces per interface
     * @param history per-second bytes
     * @param trend system-wide trend
     * @param visibility what limits it
     */
    public Snapshot(long sequence, Instant time, Duration elapsed, Duration interval, BackendReport backends,
            Attribution external, Attribution loopback, Coverage coverage, List<ProcessStats> processes,
            List<HostStats> hosts, List<ListenEntry> listen, List<InterfaceStats> interfaces, RateHistory history,
            Trend trend, Visibility visibility) {
        this(sequence, time, elapsed, interval, backends, external, loopback, coverage, processes, hosts, listen,
                interfaces, history, trend, visibility, List.of(), List.of());
    }

    /** Copies the collections. */
    public Snapshot {
        processes = List.copyOf(processes);
        hosts = List.copyOf(hosts);
        listen = List.copyOf(listen);
        interfaces = List.copyOf(interfaces);
        containers = List.copyOf(containers);
        users = List.copyOf(users);
    }

    /** System totals: attributed plus unattributed traffic leaving or entering the host (loopback excluded). */
    public Traffic totals() {
        return external.total();
    }

    /** Traffic leaving or entering the host that no process could be charged for when it was counted. */
    public Traffic unattributed() {
        return external.unattributed();
    }

    /** {@link #unattributed()} by reason (only reasons with bytes). */
    public Map<UnattributedReason, Traffic> unattributedByReason() {
        return external.unattributedByReason();
    }
}
