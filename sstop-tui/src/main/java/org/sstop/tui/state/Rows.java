package org.sstop.tui.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;
import org.sstop.core.ContainerStats;
import org.sstop.core.HostStats;
import org.sstop.core.ListenEntry;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.SocketStats;
import org.sstop.core.UserStats;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.filter.Search;

/**
 * The rows each list view shows, filtered and ordered, for one set of inputs (snapshot, filter,
 * sort, detail pid, the process tree and its folds, the groups' roll-up): computed once and shared by the update function, the views and the DNS
 * requests. Each {@link UiState} carries the rows of its own fields ({@link UiState#rows()});
 * a new state reuses the previous state's lists whose inputs did not change, so a key press
 * or a clock tick re-filters and re-sorts nothing. Immutable; the pid index is built on first
 * use (the process table never needs it) and published through a volatile field.
 */
public final class Rows {

    /** Identity of a connection row. */
    public record ConnKey(Protocol protocol, Endpoint local, Endpoint remote) {
    }

    /** Identity of a listen row. */
    public record ListenKey(Protocol protocol, Endpoint local, int pid) {
    }

    /** Identity of a hosts row that is this host's own: the pid at the other end, or its address where none was found. */
    public record LocalKey(Object peer) {
    }

    /** Identity of a groups row by user: the uid. */
    public record UserKey(int uid) {
    }

    private final Snapshot snapshot;
    private final String filter;
    private final SortKey sort;
    private final boolean descending;
    private final boolean totals;
    private final int detailPid;
    private final Order<HostSort> hostOrder;
    private final Order<ListenSort> listenOrder;
    private final boolean tree;
    private final Set<Integer> folded;
    private final boolean byUser;
    /** The interfaces the process table is limited to, empty for all. */
    private final Set<String> interfaces;
    /** The filter compiled: reused while the text is the same. */
    private final Search search;
    /** The process table (with its tree places in tree mode). */
    private final TreeTable table;
    private final List<ProcessStats> processes;
    private final ProcessStats detailProcess;
    private final List<SocketStats> connections;
    private final HostRows.Table hostTable;
    private final List<ListenEntry> listen;
    private final List<ContainerStats> groups;
    private final List<UserStats> users;
    /** The detail process's loopback peers, found on first look-up; shared while the snapshot and process stay. */
    private volatile Map<ConnKey, ProcessStats> peers;
    /** Processes by pid, built on first look-up; shared by every Rows of the same snapshot. */
    private volatile Map<Integer, ProcessStats> byPid;

    private Rows(Snapshot snapshot, String filter, SortKey sort, boolean descending, boolean totals, int detailPid,
            Order<HostSort> hostOrder, Order<ListenSort> listenOrder, boolean tree, Set<Integer> folded, boolean byUser,
            Set<String> interfaces, Rows previous) {
        this.snapshot = snapshot;
        this.filter = filter;
        this.sort = sort;
        this.descending = descending;
        this.totals = totals;
        this.detailPid = detailPid;
        this.hostOrder = hostOrder;
        this.listenOrder = listenOrder;
        this.tree = tree;
        this.folded = folded;
        this.byUser = byUser;
        this.interfaces = interfaces;
        boolean sameData = previous != null && previous.snapshot == snapshot;
        boolean sameFilter = sameData && previous.filter.equals(filter);
        Map<Integer, ProcessStats> index = sameData ? previous.byPid : null;
        this.byPid = index;
        this.search = previous != null && previous.filter.equals(filter) ? previous.search : Search.of(filter);
        String lowerFilter = search.lower();
        this.table = sameFilter && previous.sort == sort && previous.descending == descending && previous.totals == totals
                && previous.tree == tree && (!tree || previous.folded.equals(folded))
                && previous.interfaces.equals(interfaces) ? previous.table
                : ProcessRows.of(snapshot, interfaces, search, sort, descending, totals, tree, folded);
        this.processes = table.rows();
        this.hostTable = sameFilter && previous.hostOrder.equals(hostOrder) ? previous.hostTable
                : HostRows.of(snapshot, search, this::anyPasses, hostOrder);
        this.listen = sameFilter && previous.listenOrder.equals(listenOrder) ? previous.listen
                : listen(snapshot, search.isExpression() ? e -> anyPasses(List.of(e.pid())) : listenText(lowerFilter),
                        listenOrder);
        this.groups = sameFilter ? previous.groups : GroupRows.containers(snapshot, search);
        this.users = sameFilter ? previous.users : GroupRows.users(snapshot, search);
        boolean sameDetail = sameData && previous.detailPid == detailPid;
        this.detailProcess = sameDetail ? previous.detailProcess
                : index != null ? index.get(detailPid) : scan(snapshot, detailPid);
        this.connections = sameDetail ? previous.connections : connections(detailProcess);
        this.peers = sameDetail ? previous.peers : null;
    }

