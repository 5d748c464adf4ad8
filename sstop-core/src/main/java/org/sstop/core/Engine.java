package org.sstop.core;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.sstop.api.CounterSample;
import org.sstop.api.FlowCounter;
import org.sstop.api.FlowSample;
import org.sstop.api.Protocol;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.TrafficCounter;

/**
 * One sample, start to end. The stages each return what they found: the socket tracker the bytes
 * each socket moved, the process table the sockets whose owner was found late, the flow matcher
 * the bytes counted from packets. The accountant charges all of it to sockets, processes, hosts
 * and the system's ledger; the census counts what is open; the meters fold the sample in; the
 * assembler reads them into a snapshot. Not thread-safe: {@link NetMonitor} serializes calls.
 */
final class Engine {

    private final Backends backends;
    private final LongSupplier nanoClock;
    private final Clock wallClock;
    private final long startNanos;
    private final SocketTracker tracker = new SocketTracker();
    private final ProcessTable processes;
    private final HostTable hosts;
    private final FlowMatcher flowMatcher;
    private final InterfaceMeters interfaces = new InterfaceMeters();
    private final Ledger ledger = new Ledger();
    private final Accountant accountant;
    private final Census census;
    private final VisibilityNotes notes = new VisibilityNotes();
    private final SnapshotAssembler assembler;
    private final Departures departures;
    /** What the tracker tells of each socket it drops: made once, not a new method reference every sample. */
    private final Consumer<SockState> socketGone = this::socketGone;

    private SampleTime time;
    /** The first sample of a socket source only sets the baseline of its counters. */
    private boolean socketBaseline = true;
    /** The socket source last told whether its byte counters are used, and what it was told. */
    private SocketSource toldSource;
    private boolean toldCountersWanted;
    /** The flow counter last told what to count, and what it was told. */
    private FlowCounter toldCounter;
    private Set<Protocol> told;
    private volatile BackendReport report;
    private int reportVersion;

    Engine(Backends backends, LongSupplier nanoClock, Clock wallClock, Duration retention,
            LocalAddresses localAddresses, boolean socketDetail) {
        this.backends = backends;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.startNanos = nanoClock.getAsLong();
        this.processes = new ProcessTable(retention.toNanos());
        this.hosts = new HostTable(retention.toNanos());
        this.flowMatcher = new FlowMatcher(tracker.index(), localAddresses);
        this.accountant = new Accountant(ledger, hosts);
        this.departures = new Departures(ledger, hosts);
        this.census = new Census(hosts);
        this.assembler = new SnapshotAssembler(processes, hosts, census, interfaces, ledger, socketDetail ? localAddresses : null);
        this.report = backends.report();
        this.reportVersion = backends.changes();
    }

    BackendReport report() {
        return report;
    }

    Snapshot sample(Duration interval) throws IOException {
        tellSocketSource();
        SocketSample sockets = backends.readSockets(() -> {
            tracker.reset(); // another tier: its identities differ, so its first sample is a baseline
            socketBaseline = true;
        });
        time = SampleTime.next(time, startNanos, nanoClock.getAsLong(), wallClock.instant());
        long tick = time.sequence();
        boolean baseline = socketBaseline;
        socketBaseline = false;

        processes.resetSample();
        hosts.resetSample();
        tracker.counterRuns(backends.counters.current() != null);
        Charges socketBytes = tracker.update(sockets, tick, time.nowNanos(), baseline);
        if (!baseline) {
            notes.socketSample(sockets);
        }
        mapOwners(tick);
        Charges flowBytes = matchFlows(baseline);
        CounterSample counted = drainCounters();
        interfaces.read(backends.interfaces, tick);
        ledger.interfaces(interfaces.externalBytes(), interfaces.externalPackets());

        if (counted != null) {
            // The kernel counted every process's bytes as they moved: they replace what socket
            // counters and packets say (which still give sockets, states, hosts and listeners).
            List<ProcessEntry> owners = processes.counted(counted.processes(), backends.processes.current(), tick, time);
            accountant.postCounts(counted, owners, processes, tracker::byCookie, time);
        } else if (backends.counters.current() == null) {
            // No counter (or it failed for good): socket counters and packets give the bytes. (A
            // counter whose drain failed this once still holds its bytes for the next drain, so
            // nothing stands in for it.)
            accountant.reattribute(processes.lateOwned());
            accountant.post(socketBytes);
            accountant.post(flowBytes);
        }
        census.count(tracker.all(), tick, backends.flows.current() != null, counted != null);
        tellFlowCounter();

        departures.shed(counted != null, processes.all());
        commit();
        tracker.removeClosed(tick, socketGone);
        processes.reap(backends.processes.current(), time);
        hosts.expire(time);
        if (backends.changes() != reportVersion) {
            reportVersion = backends.changes();
            report = backends.report();
        }
        return assembler.snapshot(time, interval, report, notes.visibility(backends, census.uncounted(), census.uncountedElsewhere()));
    }

