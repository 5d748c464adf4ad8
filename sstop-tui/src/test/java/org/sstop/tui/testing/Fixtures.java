package org.sstop.tui.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.Attribution;
import org.sstop.core.BackendReport;
import org.sstop.core.Coverage;
import org.sstop.core.SocketStats;
import org.sstop.core.HostStats;
import org.sstop.core.InterfaceStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.core.Visibility;

/** Hand-built snapshots for tests and benchmarks. */
public final class Fixtures {

    /** A process name that tries to set the window title and clear the screen. */
    public static final String HOSTILE = "\u001b]0;pwned\u0007evil\u001b[2J\u009b31m\u202e";
    /** A name with wide characters (CJK and emoji). */
    public static final String WIDE = "名前テスト😀漢字サーバー";

    public static final Instant T0 = Instant.parse("2026-11-21T20:00:00Z");

    private Fixtures() {
    }

    /** A history with a ramp of traffic. */
    public static RateHistory history(int n, long scale) {
        long[] up = new long[n];
        long[] down = new long[n];
        for (int i = 0; i < n; i++) {
            up[i] = (i * 37 % 11) * scale;
            down[i] = (i * 13 % 7) * scale * 2;
        }
        return RateHistory.of(up, down);
    }

    public static Endpoint ep(String addr, int port) {
        return new Endpoint(IpAddress.parse(addr), port);
    }

    public static SocketStats conn(Protocol p, String local, int lport, String remote, int rport, SocketState st,
            double up, double down) {
        // The fixtures' host address is on eth0; a wildcard tells no interface.
        return new SocketStats(p, ep(local, lport), ep(remote, rport), st, Duration.ofSeconds(95),
                new Traffic(up, down, (long) up * 10, (long) down * 10), false, true, local.equals("10.0.0.2") ? "eth0" : null);
    }

    public static ProcessStats process(int pid, String name, String cmdline, double up, double down,
            ProcessState state, List<SocketStats> sockets) {
        int listening = (int) sockets.stream().filter(c -> c.state() == SocketState.LISTEN).count();
        return new ProcessStats(pid, 1, name, cmdline, "root", 1000L + pid, state,
                state == ProcessState.EXITED ? T0 : null, new Traffic(up, down, (long) (up * 60), (long) (down * 60)),
                sockets.size() - listening, listening, Trend.STABLE, history(60, pid % 50 + 1), sockets);
    }

    /** Sockets of a typical client/server process. */
    public static List<SocketStats> sockets(int seed) {
        return List.of(
                conn(Protocol.TCP, "10.0.0.2", 40000 + seed, "93.184.216.34", 443, SocketState.ESTABLISHED, 1000 * seed, 5000),
                conn(Protocol.TCP, "0.0.0.0", 8000 + seed % 1000, "0.0.0.0", 0, SocketState.LISTEN, 0, 0),
                conn(Protocol.TCP, "10.0.0.2", 41000 + seed, "2001:db8::1", 22, SocketState.TIME_WAIT, 0, 0),
                conn(Protocol.UDP, "0.0.0.0", 5353, "0.0.0.0", 0, SocketState.UNCONNECTED, 10, 10),
                conn(Protocol.TCP, "10.0.0.2", 42000 + seed, "10.0.0.9", 5432, SocketState.SYN_SENT, 0, 0),
                conn(Protocol.TCP, "10.0.0.2", 43000 + seed, "10.0.0.9", 6379, SocketState.CLOSE_WAIT, 3, 3));
    }

    public static BackendReport backends() {
        return new BackendReport(List.of(
                new BackendReport.ServiceReport("sockets", "linux-netlink", List.of()),
                new BackendReport.ServiceReport("processes", "linux-procfs", List.of()),
                new BackendReport.ServiceReport("interfaces", "linux-procfs", List.of()),
                new BackendReport.ServiceReport("flows", null, List.of())));
    }

