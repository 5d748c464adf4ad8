package org.sstop.linux.netlink;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.linux.procfs.NetnsFinder;

/**
 * A {@link SocketSource} over {@code NETLINK_SOCK_DIAG}, for every network namespace that a
 * process lives in: each sample dumps TCP and UDP, IPv4 and IPv6, in every state (TCP with
 * {@code INET_DIAG_INFO} for byte counters, unless {@linkplain #byteCountersWanted told} they are
 * not used), in the monitor's own namespace and, through sockets
 * opened inside them ({@link NetnsOpener}), in the others that {@link NetnsFinder} found; then it
 * drains the TCP destroy notifications that arrived since the previous sample. Dumping first means
 * that a socket missing from the dump because it closed has its notification in the same sample.
 * Sockets of other namespaces carry the namespace's inode in {@link SocketInfo#netns()}.
 *
 * <p>Thread-safe: {@link #sample()} and {@link #close()} are serialized, so closing during a
 * sample cannot free memory in use.
 */
final class NetlinkSocketSource implements SocketSource {

    private static final Logger LOG = System.getLogger(NetlinkSocketSource.class.getName());

    /** Receive buffer asked for a destroy socket: room for a burst of ~20,000 closes. */
    private static final int DESTROY_RCVBUF = 8 << 20;
    /** Namespaces are looked for at most this often (samples land about a second apart). */
    private static final long SCAN_NANOS = 900_000_000L;
    /** Namespaces entered per sample at most: a host that starts a thousand containers is caught up over a few samples. */
    private static final int OPENS_PER_SAMPLE = 64;

    private final DiagIo io = new DiagIo();
    private final List<DiagIo.Query> queries = new ArrayList<>(DiagIo.QUERIES);
    private final List<String> limitations = new ArrayList<>();
    private final boolean subscribeDestroy;
    private final int destroyReceiveBuffer;
    /** Other namespaces' sessions by inode; null when other namespaces are not listed. */
    private final Map<Long, DiagSession> others;
    private final NetnsFinder finder;
    private final NetnsOpener opener;
    private DiagSession own;
    private int lastCount = 256;
    private long lastScan;
    private boolean scanned;
    private String refused;
    private String othersUnsubscribed;
    private boolean closed;
    /** Whether TCP is listed with byte counters: not while a kernel traffic counter counts the bytes. */
    private boolean countersWanted = true;

    private NetlinkSocketSource(boolean subscribeDestroy, int destroyReceiveBuffer, long ownNetns) {
        this.subscribeDestroy = subscribeDestroy;
        this.destroyReceiveBuffer = destroyReceiveBuffer;
        boolean all = ownNetns != 0;
        others = all ? new HashMap<>() : null;
        finder = all ? new NetnsFinder(Path.of("/proc"), ownNetns) : null;
        opener = all ? new NetnsOpener() : null;
    }

    /** System property that, set to {@code false}, limits the source to the monitor's own network namespace. */
    static final String ALL_NAMESPACES_PROPERTY = "sstop.netlink.allNamespaces";

    /**
     * Opens the source: the dump socket (required) and the destroy subscription (best effort),
     * listing every network namespace unless {@value #ALL_NAMESPACES_PROPERTY} is {@code false}.
     *
     * @param subscribeDestroy whether to subscribe to destroy notifications
     * @return the open source
     * @throws IOException when the dump socket cannot be opened or TCP/IPv4 cannot be dumped
     */
    static NetlinkSocketSource open(boolean subscribeDestroy) throws IOException {
        return open(subscribeDestroy, DESTROY_RCVBUF, !"false".equals(System.getProperty(ALL_NAMESPACES_PROPERTY)));
    }

    /**
     * As {@link #open(boolean)}, with the destroy sockets' receive buffer size (tests shrink it
     * to provoke ENOBUFS) and whether other network namespaces are listed.
     */
    static NetlinkSocketSource open(boolean subscribeDestroy, int destroyReceiveBuffer, boolean allNamespaces) throws IOException {
        return open(subscribeDestroy, destroyReceiveBuffer, allNamespaces, true);
    }

