package org.sstop.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.Coverage;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.UnattributedReason;
import org.sstop.core.Visibility;

/** Hand-built snapshots for the writers' tests. */
final class Snapshots {

    static final Instant TIME = Instant.parse("2026-11-21T20:00:01.250Z");
    static final String HOSTILE = "evil\u001b]0;x\u0007\u001b[2Jname";

    private Snapshots() {
    }

    static BackendReport report() {
        return new BackendReport(List.of(
                new BackendReport.ServiceReport("sockets", "linux-netlink", List.of(
                        new BackendReport.Candidate("linux-netlink", 100, true, "", "", null, true),
                        new BackendReport.Candidate("linux-procfs", 50, true, "passed over: lower priority", "", null, false))),
                new BackendReport.ServiceReport("processes", "linux-procfs", List.of(
                        new BackendReport.Candidate("linux-procfs", 50, true, "", "", null, true))),
                new BackendReport.ServiceReport("interfaces", "linux-procfs", List.of(
                        new BackendReport.Candidate("linux-procfs", 50, true, "", "", null, true),
                        new BackendReport.Candidate("macos-netstat", 50, false, "not macOS", "", null, false))),
                new BackendReport.ServiceReport("flows", null, List.of())));
    }

    static ProcessStats process(int pid, String name, String cmdline, String user, ProcessState state, Traffic traffic) {
        return new ProcessStats(pid, 1, name, cmdline, user, 12345L, state,
                state == ProcessState.EXITED ? TIME.minusSeconds(3) : null, traffic, 2, 1, Trend.RISING,
                RateHistory.EMPTY, List.of());
    }

    /** A snapshot with one of everything, the second process carrying hostile text. */
    static Snapshot full() {
        List<ProcessStats> processes = List.of(
                process(1234, "curl", "curl -O http://x", "root", ProcessState.RUNNING,
                        new Traffic(1499.5, 20.4, 10_000, 2_000)),
                process(4321, HOSTILE, "=HYPERLINK(\"http://e\",\"x\")\u202e,\"q\"\n2nd", "-bob", ProcessState.EXITED,
                        new Traffic(0, 0, 77, 88)));
        return new Snapshot(7, TIME, Duration.ofMillis(1003), Duration.ofSeconds(1), report(),
                new Attribution(new Traffic(1519.9, 20.4, 10_500, 2_300),
                        new Traffic(0.4, 0, 423, 212),
                        Map.of(UnattributedReason.NO_PERMISSION, new Traffic(0.4, 0, 400, 200),
                                UnattributedReason.SHORT_LIVED, new Traffic(0, 0, 23, 12)),
                        Traffic.ZERO, Map.of()),
                Attribution.NONE, Coverage.NONE,
                processes,
                List.of(new HostStats(IpAddress.parse("10.0.0.2"), null, new Traffic(1499.5, 20.4, 10_000, 2_000), 1, List.of(1234),
                        Trend.STABLE, RateHistory.EMPTY),
                        new HostStats(IpAddress.parse("2001:db8::1"), "h\u009bost", Traffic.ZERO, 2, List.of(1234, 4321),
                        Trend.STABLE, RateHistory.EMPTY)),
                List.of(new ListenEntry(Protocol.TCP, new Endpoint(IpAddress.ANY_V4, 22), 1, "sshd", "/usr/sbin/sshd -D"),
                        new ListenEntry(Protocol.UDP, new Endpoint(IpAddress.ANY_V6, 5353), -1, "", "")),
                List.of(new InterfaceStats("eth0", new Traffic(1600, 30, 11_000, 2_500), false, true),
                        new InterfaceStats("lo", Traffic.ZERO, true, true)),
                RateHistory.EMPTY, Trend.STABLE,
                new Visibility(List.of("not root: other users' sockets are not mapped to processes"), 0, 0, 0, 0, 0));
    }
}