    /**
     * The rows for these inputs: {@code previous} itself when its inputs are the same, else new
     * rows that reuse the lists of {@code previous} whose inputs are unchanged.
     *
     * @param previous the rows of the state before, or null
     * @param snapshot the snapshot on display, null before the first
     * @param filter the search text ("" for none)
     * @param sort the process order
     * @param descending whether it runs largest first
     * @param totals whether the table shows total bytes (and sorts by them)
     * @param detailPid the process in the detail view
     * @param hostOrder the hosts view's order
     * @param listenOrder the listen view's order
     * @param tree the process table as a tree
     * @param folded in the tree, the pids whose children are folded away
     * @param byUser the groups view rolls up by user rather than by container or service
     * @param interfaces the interfaces the process table is limited to, empty for all
     * @return the rows
     */
    static Rows of(Rows previous, Snapshot snapshot, String filter, SortKey sort, boolean descending, boolean totals,
            int detailPid, Order<HostSort> hostOrder, Order<ListenSort> listenOrder, boolean tree, Set<Integer> folded,
            boolean byUser, Set<String> interfaces) {
        if (previous != null && previous.snapshot == snapshot && previous.filter.equals(filter) && previous.sort == sort
                && previous.descending == descending && previous.totals == totals && previous.detailPid == detailPid
                && previous.hostOrder.equals(hostOrder) && previous.listenOrder.equals(listenOrder)
                && previous.tree == tree && previous.folded.equals(folded) && previous.byUser == byUser
                && previous.interfaces.equals(interfaces)) {
            return previous;
        }
        return new Rows(snapshot, filter, sort, descending, totals, detailPid, hostOrder, listenOrder, tree, folded, byUser,
                interfaces, previous);
    }

    /**
     * The interfaces the process table is limited to (empty for all): each process with its open
     * sockets on them only ({@link InterfaceRows}).
     */
    public Set<String> interfaces() {
        return interfaces;
    }

    /** Why the search expression does not parse, or null (it does, or it is plain text, or empty). */
    public FilterSyntaxException filterError() {
        return search.error();
    }

    /**
     * The process table's rows: filtered by the search text, in the chosen order (ties by pid); in
     * tree mode depth-first, siblings in that order, a parent as a copy with its subtree's traffic.
     */
    public List<ProcessStats> processes() {
        return processes;
    }

    /**
     * Row {@code i}'s graph in the process table over (at least) its last {@code seconds}: in the
     * tree, a parent's is its subtree's per-second sum over those seconds (summed when first asked,
     * for the rows on screen, and kept); else the process's own, whole.
     */
    public RateHistory graph(int i, int seconds) {
        return table.graph(i, seconds);
    }

    /** Row {@code i}'s place in the process tree, or null when the table is flat. */
    public TreeNode treeNode(int i) {
        return table.node(i);
    }

    /** The process of the detail view, null when it is not (or no longer) in the snapshot. */
    public ProcessStats detailProcess() {
        return detailProcess;
    }

    /** The detail view's rows: the sockets of the process shown, in a stable order. */
    public List<SocketStats> connections() {
        return connections;
    }

    /** The process at the other end of one of the detail process's loopback connections, or null. */
    public ProcessStats loopbackPeer(SocketStats c) {
        Map<ConnKey, ProcessStats> p = peers;
        if (p == null) {
            p = LoopbackPeers.of(snapshot, detailProcess);
            peers = p;
        }
        return p.isEmpty() ? null : p.get(new ConnKey(c.protocol(), c.local(), c.remote()));
    }

    /**
     * The hosts view's rows, filtered on address and name, in the view's own order (ties by
     * address): the remote hosts, and this host's own processes at the other end of loopback connections.
     */
    public List<HostStats> hosts() {
        return hostTable.rows();
    }

    /** Whether a hosts row is this host's own (a loopback peer) rather than a remote host. */
    public boolean isLocal(HostStats h) {
        return hostTable.local().containsKey(h);
    }

    /** The process at the other end of a local hosts row, or null (a remote host, or none found). */
    public ProcessStats localPeer(HostStats h) {
        return hostTable.local().get(h);
    }

    /** The listen view's rows, filtered on pid, name, command line and port, in the view's own order. */
    public List<ListenEntry> listen() {
        return listen;
    }

    /** The groups view's rows, filtered on name, id, pod and unit (engine order: busiest first). */
    public List<ContainerStats> groups() {
        return groups;
    }

    /** The groups view's rows by user, filtered on name and uid (engine order: busiest first). */
    public List<UserStats> users() {
        return users;
    }

    /** Whether the groups view's rows are {@link #users()} rather than {@link #groups()}. */
    public boolean byUser() {
        return byUser;
    }

    /** A process of the snapshot by pid (filter or not), or null. */
    public ProcessStats process(int pid) {
        if (snapshot == null) {
            return null;
        }
        Map<Integer, ProcessStats> index = byPid;
        if (index == null) {
            Map<Integer, ProcessStats> built = new HashMap<>();
            for (ProcessStats p : snapshot.processes()) {
                built.putIfAbsent(p.pid(), p); // the first, as a scan would find
            }
            index = Collections.unmodifiableMap(built);
            byPid = index;
        }
        return index.get(pid);
    }

