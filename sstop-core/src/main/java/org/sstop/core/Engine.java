package org.sstop.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowSample;
import org.sstop.api.InterfaceSource;
import org.sstop.api.IpAddress;
import org.sstop.api.ProcessMapper;
import org.sstop.api.Protocol;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;

/**
 * One sample, start to end: read the backends (falling through tiers on failure), update
 * socket deltas, map owners, pair flows, charge every byte to a process or to an unattributed
 * reason, fold rates and history, and hand the state to {@link SnapshotAssembler}. Not
 * thread-safe: {@link NetMonitor} serializes calls.
 */
final class Engine implements FlowMatcher.Sink {

    private final BackendSelector backends;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final long startNanos;
    private final long retentionNanos;
    private final SocketTracker tracker = new SocketTracker();
    private final ProcessTable processes;
    private final FlowMatcher flowMatcher;
    private final InterfaceMeters interfaces = new InterfaceMeters();
    private final Map<IpAddress, HostEntry> hosts = new HashMap<>();
    private final TrafficMeter system = new TrafficMeter(true);
    private final TrafficMeter unattributed = new TrafficMeter(false);
    private final EnumMap<UnattributedReason, TrafficMeter> byReason = new EnumMap<>(UnattributedReason.class);
    private final SnapshotAssembler assembler = new SnapshotAssembler();

    private long prevNanos;
    private long tick;
    private boolean socketBaseline = true;
    private InterfaceSource interfacesSeen;
    private long captureDrops;
    private long closedEventsLost;
    private long uncountedSockets;
    /** TCP sockets this sample with and without byte counters of their own (payload states only). */
    private int tcpWithCounters;
    private int tcpWithoutCounters;
    /** The flow counter last told what to count, and whether it was told to count TCP. */
    private FlowCounter toldCounter;
    private boolean toldTcp;
    private long loopbackUnmatchedBytes;
    private volatile BackendReport report;
    private int reportVersion;
    /** Open sockets still without an owner after the last sample: the next one maps again. */
    private int pendingOwners;
    private final List<SockState> listening = new ArrayList<>();

    Engine(BackendSelector backends, LongSupplier nanoClock, Clock wallClock, Duration retention,
            LocalAddresses localAddresses) {
        this.backends = backends;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.startNanos = nanoClock.getAsLong();
        this.prevNanos = startNanos;
        this.retentionNanos = retention.toNanos();
        this.processes = new ProcessTable(retentionNanos);
        this.flowMatcher = new FlowMatcher(tracker.index(), localAddresses);
        this.report = backends.report();
        this.reportVersion = backends.changes();
    }

    BackendReport report() {
        return report;
    }

    Snapshot sample(Duration interval) throws IOException {
        SocketSample sockets = readSockets();
        long now = nanoClock.getAsLong();
        Instant wall = wallClock.instant();
        long rel = now - startNanos;
        long prevRel = prevNanos - startNanos;
        long elapsed = Math.max(0, now - prevNanos);
        double dt = elapsed / 1e9;
        double alpha = Ema.alpha(dt);
        tick++;
        boolean baseline = socketBaseline;
        socketBaseline = false;

        tracker.update(sockets, tick, now, baseline);
        if (!baseline) {
            closedEventsLost += Math.max(0, sockets.closedEventsLost());
        }
        for (ProcessEntry p : processes.all()) {
            p.resetTick();
        }
        for (HostEntry h : hosts.values()) {
            h.resetTick();
        }
        if (pendingOwners > 0 || tracker.hasFresh()) {
            mapOwners(now, wall);
        }
        pairFlows(baseline);
        readInterfaces();
        account(dt, alpha, prevRel, rel);
        tellFlowCounter();
        commit(dt, alpha, prevRel, rel);
        processes.reap(backends.processes.current(), now, wall);
        hosts.values().removeIf(h -> h.connections == 0 && rel - h.meter.lastActiveNanos() >= retentionNanos);
        prevNanos = now;

        if (backends.changes() != reportVersion) {
            reportVersion = backends.changes();
            report = backends.report();
        }
        return assembler.snapshot(new SnapshotAssembler.State(
                tick, wall, Duration.ofNanos(elapsed), interval, report, rel, now,
                system, unattributed, byReason, processes.all(), hosts.values(), listening,
                interfaces.stats(), visibility(), backends.flows.current() != null, uncountedSockets > 0));
    }

    private SocketSample readSockets() throws IOException {
        while (true) {
            SocketSource source = backends.sockets.current();
            if (source == null) {
                throw new IOException("no socket source left: " + backends.report().service(BackendSelector.SOCKETS)
                        .map(s -> s.candidates().toString()).orElse(""));
            }
            try {
                SocketSample s = source.sample();
                backends.sockets.succeeded();
                return s;
            } catch (IOException | RuntimeException e) {
                if (backends.sockets.failed(e)) {
                    // another tier: its identities differ, so its first sample is a baseline
                    tracker.reset();
                    socketBaseline = true;
                    report = backends.report();
                    continue;
                }
                throw e instanceof IOException io ? io : new IOException("socket source failed", e);
            }
        }
    }

