package org.sstop.linux.netlink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;

/**
 * The sock_diag sockets of one network namespace: a dump socket (required) and a subscription to
 * TCP destroy notifications (best effort). Both were created inside the namespace and stay bound
 * to it. Owned by the socket source, which calls it from one thread at a time.
 *
 * <p>Its TCP dumps are skipped while the namespace's {@link TcpActivity} stays the same: the
 * last dump's TCP sockets are listed again, unchanged, for at most {@link #QUIET_NANOS}. UDP is
 * dumped every time (a UDP dump is cheap, and UDP sockets move without counters here).
 */
final class DiagSession implements AutoCloseable {

    /** Opens a sock_diag socket in this session's namespace. */
    @FunctionalInterface
    interface ChannelFactory {
        /**
         * @param groups multicast groups to join (0 for none)
         */
        NetlinkChannel open(int groups) throws IOException;
    }

    /** TCP destroy groups: bit (group - 1) for SKNLGRP_INET_TCP_DESTROY (1) and SKNLGRP_INET6_TCP_DESTROY (3). */
    static final int TCP_DESTROY_GROUPS = (1 << 0) | (1 << 2);
    private static final long DUMP_TIMEOUT_MS = 5_000;
    private static final int ALL_STATES = 0xffff_ffff;
    /** The longest a namespace's TCP sockets are listed from the last dump (a safety net). */
    static final long QUIET_NANOS = 10_000_000_000L;
    /** How far {@link #keepUnchanged} looks ahead in the last dump for a socket's place. */
    private static final int LOOK_AHEAD = 8;

    /** The namespace's inode, or 0 for the monitor's own. */
    final long netns;
    private final ChannelFactory factory;
    private final DiagIo io;
    /** Reads the namespace's TCP activity now, or null when unknown (then TCP is dumped). */
    @FunctionalInterface
    interface ActivityReader {
        /**
         * @param segments whether segments count as activity ({@link TcpActivity#read})
         */
        String read(boolean segments);
    }

    private final ActivityReader activity;
    private NetlinkChannel dump;
    private NetlinkChannel destroy;
    /** The activity read just before the last TCP dump, whether it had byte counters, and what it listed. */
    private String lastActivity;
    private boolean lastCounters;
    private List<SocketInfo> lastTcp;
    private long lastTcpDumpNanos;
    private long tcpDumpsSkipped;

    private DiagSession(long netns, ChannelFactory factory, DiagIo io, ActivityReader activity) {
        this.netns = netns;
        this.factory = factory;
        this.io = io;
        this.activity = activity;
    }

    /**
     * Opens the dump socket of a namespace.
     *
     * @param netns the namespace's inode, or 0 for the monitor's own
     * @param activity reads the namespace's {@link TcpActivity} (null when unknown)
     * @throws IOException when it cannot be opened
     */
    static DiagSession open(long netns, ChannelFactory factory, DiagIo io, ActivityReader activity) throws IOException {
        DiagSession s = new DiagSession(netns, factory, io, activity);
        s.openDump();
        return s;
    }

    private void openDump() throws IOException {
        dump = factory.open(0);
        int err = dump.setReceiveTimeout(DUMP_TIMEOUT_MS, io.opt);
        if (err != 0) {
            System.getLogger(DiagSession.class.getName()).log(System.Logger.Level.DEBUG, "SO_RCVTIMEO failed: {0}",
                    Libc.errnoName(err));
        }
    }