    /** A snapshot with {@code n} processes (the first few with hostile and wide names), hosts, listen entries, interfaces. */
    public static Snapshot full(int n, boolean limited) {
        List<ProcessStats> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int pid = 100 + i;
            String name = i == 0 ? HOSTILE : i == 1 ? WIDE : "proc" + i;
            String cmd = i == 0 ? "/usr/bin/" + HOSTILE + " --flag" : i == 1 ? "/opt/" + WIDE + " --serve" : "/usr/bin/proc" + i + " --option value" + i;
            ProcessState st = i % 17 == 5 ? ProcessState.EXITED : ProcessState.RUNNING;
            ps.add(process(pid, name, cmd, (i * 7919 % 1000) * 1024.0, (i * 104729 % 1000) * 2048.0, st, sockets(i)));
        }
        List<HostStats> hosts = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 50); i++) {
            hosts.add(new HostStats(IpAddress.parse("192.0.2." + (i + 1)), i == 0 ? HOSTILE : null,
                    new Traffic(i * 100.0, i * 300.0, i * 1000L, i * 3000L), i + 1, List.of(100 + i, 101 + i),
                    Trend.STABLE, RateHistory.EMPTY));
        }
        hosts.add(new HostStats(IpAddress.parse("2001:db8::42"), null, Traffic.ZERO, 1, List.of(100), Trend.STABLE,
                RateHistory.EMPTY));
        List<ListenEntry> listen = new ArrayList<>();
        for (int i = 0; i < Math.min(n, 40); i++) {
            ProcessStats p = ps.get(i);
            listen.add(new ListenEntry(i % 2 == 0 ? Protocol.TCP : Protocol.UDP, ep(i % 3 == 0 ? "::" : "0.0.0.0", 8000 + i),
                    p.pid(), p.name(), p.cmdline()));
        }
        List<InterfaceStats> ifs = List.of(
                new InterfaceStats("eth0", new Traffic(12345, 67890, 1 << 20, 1 << 24), false, true),
                new InterfaceStats("lo", new Traffic(10, 10, 100, 100), true, true),
                new InterfaceStats("wl\u001b[31mx", new Traffic(0, 0, 0, 0), false, false));
        Visibility vis = limited ? new Visibility(List.of("not root: other users' processes are hidden; run as root",
                "no packet capture: UDP bytes unattributed"), 12, 3, 0, 0, 0) : new Visibility(List.of(), 0, 0, 0, 0, 0);
        return new Snapshot(7, T0, Duration.ofSeconds(1), Duration.ofSeconds(1), backends(),
                external(new Traffic(123456, 654321, 1 << 30, 1L << 33)), Attribution.NONE, COVERAGE, ps, hosts, listen, ifs,
                history(60, 1000), Trend.RISING, vis);
    }

    /** 97 % of the interfaces' payload counted: 941,000 of 1,066,000 bytes less 66,000 of headers and 30,000 forwarded. */
    public static final Coverage COVERAGE = new Coverage(new Coverage.Closure(94_100, 106_600, 6_600, 3_000),
            new Coverage.Closure(941_000, 1_066_000, 66_000, 30_000));

    /** Traffic leaving or entering the host, all of it attributed. */
    public static Attribution external(Traffic totals) {
        return new Attribution(totals, Traffic.ZERO, Map.of(), Traffic.ZERO, Map.of());
    }

    /**
     * {@link #full(int, boolean)} with every process running, so that the pid order is the row
     * order (exited processes sort below live ones).
     */
    public static Snapshot running(int n) {
        Snapshot s = full(n, false);
        List<ProcessStats> ps = new ArrayList<>();
        for (ProcessStats p : s.processes()) {
            ps.add(p.state() == ProcessState.RUNNING ? p : new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(),
                    p.user(), p.startTime(), ProcessState.RUNNING, null, p.traffic(), p.connections(), p.listening(),
                    p.trend(), p.history(), p.sockets()));
        }
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), ps, s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility());
    }

    /**
     * {@link #full(int, boolean)} with processes in containers: two in a Docker container, one in a
     * Kubernetes pod, one in a systemd service, one in a container with a hostile name.
     */
    public static Snapshot withContainers(int n) {
        Snapshot s = full(n, false);
        org.sstop.api.ContainerInfo web = new org.sstop.api.ContainerInfo("docker", "3f0c".repeat(16), "web", null, null);
        org.sstop.api.ContainerInfo[] in = {null, null, web, web,
            new org.sstop.api.ContainerInfo("containerd", "9a1b".repeat(16), "api-7d4f", "0d5a9c1e-1111-2222-3333-444455556666",
                    null),
            new org.sstop.api.ContainerInfo("systemd", null, "nginx.service", null, "nginx.service"),
            new org.sstop.api.ContainerInfo("podman", "77aa".repeat(16), HOSTILE, null, null)};
        List<ProcessStats> ps = new ArrayList<>();
        for (int i = 0; i < s.processes().size(); i++) {
            ProcessStats p = s.processes().get(i);
            org.sstop.api.ContainerInfo c = i < in.length ? in[i] : null;
            ps.add(new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), p.user(), p.startTime(), p.state(), p.exitedAt(),
                    p.traffic(), p.connections(), p.listening(), p.trend(), p.history(), p.sockets(),
                    c == null ? 0 : 4026532000L + i, c));
        }
        List<org.sstop.core.ContainerStats> groups = new ArrayList<>();
        for (int i = 2; i < in.length; i++) {
            if (i != 3) { // 2 and 3 are both "web"
                groups.add(new org.sstop.core.ContainerStats(in[i], ps.get(i).traffic(), i == 2 ? 2 : 1, 5, ps.get(i).history()));
            }
        }
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), ps, s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility(), groups);
    }

    /**
     * {@link #full(int, boolean)} as a family of processes: pid 100 (hostile name) the parent of
     * 101 to 104, each of those the parent of every fourth process from 105 on; 100's own parent
     * is not in the snapshot (a root); plus the users of the processes rolled up: root, www-data,
     * and a user with a hostile name.
     */
    public static Snapshot family(int n) {
        Snapshot s = full(n, false);
        List<ProcessStats> ps = new ArrayList<>();
        for (int i = 0; i < s.processes().size(); i++) {
            ProcessStats p = s.processes().get(i);
            int ppid = i == 0 ? 1 : i < 5 ? 100 : 101 + (i - 5) % 4;
            ps.add(new ProcessStats(p.pid(), ppid, p.name(), p.cmdline(), i % 3 == 2 ? "www-data" : "root", p.startTime(),
                    p.state(), p.exitedAt(), p.traffic(), p.connections(), p.listening(), p.trend(), p.history(), p.sockets()));
        }
        List<org.sstop.core.UserStats> users = List.of(
                new org.sstop.core.UserStats("root", 0, new Traffic(800_000, 1_600_000, 48_000_000, 96_000_000), 20, 100,
                        history(60, 300)),
                new org.sstop.core.UserStats("www-data", 33, new Traffic(300_000, 900_000, 18_000_000, 54_000_000), 10, 50,
                        history(60, 100)),
                new org.sstop.core.UserStats(HOSTILE, 1000, new Traffic(10, 20, 600, 1200), 1, 1, RateHistory.EMPTY));
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), ps, s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility(), List.of(),
                users);
    }

    /**
     * {@link #full(int, boolean)} with two processes talking over loopback, nginx (pid 500,
     * 127.0.0.1:80) and a client with a hostile name (pid 501, port 50000 to it), and a loopback
     * connection of the client's to [::1]:9999 whose other end sstop does not see.
     */
    public static Snapshot withLoopback(int n) {
        Snapshot s = full(n, false);
        List<ProcessStats> ps = new ArrayList<>(s.processes());
        SocketStats served = new SocketStats(Protocol.TCP, ep("127.0.0.1", 80), ep("127.0.0.1", 50000),
                SocketState.ESTABLISHED, Duration.ofSeconds(40), new Traffic(40_960, 512, 409_600, 5_120), true, true);
        SocketStats asked = new SocketStats(Protocol.TCP, ep("127.0.0.1", 50000), ep("127.0.0.1", 80),
                SocketState.ESTABLISHED, Duration.ofSeconds(40), new Traffic(512, 40_960, 5_120, 409_600), true, true);
        SocketStats unseen = new SocketStats(Protocol.TCP, ep("::1", 51000), ep("::1", 9999),
                SocketState.ESTABLISHED, Duration.ofSeconds(5), new Traffic(100, 200, 1_000, 2_000), true, true);
        ps.add(process(500, "nginx", "nginx: worker process", 40_960, 512, ProcessState.RUNNING, List.of(served)));
        ps.add(process(501, HOSTILE, "/usr/bin/curl http://127.0.0.1/", 612, 41_160, ProcessState.RUNNING,
                List.of(asked, unseen)));
        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.backends(), s.external(), s.loopback(),
                s.coverage(), ps, s.hosts(), s.listen(), s.interfaces(), s.history(), s.trend(), s.visibility());
    }

    /** A snapshot with nothing in it. */
    public static Snapshot empty() {
        return new Snapshot(1, T0, Duration.ofSeconds(1), Duration.ofSeconds(1), backends(), Attribution.NONE,
                Attribution.NONE, Coverage.NONE, List.of(), List.of(), List.of(), List.of(), RateHistory.EMPTY, Trend.STABLE,
                new Visibility(List.of(), 0, 0, 0, 0, 0));
    }
}