    private void mapOwners(long now, Instant wall) {
        ProcessMapper mapper = backends.processes.current();
        try {
            processes.map(tracker.all(), mapper, tick, now, wall);
            creditLateOwners();
            if (mapper != null) {
                backends.processes.succeeded();
            }
        } catch (IOException | RuntimeException e) {
            backends.processes.failed(e);
        }
    }

    /**
     * A socket's owner can be found a sample or more after its first bytes (the mapper rescans
     * at a bounded rate). Its bytes so far belong to that owner: they move from unattributed to
     * the owner's totals (rates and history stay as measured).
     */
    private void creditLateOwners() {
        for (SockState s : processes.lateMapped()) {
            Traffic sofar = s.meter.traffic();
            s.owner.meter.transferTotals(sofar.upBytes(), sofar.downBytes());
            if (s.unattributedUp != 0 || s.unattributedDown != 0) {
                unattributed.transferTotals(-s.unattributedUp, -s.unattributedDown);
                TrafficMeter reason = byReason.get(s.reason);
                if (reason != null) {
                    reason.transferTotals(-s.unattributedUp, -s.unattributedDown);
                }
                s.unattributedUp = 0;
                s.unattributedDown = 0;
            }
        }
    }

    private void pairFlows(boolean baseline) {
        FlowCounter counter = backends.flows.current();
        if (counter == null) {
            return;
        }
        FlowSample fs;
        try {
            fs = counter.drain();
            backends.flows.succeeded();
        } catch (IOException | RuntimeException e) {
            backends.flows.failed(e);
            return;
        }
        if (baseline) {
            return; // traffic before the first socket sample: sockets only set their baseline too
        }
        captureDrops += Math.max(0, fs.packetsDropped());
        flowMatcher.apply(fs.flows(), this);
    }

