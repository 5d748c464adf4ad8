package org.sstop.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.sstop.api.ContainerInfo;
import org.sstop.api.IpAddress;
import org.sstop.api.SocketInfo;

/**
 * Reads the engine's tables and meters after a sample into an immutable {@link Snapshot}. Reads
 * only; holds the tables it reads from, so a sample hands it just the time and the report.
 */
final class SnapshotAssembler {

    private static final Comparator<ProcessStats> BY_PROCESS_RATE = Comparator
            .comparing((ProcessStats p) -> p.state() == ProcessState.EXITED) // running ones first
            .thenComparingDouble(p -> -p.traffic().totalRate())
            .thenComparingLong(p -> -p.traffic().totalBytes())
            .thenComparingInt(ProcessStats::pid);
    private static final Comparator<HostStats> BY_HOST_RATE = Comparator
            .comparingDouble((HostStats h) -> -h.traffic().totalRate())
            .thenComparingLong(h -> -h.traffic().totalBytes())
            .thenComparing(HostStats::address, SnapshotAssembler::compareAddress)
            .thenComparingLong(HostStats::netns);
    private static final Comparator<ListenEntry> LISTEN_ORDER = Comparator
            .comparing(ListenEntry::protocol)
            .thenComparingInt(l -> l.local().port())
            .thenComparing(l -> l.local().address(), SnapshotAssembler::compareAddress)
            .thenComparingLong(ListenEntry::netns)
            .thenComparingInt(ListenEntry::pid);

    private static final Comparator<ContainerStats> BY_CONTAINER_RATE = Comparator
            .comparingDouble((ContainerStats c) -> -c.traffic().totalRate())
            .thenComparing(c -> -c.traffic().totalBytes())
            .thenComparing(c -> c.container().name());
    private static final Comparator<UserStats> BY_USER_RATE = Comparator
            .comparingDouble((UserStats u) -> -u.traffic().totalRate())
            .thenComparing(u -> -u.traffic().totalBytes())
            .thenComparing(UserStats::user);

    private final ProcessTable processes;
    private final HostTable hosts;
    private final Census census;
    private final InterfaceMeters interfaces;
    private final Ledger ledger;
    /** Places sockets on interfaces; null without socket detail (no sockets are listed). */
    private final LocalAddresses socketDetail;
    private final GroupTable<List<String>, ContainerInfo, ContainerStats> containers =
            new GroupTable<>((key, info, traffic, n, conns, history) -> new ContainerStats(info, traffic, n, conns, history),
                    BY_CONTAINER_RATE);
    private final GroupTable<Integer, String, UserStats> users = new GroupTable<>(
            (uid, name, traffic, n, conns, history) -> new UserStats(name != null ? name : Integer.toString(uid), uid,
                    traffic, n, conns, history),
            BY_USER_RATE);

    SnapshotAssembler(ProcessTable processes, HostTable hosts, Census census, InterfaceMeters interfaces, Ledger ledger,
            LocalAddresses socketDetail) {
        this.processes = processes;
        this.hosts = hosts;
        this.census = census;
        this.interfaces = interfaces;
        this.ledger = ledger;
        this.socketDetail = socketDetail;
    }

    Snapshot snapshot(SampleTime t, Duration interval, BackendReport report, Visibility visibility) {
        return new Snapshot(t.sequence(), t.wall(), Duration.ofNanos(t.elapsedNanos()), interval, report,
                ledger.external.attribution(), ledger.loopback.attribution(), ledger.coverage(),
                processes(t), hosts(t), listen(), interfaces.stats(),
                ledger.external.total.history(t.toNanos()), ledger.external.total.trend(t.toNanos()), visibility,
                containers.finish(t), users.finish(t));
    }

    private List<ProcessStats> processes(SampleTime t) {
        List<ProcessEntry> all = processes.all();
        List<ProcessStats> out = new ArrayList<>(all.size());
        for (int i = 0, n = all.size(); i < n; i++) {
            ProcessEntry e = all.get(i);
            ProcessStats stats = process(e, t);
            rollUp(e, stats);
            out.add(stats);
        }
        out.sort(BY_PROCESS_RATE);
        return out;
    }

