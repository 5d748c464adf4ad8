package org.sstop.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.SocketInfo;

/** Turns the engine's mutable state after a sample into an immutable {@link Snapshot}. */
final class SnapshotAssembler {

    /** What one sample leaves behind, as the assembler needs it. */
    record State(
            long sequence,
            Instant time,
            Duration elapsed,
            Duration interval,
            BackendReport report,
            long monitorNanos,
            long nowNanos,
            TrafficMeter system,
            TrafficMeter unattributed,
            EnumMap<UnattributedReason, TrafficMeter> byReason,
            List<ProcessEntry> processes,
            Collection<HostEntry> hosts,
            List<SockState> listening,
            List<InterfaceStats> interfaces,
            Visibility visibility,
            boolean flowsRun,
            boolean uncounted) {
    }

    private static final Comparator<ProcessStats> BY_PROCESS_RATE = Comparator
            .comparingDouble((ProcessStats p) -> -p.traffic().totalRate())
            .thenComparingLong(p -> -p.traffic().totalBytes())
            .thenComparingInt(ProcessStats::pid);
    private static final Comparator<HostStats> BY_HOST_RATE = Comparator
            .comparingDouble((HostStats h) -> -h.traffic().totalRate())
            .thenComparingLong(h -> -h.traffic().totalBytes())
            .thenComparing(HostStats::address, SnapshotAssembler::compareAddress);
    private static final Comparator<ListenEntry> LISTEN_ORDER = Comparator
            .comparing(ListenEntry::protocol)
            .thenComparingInt(l -> l.local().port())
            .thenComparing(l -> l.local().address(), SnapshotAssembler::compareAddress)
            .thenComparingInt(ListenEntry::pid);

    Snapshot snapshot(State s) {
        long rel = s.monitorNanos();
        List<ProcessStats> processes = new ArrayList<>(s.processes().size());
        for (ProcessEntry e : s.processes()) {
            processes.add(process(e, s));
        }
        processes.sort(BY_PROCESS_RATE);

        List<HostStats> hosts = new ArrayList<>(s.hosts().size());
        for (HostEntry h : s.hosts()) {
            hosts.add(new HostStats(h.address, null, h.meter.traffic(), h.connections, h.pids()));
        }
        hosts.sort(BY_HOST_RATE);

        Map<UnattributedReason, Traffic> reasons = new EnumMap<>(UnattributedReason.class);
        s.byReason().forEach((r, m) -> {
            Traffic t = m.traffic();
            if (t.totalBytes() != 0 || t.totalRate() != 0) {
                reasons.put(r, t);
            }
        });
        // Reasons whose bytes cannot be known are listed with zero bytes so that they show up.
        if (s.visibility().captureDrops() > 0) {
            reasons.putIfAbsent(UnattributedReason.CAPTURE_DROPS, Traffic.ZERO);
        }
        if (s.visibility().closedEventsLost() > 0) {
            reasons.putIfAbsent(UnattributedReason.CLOSE_EVENTS_LOST, Traffic.ZERO);
        }

        List<SockState> sockets = s.listening();
        List<ListenEntry> listen = new ArrayList<>(sockets.size());
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SockState st = sockets.get(i);
            ProcessEntry o = st.owner;
            SocketInfo si = st.info;
            listen.add(new ListenEntry(si.protocol(), si.local(), o == null ? -1 : o.pid,
                    o == null || o.info == null ? "" : text(o.info.name()),
                    o == null || o.info == null ? "" : text(o.info.cmdline())));
        }
        if (s.uncounted()) {
            reasons.putIfAbsent(UnattributedReason.NO_COUNTERS, Traffic.ZERO);
        }
        listen.sort(LISTEN_ORDER);

        return new Snapshot(s.sequence(), s.time(), s.elapsed(), s.interval(), s.report(),
                s.system().traffic(), s.unattributed().traffic(), reasons, processes, hosts, listen,
                s.interfaces(), s.system().history(rel), s.system().trend(rel), s.visibility());
    }

    private static ProcessStats process(ProcessEntry e, State s) {
        long rel = s.monitorNanos();
        List<SocketStats> conns = new ArrayList<>(e.sockets.size());
        for (int i = 0, n = e.sockets.size(); i < n; i++) {
            SockState st = e.sockets.get(i);
            SocketInfo si = st.info;
            conns.add(new SocketStats(si.protocol(), si.local(), si.remote(), si.state(),
                    Duration.ofNanos(Math.max(0, s.nowNanos() - st.firstSeenNanos)), st.meter.traffic(),
                    st.loopback, st.ownCounters || s.flowsRun()));
        }
        var info = e.info;
        return new ProcessStats(e.pid,
                info == null ? 0 : info.ppid(),
                info == null ? "" : text(info.name()),
                info == null ? "" : text(info.cmdline()),
                info == null ? "" : text(info.user()),
                e.startTime(), e.state, e.exitedAt, e.meter.traffic(), e.connections, e.listening,
                e.meter.trend(rel), e.meter.history(rel), conns);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    static int compareAddress(IpAddress a, IpAddress b) {
        int c = Long.compareUnsigned(a.high(), b.high());
        return c != 0 ? c : Long.compareUnsigned(a.low(), b.low());
    }

    static int compareEndpoint(Endpoint a, Endpoint b) {
        int c = compareAddress(a.address(), b.address());
        return c != 0 ? c : Integer.compare(a.port(), b.port());
    }
}