    /**
     * The flow counter only matters for sockets without counters of their own. When the socket
     * source counts TCP itself (the netlink tier) it need not count TCP, which spares it, and this
     * engine, the work for every TCP packet. UDP is always counted: UDP sockets never have counters,
     * and a short-lived one (a DNS query) lives and dies between two samples.
     */
    private void tellFlowCounter() {
        FlowCounter counter = backends.flows.current();
        if (counter == null) {
            return;
        }
        boolean tcp = tcpWithoutCounters > 0 || tcpWithCounters == 0;
        if (counter == toldCounter && tcp == toldTcp) {
            return;
        }
        try {
            counter.countOnly(tcp ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.UDP));
            toldCounter = counter;
            toldTcp = tcp;
        } catch (RuntimeException e) {
            backends.flows.failed(e);
        }
    }

    private void readInterfaces() {
        InterfaceSource stats = backends.interfaces.current();
        if (stats == null) {
            interfaces.clear();
            return;
        }
        try {
            var counters = stats.read();
            backends.interfaces.succeeded();
            boolean first = stats != interfacesSeen;
            interfacesSeen = stats;
            interfaces.update(counters, tick, first);
        } catch (IOException | RuntimeException e) {
            backends.interfaces.failed(e);
        }
    }

    /**
     * Charges each socket's bytes of this sample to its process, host, the system or a reason,
     * folds the socket's own rate, and forgets sockets that are gone: one pass over the sockets.
     */
    private void account(double dt, double alpha, long from, long to) {
        boolean flowsRun = backends.flows.current() != null;
        uncountedSockets = 0;
        tcpWithCounters = 0;
        tcpWithoutCounters = 0;
        pendingOwners = 0;
        listening.clear();
        List<SockState> all = tracker.all();
        int kept = 0;
        for (int i = 0, n = all.size(); i < n; i++) {
            SockState s = all.get(i);
            boolean open = s.isOpen(tick);
            long up = s.tickUp;
            long down = s.tickDown;
            long loopUp = s.tickLoopUp;
            long loopDown = s.tickLoopDown;
            if (s.loopback) {
                loopUp += up;
                loopDown += down;
                up = 0;
                down = 0;
            }
            s.tickUp = 0;
            s.tickDown = 0;
            s.tickLoopUp = 0;
            s.tickLoopDown = 0;
            ProcessEntry owner = s.owner;
            s.meter.add(up + loopUp, down + loopDown);
            s.meter.commit(dt, alpha, from, to);
            if (owner != null) {
                owner.meter.add(up + loopUp, down + loopDown);
            }
            HostEntry host = null;
            if (!s.loopback && s.isConnected()) {
                host = s.host;
                if (host == null) {
                    host = hosts.computeIfAbsent(s.info.remote().address(), HostEntry::new);
                    s.host = host;
                }
            }
            if (up != 0 || down != 0) {
                system.add(up, down);
                if (owner == null) {
                    unattributed(s.reason, up, down);
                    s.unattributedUp += up;
                    s.unattributedDown += down;
                }
                if (host != null) {
                    host.meter.add(up, down);
                }
            }
            if (!open) {
                tracker.forget(s);
                processes.forget(s);
                continue;
            }
            all.set(kept++, s);
            if (s.isListening()) {
                listening.add(s);
            }
            if (owner == null && (s.info.ownerKey() > 0 || s.info.hasOwner())) {
                pendingOwners++;
            }
            if (!s.ownCounters && !flowsRun) {
                uncountedSockets++;
            }
            if (s.info.protocol() == Protocol.TCP && s.canMovePayload()) {
                if (s.ownCounters) {
                    tcpWithCounters++;
                } else {
                    tcpWithoutCounters++;
                }
            }
            if (host != null) {
                host.connections++;
                if (owner != null) {
                    host.pid(owner.pid);
                }
            }
            if (owner != null) {
                owner.sockets.add(s);
                if (s.isListening()) {
                    owner.listening++;
                } else {
                    owner.connections++;
                }
                if (s.info.ownerKey() > 0 || s.info.hasOwner()) {
                    owner.liveInodeSockets++; // orphans (inode 0, owner not reported) do not keep it alive
                }
            }
        }
        tracker.retain(kept);
    }

    private void unattributed(UnattributedReason reason, long up, long down) {
        unattributed.add(up, down);
        byReason.computeIfAbsent(reason, r -> new TrafficMeter(false)).add(up, down);
    }

    @Override
    public void unmatched(IpAddress remote, long up, long down, boolean loopback) {
        if (loopback) {
            loopbackUnmatchedBytes += up + down; // not in totals, like all loopback traffic
            return;
        }
        system.add(up, down);
        unattributed(UnattributedReason.NO_SOCKET, up, down);
        hosts.computeIfAbsent(remote, HostEntry::new).meter.add(up, down);
    }

    @Override
    public void host(IpAddress remote, long up, long down, SockState socket) {
        HostEntry h = hosts.computeIfAbsent(remote, HostEntry::new);
        h.meter.add(up, down);
        if (socket.owner != null) {
            h.pid(socket.owner.pid);
        }
    }

    private void commit(double dt, double alpha, long from, long to) {
        for (ProcessEntry p : processes.all()) {
            p.meter.commit(dt, alpha, from, to);
        }
        for (HostEntry h : hosts.values()) {
            h.meter.commit(dt, alpha, from, to);
        }
        system.commit(dt, alpha, from, to);
        unattributed.commit(dt, alpha, from, to);
        for (TrafficMeter m : byReason.values()) {
            m.commit(dt, alpha, from, to);
        }
        interfaces.commit(dt, alpha, from, to);
    }

    private Visibility visibility() {
        List<String> notes = new ArrayList<>();
        addLimitations(notes, backends.sockets.current());
        addLimitations(notes, backends.processes.current());
        addLimitations(notes, backends.interfaces.current());
        addLimitations(notes, backends.flows.current());
        if (backends.processes.current() == null) {
            notes.add("no process mapper is running: sockets whose source does not name their process are unattributed");
        }
        if (backends.interfaces.current() == null) {
            notes.add("no interface statistics are available");
        }
        if (uncountedSockets > 0) {
            String why = backends.report().service(BackendSelector.FLOWS)
                    .flatMap(s -> s.candidates().stream().filter(c -> !c.reason().isEmpty()).findFirst())
                    .map(c -> " (" + c.name() + ": " + c.reason() + ")").orElse("");
            notes.add(uncountedSockets + " sockets have no byte counters and no flow counter is running" + why
                    + ": their traffic is not counted (typically UDP; grant CAP_NET_RAW for the packet counter)");
        }
        if (captureDrops > 0) {
            notes.add("the packet capture dropped " + captureDrops + " packets: flow-counted traffic is short by at least that many packets");
        }
        if (closedEventsLost > 0) {
            notes.add(closedEventsLost + " socket close notifications were lost: the last bytes of those sockets are missing");
        }
        if (loopbackUnmatchedBytes > 0) {
            notes.add(loopbackUnmatchedBytes + " bytes of loopback flows matched no socket (not in totals, as all loopback traffic)");
        }
        return new Visibility(notes, captureDrops, closedEventsLost);
    }

    private static void addLimitations(List<String> notes, org.sstop.api.Backend b) {
        if (b == null) {
            return;
        }
        try {
            for (String s : b.limitations()) {
                if (s != null && !s.isBlank() && !notes.contains(s)) {
                    notes.add(s);
                }
            }
        } catch (RuntimeException e) {
            // a backend's self-description must not break a sample
        }
    }

    void close() {
        backends.close();
    }
}