    /** How many rows a view has. */
    public int size(View v) {
        return list(v).size();
    }

    /** The identity of row {@code i} of a view (pid, connection, address, listen entry), which the cursor keeps. */
    public Object keyAt(View v, int i) {
        return switch (v) {
            case PROCESSES -> processes.get(i).pid();
            case DETAIL -> {
                SocketStats c = connections.get(i);
                yield new ConnKey(c.protocol(), c.local(), c.remote());
            }
            case HOSTS -> hostKey(hostTable.rows().get(i));
            case LISTEN -> {
                ListenEntry e = listen.get(i);
                yield new ListenKey(e.protocol(), e.local(), e.pid());
            }
            case GROUPS -> byUser ? new UserKey(users.get(i).uid()) : groups.get(i).container().groupKey();
        };
    }

    private Object hostKey(HostStats h) {
        if (!hostTable.local().containsKey(h)) {
            return h.address();
        }
        ProcessStats peer = hostTable.local().get(h);
        return new LocalKey(peer != null ? (Object) peer.pid() : h.address());
    }

    /** The first row of a view with this identity, or -1. */
    public int indexOf(View v, Object key) {
        if (key == null) {
            return -1;
        }
        int n = size(v);
        for (int i = 0; i < n; i++) {
            if (has(v, i, key)) {
                return i;
            }
        }
        return -1;
    }

    private boolean has(View v, int i, Object key) {
        return switch (v) {
            case PROCESSES -> key instanceof Integer pid && processes.get(i).pid() == pid;
            case DETAIL -> key instanceof ConnKey k && k.protocol() == connections.get(i).protocol()
                    && k.local().equals(connections.get(i).local()) && k.remote().equals(connections.get(i).remote());
            case HOSTS -> key.equals(hostKey(hostTable.rows().get(i)));
            case LISTEN -> key instanceof ListenKey k && k.pid() == listen.get(i).pid()
                    && k.protocol() == listen.get(i).protocol() && k.local().equals(listen.get(i).local());
            case GROUPS -> key.equals(keyAt(View.GROUPS, i));
        };
    }

    private List<?> list(View v) {
        return switch (v) {
            case PROCESSES -> processes;
            case DETAIL -> connections;
            case HOSTS -> hostTable.rows();
            case LISTEN -> listen;
            case GROUPS -> byUser ? users : groups;
        };
    }


    /** One look-up without building the index: the detail process, once per snapshot. */
    private static ProcessStats scan(Snapshot snapshot, int pid) {
        if (snapshot != null) {
            for (ProcessStats p : snapshot.processes()) {
                if (p.pid() == pid) {
                    return p;
                }
            }
        }
        return null;
    }

    private static List<SocketStats> connections(ProcessStats p) {
        if (p == null) {
            return List.of();
        }
        List<SocketStats> out = new ArrayList<>(p.sockets());
        out.sort(RowOrders.CONNECTIONS);
        return Collections.unmodifiableList(out);
    }

    /** Whether any of these processes passes the search expression (a wrong one passes all). */
    private boolean anyPasses(List<Integer> pids) {
        if (search.error() != null) {
            return true;
        }
        for (int pid : pids) {
            ProcessStats p = process(pid);
            if (p != null && search.passes(p)) {
                return true;
            }
        }
        return false;
    }

    /** The plain search on a listen entry: pid, name, command line, or exactly its port. */
    private static Predicate<ListenEntry> listenText(String lowerFilter) {
        return e -> ProcessRows.matches(lowerFilter, e.pid(), e.name(), e.cmdline())
                || Integer.toString(e.local().port()).equals(lowerFilter);
    }

    /** Listen entries the search keeps, in the view's order (ties by port). */
    private List<ListenEntry> listen(Snapshot snapshot, Predicate<ListenEntry> keep, Order<ListenSort> order) {
        if (snapshot == null) {
            return List.of();
        }
        List<ListenEntry> out = new ArrayList<>(GroupRows.matching(snapshot.listen(), search.lower(), keep));
        out.sort(RowOrders.listen(order));
        return Collections.unmodifiableList(out);
    }

    /** Equal when computed from equal inputs (so equal states stay equal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Rows r && Objects.equals(snapshot, r.snapshot) && filter.equals(r.filter) && sort == r.sort
                && descending == r.descending && totals == r.totals && detailPid == r.detailPid
                && hostOrder.equals(r.hostOrder) && listenOrder.equals(r.listenOrder) && tree == r.tree
                && folded.equals(r.folded) && byUser == r.byUser && interfaces.equals(r.interfaces);
    }

    @Override
    public int hashCode() {
        // The snapshot is left out: hashing it would walk every process; equal rows still hash alike.
        return Objects.hash(filter, sort, descending, totals, detailPid, hostOrder, listenOrder, tree, folded, byUser, interfaces);
    }

    @Override
    public String toString() {
        return "Rows[" + processes.size() + " processes, " + connections.size() + " connections, " + hostTable.rows().size()
                + " hosts, " + listen.size() + " listen]";
    }
}