    /**
     * Subscribes to TCP destroy notifications.
     *
     * @param receiveBuffer the receive buffer to ask for (forced where permitted)
     * @return null when subscribed with that buffer, else why not (or why with a smaller one)
     */
    String subscribe(int receiveBuffer) {
        try {
            destroy = factory.open(TCP_DESTROY_GROUPS);
        } catch (IOException e) {
            return "cannot join the sock_diag destroy groups: "
                    + (e instanceof ErrnoException x ? Libc.errnoName(x.errno()) : e.getMessage())
                    + "; needs CAP_NET_ADMIN on this kernel";
        }
        if (destroy.setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, receiveBuffer, io.opt) != 0) {
            destroy.setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, receiveBuffer, io.opt);
            return "the notification buffer is capped by net.core.rmem_max without CAP_NET_ADMIN";
        }
        return null;
    }

    /** Whether destroy notifications are being received. */
    boolean subscribed() {
        return destroy != null;
    }

    /**
     * Probes one kind of dump (an empty one, no states).
     *
     * @throws IOException when the kernel cannot dump that kind
     */
    void probe(DiagIo.Query q) throws IOException {
        runDump(q, 0, false, null);
    }

    /**
     * Lists every kind in {@code queries} into {@code out}, repeating a kind whose dump may be
     * inconsistent once; TCP comes from the last dump while the namespace's TCP activity is unchanged.
     *
     * @param counters whether TCP sockets are listed with their byte counters ({@code INET_DIAG_INFO});
     *     without them, segments do not count as activity
     */
    void dumpAll(List<DiagIo.Query> queries, boolean counters, List<SocketInfo> out) throws IOException {
        long now = System.nanoTime();
        String tcpActivity = activity.read(counters);
        boolean quiet = tcpActivity != null && tcpActivity.equals(lastActivity) && counters == lastCounters
                && now - lastTcpDumpNanos < QUIET_NANOS;
        List<SocketInfo> tcp = quiet ? null : new ArrayList<>();
        for (int i = 0, n = queries.size(); i < n; i++) {
            DiagIo.Query q = queries.get(i);
            if (q.protocol() == Protocol.TCP && quiet) {
                continue;
            }
            int mark = out.size();
            if (!runDump(q, ALL_STATES, counters, out)) {
                // The kernel flagged the dump inconsistent, or a datagram was truncated: once more.
                out.subList(mark, out.size()).clear();
                runDump(q, ALL_STATES, counters, out);
            }
            if (q.protocol() == Protocol.TCP) {
                keepUnchanged(out, mark, lastTcp);
                tcp.addAll(out.subList(mark, out.size()));
            }
        }
        if (quiet) {
            out.addAll(lastTcp);
            tcpDumpsSkipped++;
        } else {
            lastTcp = tcp;
            lastActivity = tcpActivity;
            lastCounters = counters;
            lastTcpDumpNanos = now;
        }
    }

    /**
     * Puts the last dump's record in place of each equal new one in {@code out} from {@code from}
     * on: a socket that did not change keeps one record, whose endpoints the engine's index of
     * sockets shares, and the new copy dies young instead of being kept until the next dump. The
     * kernel lists sockets in a stable order, so the two lists are walked side by side, looking a
     * few places ahead for a socket's cookie where sockets came or went.
     */
    static void keepUnchanged(List<SocketInfo> out, int from, List<SocketInfo> last) {
        if (last == null) {
            return;
        }
        int j = 0;
        for (int k = from; k < out.size() && j < last.size(); k++) {
            SocketInfo now = out.get(k);
            for (int ahead = 0; ahead < LOOK_AHEAD && j + ahead < last.size(); ahead++) {
                SocketInfo before = last.get(j + ahead);
                if (before.cookie() == now.cookie()) {
                    if (before.equals(now)) {
                        out.set(k, before);
                    }
                    j += ahead + 1;
                    break;
                }
            }
        }
    }

    /** How many TCP dumps were left out because nothing changed (tests). */
    long tcpDumpsSkipped() {
        return tcpDumpsSkipped;
    }

    private boolean runDump(DiagIo.Query q, int states, boolean counters, List<SocketInfo> out) throws IOException {
        if (dump == null) {
            openDump();
        }
        try {
            return io.dump(dump, q, states, counters, netns, out);
        } catch (IOException e) {
            // A dump left half-read would make the next request fail with EBUSY: start afresh next time.
            dump.close();
            dump = null;
            lastActivity = null;
            throw e;
        }
    }

    /** Reads the pending destroy notifications; returns how many the kernel dropped. */
    long drain(List<SocketInfo> out) {
        return destroy == null ? 0 : io.drain(destroy, netns, out);
    }

    @Override
    public void close() {
        if (dump != null) {
            dump.close();
            dump = null;
        }
        if (destroy != null) {
            destroy.close();
            destroy = null;
        }
    }
}