    /** As above; {@code oneTcpDump} false dumps TCP per family even where one dump would do (tests compare the two). */
    static NetlinkSocketSource open(boolean subscribeDestroy, int destroyReceiveBuffer, boolean allNamespaces, boolean oneTcpDump)
            throws IOException {
        Throwable loadError = Libc.loadError();
        if (loadError != null) {
            throw new IOException("native calls unavailable: " + loadError, loadError);
        }
        // The namespace of the opening thread: a thread that entered another namespace monitors that one.
        long ownNetns = allNamespaces ? NetnsFinder.netnsOf(Path.of("/proc/thread-self/ns/net")) : 0;
        NetlinkSocketSource s = new NetlinkSocketSource(subscribeDestroy, destroyReceiveBuffer, ownNetns);
        try {
            s.own = DiagSession.open(0, groups -> NetlinkChannel.open(groups, s.io.addr), s.io,
                    segments -> TcpActivity.read(Path.of("/proc/thread-self/net"), segments));
            s.probeQueries(oneTcpDump);
            if (subscribeDestroy) {
                String why = s.own.subscribe(destroyReceiveBuffer);
                if (why != null) {
                    s.limitations.add("closed TCP connections: bytes moved after the last sample may not be recovered ("
                            + why + ")");
                }
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Asks for an empty dump (no states) of each kind, dropping kinds the kernel does not support.
     * TCP of both families in one dump where the kernel answers the older request, else one dump per family.
     */
    private void probeQueries(boolean oneTcpDump) throws IOException {
        try {
            if (oneTcpDump) {
                own.probe(DiagIo.TCP_BOTH);
                queries.removeIf(q -> q.protocol() == Protocol.TCP);
                queries.add(0, DiagIo.TCP_BOTH);
            }
        } catch (ErrnoException e) {
            LOG.log(Level.DEBUG, "TCP of both families in one dump refused ({0}): one dump per family", e.getMessage());
        }
        for (DiagIo.Query q : List.copyOf(queries)) {
            if (q.compat()) {
                continue;
            }
            try {
                own.probe(q);
            } catch (ErrnoException e) {
                if (q.family() == SockDiagParser.AF_INET && q.protocol() == Protocol.TCP) {
                    throw e;
                }
                queries.remove(q);
                String why = e.errno() == Libc.ENOENT
                        ? "the kernel module " + (q.protocol() == Protocol.TCP ? "tcp_diag" : "udp_diag") + " is missing"
                        : e.getMessage();
                limitations.add(q.label() + " sockets are not listed: " + why);
            }
        }
    }

    /** Whether destroy notifications of the monitor's own namespace are being received. */
    synchronized boolean subscribed() {
        return own != null && own.subscribed();
    }

    /**
     * {@inheritDoc} Without them, TCP dumps leave out {@code INET_DIAG_INFO}, and a namespace's
     * TCP dump is skipped while its sockets only moved bytes ({@link TcpActivity}).
     */
    @Override
    public synchronized void byteCountersWanted(boolean wanted) {
        countersWanted = wanted;
    }

    @Override
    public synchronized SocketSample sample() throws IOException {
        if (closed) {
            throw new PermanentFailureException("netlink socket source is closed", null);
        }
        List<SocketInfo> live = new ArrayList<>(lastCount + lastCount / 8 + 16);
        own.dumpAll(queries, countersWanted, live);
        List<DiagSession> gone = others == null ? List.of() : findNamespaces();
        if (others != null) {
            for (Iterator<DiagSession> it = others.values().iterator(); it.hasNext(); ) {
                DiagSession ns = it.next();
                try {
                    ns.dumpAll(queries, countersWanted, live);
                } catch (IOException e) {
                    // Its processes may have just left: the namespace is entered again if it is still found.
                    LOG.log(Level.DEBUG, "dump of network namespace {0} failed: {1}", ns.netns, e.getMessage());
                    ns.close();
                    it.remove();
                }
            }
        }
        lastCount = live.size();
        List<SocketInfo> closedSockets = new ArrayList<>();
        long lost = own.drain(closedSockets);
        if (others != null) {
            for (DiagSession ns : others.values()) {
                lost += ns.drain(closedSockets);
            }
        }
        for (DiagSession ns : gone) {
            lost += ns.drain(closedSockets); // the last closes of a namespace its processes left
            ns.close();
        }
        return new SocketSample(live, closedSockets, lost);
    }

    /**
     * Enters the namespaces found since the last scan and takes out those no process lives in any
     * more (their sockets keep a namespace alive, so they are closed once drained).
     *
     * @return the sessions taken out
     */
    private List<DiagSession> findNamespaces() {
        long now = System.nanoTime();
        if (scanned && now - lastScan < SCAN_NANOS) {
            return List.of();
        }
        scanned = true;
        lastScan = now;
        finder.scan(now);
        Map<Long, Integer> found = finder.namespaces();
        List<DiagSession> gone = new ArrayList<>();
        for (Iterator<DiagSession> it = others.values().iterator(); it.hasNext(); ) {
            DiagSession ns = it.next();
            if (!found.containsKey(ns.netns)) {
                gone.add(ns);
                it.remove();
            }
        }
        int opens = 0;
        for (Map.Entry<Long, Integer> e : found.entrySet()) {
            if (refused != null || opens >= OPENS_PER_SAMPLE) {
                break;
            }
            if (!others.containsKey(e.getKey())) {
                opens++;
                enter(e.getKey(), e.getValue());
            }
        }
        return gone;
    }

    private void enter(long netns, int pid) {
        DiagSession ns;
        try {
            ns = DiagSession.open(netns, groups -> opener.open(pid, netns, groups), io, segments -> activityOf(pid, netns, segments));
        } catch (ErrnoException e) {
            if (e.errno() == Libc.EPERM) {
                refused = "sockets of other network namespaces are not listed: entering one needs CAP_SYS_ADMIN ("
                        + e.getMessage() + ")";
            }
            LOG.log(Level.DEBUG, "cannot enter network namespace {0}: {1}", netns, e.getMessage());
            return;
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot enter network namespace {0}: {1}", netns, e.getMessage());
            return; // the process left or exited: found again through another one at the next scan
        }
        if (subscribeDestroy) {
            String why = ns.subscribe(destroyReceiveBuffer);
            if (why != null && othersUnsubscribed == null) {
                othersUnsubscribed = "closed TCP connections in other network namespaces: bytes moved after the last "
                        + "sample may not be recovered (" + why + ")";
            }
        }
        others.put(netns, ns);
    }

    /** The TCP activity of a namespace through one of its processes; null once that process left it. */
    private static String activityOf(int pid, long netns, boolean segments) {
        Path dir = Path.of("/proc", Integer.toString(pid));
        return NetnsFinder.netnsOf(dir.resolve("ns/net")) == netns ? TcpActivity.read(dir.resolve("net"), segments) : null;
    }

    @Override
    public synchronized List<String> limitations() {
        List<String> all = new ArrayList<>(limitations);
        if (refused != null) {
            all.add(refused);
        }
        if (othersUnsubscribed != null) {
            all.add(othersUnsubscribed);
        }
        if (finder != null && finder.truncated()) {
            all.add("only the first " + NetnsFinder.MAX_NAMESPACES + " other network namespaces are listed");
        }
        return List.copyOf(all);
    }

    /** Whether TCP of both families comes in one dump. */
    synchronized boolean tcpInOneDump() {
        return queries.contains(DiagIo.TCP_BOTH);
    }

    /** The other network namespaces whose sockets are listed. */
    synchronized Set<Long> namespaces() {
        return others == null ? Set.of() : Set.copyOf(others.keySet());
    }

    /** TCP dumps left out because their namespace was quiet, since open (tests). */
    synchronized long tcpDumpsSkipped() {
        long n = own == null ? 0 : own.tcpDumpsSkipped();
        if (others != null) {
            for (DiagSession ns : others.values()) {
                n += ns.tcpDumpsSkipped();
            }
        }
        return n;
    }

    /** TCP dumps of one other namespace left out since it was entered; -1 when it is not listed (tests). */
    synchronized long tcpDumpsSkipped(long netns) {
        DiagSession ns = others == null ? null : others.get(netns);
        return ns == null ? -1 : ns.tcpDumpsSkipped();
    }

    /** Records skipped as malformed since open. */
    synchronized long malformedRecords() {
        return io.malformedRecords();
    }

    /** Datagrams dropped because they did not come from the kernel, since open. */
    synchronized long foreignDatagrams() {
        return io.foreignDatagrams();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (own != null) {
            own.close();
        }
        if (others != null) {
            others.values().forEach(DiagSession::close);
            others.clear();
            opener.close();
        }
        io.close();
    }
}
