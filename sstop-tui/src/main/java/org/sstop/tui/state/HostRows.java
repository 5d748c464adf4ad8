package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.sstop.api.Endpoint;
import org.sstop.core.HostStats;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.SocketStats;
import org.sstop.core.Traffic;
import org.sstop.core.Trend;
import org.sstop.tui.filter.Search;
import org.sstop.tui.state.Rows.ConnKey;

/**
 * The hosts view's rows for {@link Rows}: the snapshot's remote hosts, and this host's own
 * processes as peers. The engine leaves loopback out of its hosts (no byte of it leaves the
 * host); the view shows it as one row per process at the other end of the connections
 * ({@code local: nginx[1234]}, found as the detail view finds it, {@link LoopbackPeers}), or per
 * address where no socket sstop sees is the other end. Stateless.
 */
final class HostRows {

    /** Most loopback sockets indexed: a bound on the work and memory of one snapshot. */
    static final int MAX_SOCKETS = 65_536;

    /**
     * The rows.
     *
     * @param rows the hosts, filtered and in the view's order
     * @param local the rows that are this host's own processes (by identity), each with the process at
     *     the other end, or null when none was found
     */
    record Table(List<HostStats> rows, Map<HostStats, ProcessStats> local) {
    }

    private HostRows() {
    }

    /**
     * The hosts view's rows.
     *
     * @param snapshot the snapshot, or null
     * @param search the compiled search
     * @param anyPasses whether any of these pids passes the search expression
     * @param order the view's order
     * @return the rows
     */
    static Table of(Snapshot snapshot, Search search, Predicate<List<Integer>> anyPasses, Order<HostSort> order) {
        if (snapshot == null) {
            return new Table(List.of(), Map.of());
        }
        String lower = search.lower();
        Map<HostStats, ProcessStats> local = new IdentityHashMap<>();
        List<HostStats> out = new ArrayList<>();
        for (HostStats h : snapshot.hosts()) {
            if (lower.isEmpty() || (search.isExpression() ? anyPasses.test(h.pids()) : text(h, lower))) {
                out.add(h);
            }
        }
        for (Map.Entry<HostStats, ProcessStats> e : peers(snapshot).entrySet()) {
            HostStats h = e.getKey();
            ProcessStats peer = e.getValue();
            boolean keep = lower.isEmpty() || (search.isExpression()
                    ? anyPasses.test(h.pids()) || (peer != null && anyPasses.test(List.of(peer.pid())))
                    : "local".contains(lower) || text(h, lower)
                            || (peer != null && ProcessRows.matches(lower, peer.pid(), peer.name(), peer.cmdline())));
            if (keep) {
                out.add(h);
                local.put(h, peer);
            }
        }
        out.sort(RowOrders.hosts(order));
        return new Table(Collections.unmodifiableList(out), Collections.unmodifiableMap(local));
    }

    /** The plain search on a host: its address or name. */
    static boolean text(HostStats h, String lower) {
        return h.address().toString().contains(lower) || (h.name() != null && h.name().toLowerCase(Locale.ROOT).contains(lower));
    }

    /**
     * One row per process at the other end of loopback connections (by pid, ascending), then per
     * address of the other ends not found: the connections' traffic summed from the side of the
     * processes that hold them (listed as the row's pids).
     */
    static Map<HostStats, ProcessStats> peers(Snapshot snapshot) {
        Map<ConnKey, ProcessStats> owners = new HashMap<>();
        for (ProcessStats p : snapshot.processes()) {
            for (SocketStats c : p.sockets()) {
                if (c.loopback() && !c.remote().isAny() && owners.size() < MAX_SOCKETS) {
                    owners.putIfAbsent(new ConnKey(c.protocol(), c.local(), c.remote()), p);
                }
            }
        }
        if (owners.isEmpty()) {
            return Map.of();
        }
        Map<Object, Acc> rows = new HashMap<>();
        for (ProcessStats p : snapshot.processes()) {
            for (SocketStats c : p.sockets()) {
                if (c.loopback() && !c.remote().isAny()) {
                    ProcessStats peer = owners.get(new ConnKey(c.protocol(), c.remote(), c.local()));
                    Object key = peer != null ? (Object) peer.pid() : c.remote().address();
                    rows.computeIfAbsent(key, k -> new Acc(peer, c)).add(p.pid(), c.traffic());
                }
            }
        }
        List<Acc> ordered = new ArrayList<>(rows.values());
        ordered.sort((a, b) -> a.peer != null && b.peer != null ? Integer.compare(a.peer.pid(), b.peer.pid())
                : a.peer != null || b.peer != null ? Boolean.compare(a.peer == null, b.peer == null)
                : RowOrders.compareAddresses(a.address.address(), b.address.address()));
        Map<HostStats, ProcessStats> out = new LinkedHashMap<>();
        for (Acc a : ordered) {
            out.put(new HostStats(a.address.address(), null, a.traffic.traffic(), a.connections, List.copyOf(a.pids),
                    Trend.STABLE, RateHistory.EMPTY), a.peer);
        }
        return out;
    }

    /** One row being summed. */
    private static final class Acc {
        final ProcessStats peer;
        final Endpoint address;
        final TreeSet<Integer> pids = new TreeSet<>();
        final TrafficSum traffic = new TrafficSum();
        int connections;

        Acc(ProcessStats peer, SocketStats first) {
            this.peer = peer;
            this.address = first.remote();
        }

        void add(int pid, Traffic t) {
            pids.add(pid);
            traffic.add(t);
            connections++;
        }
    }
}