    /** Adds what the process moved since the previous sample to its container's and its user's group. */
    private void rollUp(ProcessEntry e, ProcessStats stats) {
        Traffic t = stats.traffic();
        long up = Math.max(0, t.upBytes() - e.rolledUpUp);
        long down = Math.max(0, t.downBytes() - e.rolledUpDown);
        e.rolledUpUp = Math.max(e.rolledUpUp, t.upBytes());
        e.rolledUpDown = Math.max(e.rolledUpDown, t.downBytes());
        ContainerInfo c = stats.container();
        containers.add(c == null ? null : c.groupKey(), c, up, down, stats);
        int uid = e.info == null ? SocketInfo.UNKNOWN : e.info.uid();
        // A process only the traffic counter saw is named by its uid: its group keeps a real name.
        String name = stats.user().isEmpty() || isDecimal(stats.user(), uid) ? null : stats.user();
        users.add(uid == SocketInfo.UNKNOWN ? null : uid, name, up, down, stats);
    }

    /** Whether {@code text} is {@code n} in decimal, without making a string of {@code n} every sample. */
    static boolean isDecimal(String text, int n) {
        if (n < 0 || text.length() > 10) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (i == 0 && c == '0' && text.length() > 1)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return !text.isEmpty() && value == n;
    }

    /** A process's figures: the same object as in the last snapshot while none of them changed (idle processes make no garbage). */
    private ProcessStats process(ProcessEntry e, SampleTime t) {
        var info = e.info;
        // An exited process shows the rate of its last bytes in the sample that counted them (the
        // sums it is in still hold that rate then); from the next one on, none (its rate has left them).
        Traffic traffic = e.meter.traffic();
        if (e.state == ProcessState.EXITED && traffic.upDelta() == 0 && traffic.downDelta() == 0) {
            traffic = traffic.stopped();
        }
        Trend trend = e.meter.trend(t.toNanos());
        RateHistory history = e.meter.history(t.toNanos());
        boolean listsSockets = socketDetail != null && !e.sockets.isEmpty(); // their ages change every sample
        ProcessStats last = e.published;
        if (last != null && !listsSockets && e.publishedInfo == info && last.traffic() == traffic
                && last.state() == e.state && last.exitedAt() == e.exitedAt && last.connections() == e.connections
                && last.listening() == e.listening && last.trend() == trend && last.history() == history) {
            return last;
        }
        ProcessStats stats = new ProcessStats(e.pid,
                info == null ? 0 : info.ppid(),
                info == null ? "" : text(info.name()),
                info == null ? "" : text(info.cmdline()),
                info == null ? "" : text(info.user()),
                e.startTime(), e.state, e.exitedAt, traffic, e.connections, e.listening, trend, history,
                listsSockets ? sockets(e.sockets, t) : List.of(),
                info == null ? 0 : info.netns(), info == null ? null : info.container());
        e.published = stats;
        e.publishedInfo = info;
        return stats;
    }

    private List<SocketStats> sockets(List<SockState> sockets, SampleTime t) {
        List<SocketStats> out = new ArrayList<>(sockets.size());
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SockState s = sockets.get(i);
            SocketInfo si = s.info;
            out.add(new SocketStats(si.protocol(), si.local(), si.remote(), si.state(),
                    Duration.ofNanos(Math.max(0, t.nowNanos() - s.firstSeenNanos)), s.meter.traffic(),
                    s.loopback, census.counted(s), socketDetail.interfaceOf(si.local().address(), s.loopback, si.netns())));
        }
        return out;
    }

    private List<HostStats> hosts(SampleTime t) {
        Collection<HostEntry> all = hosts.all();
        List<HostStats> out = new ArrayList<>(all.size());
        for (HostEntry h : all) {
            Traffic traffic = h.meter.traffic();
            List<Integer> pids = h.pids();
            Trend trend = h.meter.trend(t.toNanos());
            RateHistory history = h.meter.history(t.toNanos());
            HostStats last = h.publishedStats;
            if (last == null || last.traffic() != traffic || last.connections() != h.connections || last.pids() != pids
                    || last.trend() != trend || last.history() != history) {
                last = new HostStats(h.address, null, traffic, h.connections, pids, trend, history, h.netns);
                h.publishedStats = last;
            }
            out.add(last);
        }
        out.sort(BY_HOST_RATE);
        return out;
    }

    private List<ListenEntry> listen() {
        List<SockState> sockets = census.listening();
        List<ListenEntry> out = new ArrayList<>(sockets.size());
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SockState s = sockets.get(i);
            ProcessEntry o = s.owner;
            boolean known = o != null && o.info != null;
            out.add(new ListenEntry(s.info.protocol(), s.info.local(), o == null ? -1 : o.pid,
                    known ? text(o.info.name()) : "", known ? text(o.info.cmdline()) : "", s.info.netns()));
        }
        out.sort(LISTEN_ORDER);
        return out;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    static int compareAddress(IpAddress a, IpAddress b) {
        int c = Long.compareUnsigned(a.high(), b.high());
        return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
    }
}