    /**
     * Finds owners when sockets appeared or some are still without one, and now and then asks
     * again about those that have one (without a kernel counter, which tells who moves a socket's
     * bytes, a socket a parent handed to a child stays the parent's until asked).
     */
    private void mapOwners(long tick) {
        boolean checkOwners = backends.counters.current() == null && backends.processes.current() != null
                && processes.ownerCheckDue(time);
        if (census.unowned() == 0 && tracker.fresh().isEmpty() && !checkOwners) {
            return;
        }
        if (backends.processes.current() == null) {
            processes.mapWithoutMapper(tracker.all(), tick, time);
        } else {
            backends.processes.run(mapper -> processes.map(tracker.all(), mapper, tick, time, checkOwners));
        }
    }

    /**
     * Drains the kernel traffic counter, if one runs: null when none does (or it failed), and an
     * empty sample at the monitor's first sample (what it counted before the monitor started).
     */
    private CounterSample drainCounters() {
        CounterSample drained = backends.counters.call(TrafficCounter::drain);
        if (drained == null || time.sequence() > 1) {
            return drained;
        }
        return new CounterSample(List.of(), List.of(), 0, 0);
    }

    /** Drains the flow counter and matches its flows to this sample's sockets (nothing at a baseline). */
    private Charges matchFlows(boolean baseline) {
        FlowSample drained = backends.flows.call(FlowCounter::drain);
        if (drained == null || baseline) {
            return flowMatcher.match(List.of()); // traffic before the first socket sample is not counted, like the sockets'
        }
        notes.flowSample(drained);
        ledger.forwarded(drained.forwardedBytes());
        return flowMatcher.match(drained.flows());
    }

    /**
     * The flow counter only matters for sockets without counters of their own. When the socket
     * source counts TCP itself (the netlink tier) it need not count TCP, which spares it, and this
     * engine, the work for every TCP packet. UDP is counted: UDP sockets never have counters, and a
     * short-lived one (a DNS query) lives and dies between two samples. While a kernel traffic
     * counter runs, nothing needs counting from packets.
     */
    private void tellFlowCounter() {
        FlowCounter counter = backends.flows.current();
        Set<Protocol> wanted = backends.counters.current() != null ? EnumSet.noneOf(Protocol.class) // the kernel counts
                : census.tcpNeedsFlows() ? EnumSet.allOf(Protocol.class) : EnumSet.of(Protocol.UDP);
        if (counter == null || counter == toldCounter && wanted.equals(told)) {
            return;
        }
        backends.flows.run(c -> {
            c.countOnly(wanted);
            toldCounter = c;
            told = wanted;
        });
    }

    /**
     * A socket source's byte counters only matter while no kernel traffic counter runs. Told so
     * before its first dump, the netlink tier lists TCP without them and skips the dumps that
     * would only refresh them, the bulk of its cost on a busy host. Counters come back as a
     * baseline: should the counter fail for good, the first dump with them counts nothing twice.
     */
    private void tellSocketSource() {
        SocketSource source = backends.sockets.current();
        boolean wanted = backends.counters.current() == null;
        if (source == null || source == toldSource && wanted == toldCountersWanted) {
            return;
        }
        backends.sockets.run(s -> {
            s.byteCountersWanted(wanted);
            toldSource = s;
            toldCountersWanted = wanted;
        });
    }

    /** A socket the tracker dropped: its owner key maps to no one now, and its rate leaves the sums it was in. */
    private void socketGone(SockState s) {
        processes.forget(s);
        departures.socketLeft(s);
    }

    /** Folds the sample into every meter: sockets, processes, hosts, the ledger, interfaces. */
    private void commit() {
        List<SockState> all = tracker.all();
        for (int i = 0, n = all.size(); i < n; i++) {
            all.get(i).meter.commit(time);
        }
        for (ProcessEntry p : processes.all()) {
            p.meter.commit(time);
        }
        hosts.commit(time);
        ledger.commit(time);
        interfaces.commit(time);
    }

    /** Closes every backend; returns the report that says so. */
    BackendReport close() {
        backends.close();
        report = backends.report();
        return report;
    }
}
