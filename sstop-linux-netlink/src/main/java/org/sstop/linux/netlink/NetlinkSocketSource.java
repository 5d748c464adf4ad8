package org.sstop.linux.netlink;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;

/**
 * A {@link SocketSource} over {@code NETLINK_SOCK_DIAG}: each sample dumps TCP and UDP, IPv4 and
 * IPv6, in every state (TCP with {@code INET_DIAG_INFO} for byte counters), then drains the TCP
 * destroy notifications that arrived since the previous sample. Dumping first means that a
 * socket missing from the dump because it closed has its notification in the same sample.
 *
 * <p>One native buffer serves every call; replies are parsed through a {@link ByteBuffer} view
 * of it by {@link SockDiagParser}. Thread-safe: {@link #sample()} and {@link #close()} are
 * serialized, so closing during a sample cannot free memory in use.
 */
final class NetlinkSocketSource implements SocketSource {

    private static final Logger LOG = System.getLogger(NetlinkSocketSource.class.getName());

    /** Data buffer size: the kernel fills at most ~32 KiB per dump datagram. */
    static final int DATA_LEN = 64 * 1024;
    private static final int OFF_ADDR = 0;
    private static final int OFF_ADDR_LEN = 16;
    private static final int OFF_OPT = 24;
    private static final int OFF_REQ = 48;
    private static final int OFF_DATA = 128;
    private static final int REQ_LEN = SockDiagParser.NLMSG_HDRLEN + 56;

    /** TCP destroy groups: bit (group - 1) for SKNLGRP_INET_TCP_DESTROY (1) and SKNLGRP_INET6_TCP_DESTROY (3). */
    static final int TCP_DESTROY_GROUPS = (1 << 0) | (1 << 2);
    /** Receive buffer asked for the destroy socket: room for a burst of ~20,000 closes. */
    private static final int DESTROY_RCVBUF = 8 << 20;
    private static final long DUMP_TIMEOUT_MS = 5_000;
    /** Bounds: datagrams per dump (~30 million sockets), datagrams drained per sample. */
    private static final int MAX_DUMP_DATAGRAMS = 1 << 20;
    private static final int MAX_DRAIN_DATAGRAMS = 1 << 16;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int ALL_STATES = 0xffff_ffff;

    /** One dump request: family and protocol. */
    private record Query(int family, Protocol protocol, String label) {
        int ipProtocol() {
            return protocol == Protocol.TCP ? SockDiagParser.IPPROTO_TCP : SockDiagParser.IPPROTO_UDP;
        }
    }

    private static final List<Query> QUERIES = List.of(
            new Query(SockDiagParser.AF_INET, Protocol.TCP, "TCP/IPv4"),
            new Query(SockDiagParser.AF_INET6, Protocol.TCP, "TCP/IPv6"),
            new Query(SockDiagParser.AF_INET, Protocol.UDP, "UDP/IPv4"),
            new Query(SockDiagParser.AF_INET6, Protocol.UDP, "UDP/IPv6"));

    private final SockDiagParser parser = new SockDiagParser();
    private final Memory memory;
    private final Pointer addr;
    private final Pointer addrLen;
    private final Pointer opt;
    private final Pointer request;
    private final Pointer data;
    private final ByteBuffer requestView;
    private final ByteBuffer dataView;
    private final List<Query> queries = new ArrayList<>(QUERIES);
    private final List<String> limitations = new ArrayList<>();
    private NetlinkChannel dump;
    private NetlinkChannel destroy;
    private int seq;
    private int lastCount = 256;
    private boolean closed;

    // Diagnostics since open, for tests and logs.
    private long malformedRecords;
    private long foreignDatagrams;

    private NetlinkSocketSource() {
        memory = NetlinkChannel.allocate(OFF_DATA + DATA_LEN);
        addr = memory.share(OFF_ADDR, 16);
        addrLen = memory.share(OFF_ADDR_LEN, 4);
        opt = memory.share(OFF_OPT, 16);
        request = memory.share(OFF_REQ, REQ_LEN);
        data = memory.share(OFF_DATA, DATA_LEN);
        requestView = memory.getByteBuffer(OFF_REQ, REQ_LEN).order(ByteOrder.nativeOrder());
        dataView = memory.getByteBuffer(OFF_DATA, DATA_LEN).order(ByteOrder.nativeOrder());
    }

    /**
     * Opens the source: the dump socket (required) and the destroy subscription (best effort).
     *
     * @param subscribeDestroy whether to subscribe to destroy notifications
     * @return the open source
     * @throws IOException when the dump socket cannot be opened or TCP/IPv4 cannot be dumped
     */
    static NetlinkSocketSource open(boolean subscribeDestroy) throws IOException {
        return open(subscribeDestroy, DESTROY_RCVBUF);
    }

    /**
     * As {@link #open(boolean)}, with the destroy socket's receive buffer size (tests shrink it
     * to provoke ENOBUFS).
     */
    static NetlinkSocketSource open(boolean subscribeDestroy, int destroyReceiveBuffer) throws IOException {
        Throwable loadError = Libc.loadError();
        if (loadError != null) {
            throw new IOException("native calls unavailable: " + loadError, loadError);
        }
        NetlinkSocketSource s = new NetlinkSocketSource();
        try {
            s.openDump();
            s.probeQueries();
            if (subscribeDestroy) {
                s.subscribeDestroy(destroyReceiveBuffer);
            }
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void openDump() throws ErrnoException {
        dump = NetlinkChannel.open(0, addr);
        int err = dump.setReceiveTimeout(DUMP_TIMEOUT_MS, opt);
        if (err != 0) {
            LOG.log(Level.DEBUG, "SO_RCVTIMEO failed: {0}", Libc.errnoName(err));
        }
    }

    /** Asks for an empty dump (no states) of each kind, dropping kinds the kernel does not support. */
    private void probeQueries() throws IOException {
        for (Query q : QUERIES) {
            try {
                runDump(q, 0, null);
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

    private void subscribeDestroy(int receiveBuffer) {
        try {
            destroy = NetlinkChannel.open(TCP_DESTROY_GROUPS, addr);
        } catch (ErrnoException e) {
            limitations.add("closed TCP connections: bytes moved after the last sample are not recovered "
                    + "(cannot join the sock_diag destroy groups: " + Libc.errnoName(e.errno())
                    + "; needs CAP_NET_ADMIN on this kernel)");
            return;
        }
        if (destroy.setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, receiveBuffer, opt) != 0) {
            destroy.setIntOption(Libc.SOL_SOCKET, Libc.SO_RCVBUF, receiveBuffer, opt);
            limitations.add("closed TCP connections: the notification buffer is capped by net.core.rmem_max "
                    + "without CAP_NET_ADMIN; a burst of closes between samples may be lost (counted as lost)");
        }
    }

    /** Whether destroy notifications are being received. */
    synchronized boolean subscribed() {
        return destroy != null;
    }

    @Override
    public synchronized SocketSample sample() throws IOException {
        if (closed) {
            throw new PermanentFailureException("netlink socket source is closed", null);
        }
        List<SocketInfo> live = new ArrayList<>(lastCount + lastCount / 8 + 16);
        for (Query q : queries) {
            int mark = live.size();
            boolean complete = runDump(q, ALL_STATES, live);
            if (!complete) {
                // The kernel flagged the dump inconsistent, or a datagram was truncated: once more.
                live.subList(mark, live.size()).clear();
                runDump(q, ALL_STATES, live);
            }
        }
        lastCount = live.size();
        List<SocketInfo> closedSockets = new ArrayList<>();
        long lost = drainDestroyed(closedSockets);
        return new SocketSample(live, closedSockets, lost);
    }

    /**
     * Runs one dump to its end.
     *
     * @param out where sockets go, or null to discard
     * @return false when the dump may be inconsistent (NLM_F_DUMP_INTR or a truncated datagram)
     */
    private boolean runDump(Query q, int states, List<SocketInfo> out) throws IOException {
        if (dump == null) {
            openDump();
        }
        int mySeq = ++seq & 0x7fff_ffff;
        writeRequest(q, states, mySeq);
        boolean consistent = true;
        try {
            dump.sendToKernel(request, REQ_LEN, addr);
            for (int i = 0; i < MAX_DUMP_DATAGRAMS; i++) {
                long n = dump.receive(data, DATA_LEN, 0, addr, addrLen);
                if (n < 0) {
                    int errno = (int) -n;
                    throw new ErrnoException(errno == Libc.EAGAIN ? q.label() + " dump timed out" : "recv " + q.label() + " dump", errno);
                }
                if (n == 0) {
                    throw new IOException(q.label() + " dump: empty datagram");
                }
                if (NetlinkChannel.senderPid(addr) != 0) {
                    foreignDatagrams++; // not from the kernel: never trust it
                    continue;
                }
                if (n > DATA_LEN) {
                    consistent = false; // truncated: the dump is repeated
                }
                dataView.clear().limit((int) Math.min(n, DATA_LEN));
                SockDiagParser.Result r = parser.parseDump(dataView, q.protocol(), mySeq, out == null ? s -> { } : out::add);
                malformedRecords += r.malformed();
                consistent &= !r.interrupted();
                if (r.status() == SockDiagParser.Status.DONE) {
                    return consistent;
                }
                if (r.status() == SockDiagParser.Status.ERROR) {
                    throw new ErrnoException(q.label() + " dump refused by the kernel", r.errno());
                }
            }
            throw new IOException(q.label() + " dump did not end after " + MAX_DUMP_DATAGRAMS + " datagrams");
        } catch (IOException e) {
            // A dump left half-read would make the next request fail with EBUSY: start afresh.
            reopenDump();
            throw e;
        }
    }

    private void writeRequest(Query q, int states, int mySeq) {
        ByteBuffer r = requestView;
        for (int i = 0; i < REQ_LEN; i++) {
            r.put(i, (byte) 0);
        }
        r.putInt(0, REQ_LEN);
        r.putShort(4, (short) SockDiagParser.SOCK_DIAG_BY_FAMILY);
        r.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        r.putInt(8, mySeq);
        r.putInt(12, 0);
        // struct inet_diag_req_v2: family, protocol, ext, pad, states, then a zero inet_diag_sockid.
        r.put(16, (byte) q.family());
        r.put(17, (byte) q.ipProtocol());
        r.put(18, (byte) (q.protocol() == Protocol.TCP ? 1 << (SockDiagParser.INET_DIAG_INFO - 1) : 0));
        r.putInt(20, states);
    }

    private void reopenDump() {
        if (dump != null) {
            dump.close();
            dump = null;
        }
        try {
            openDump();
        } catch (ErrnoException e) {
            LOG.log(Level.WARNING, "cannot reopen the sock_diag socket: {0}", e.getMessage());
        }
    }

    /** Reads every pending destroy notification without blocking; returns how many were lost. */
    private long drainDestroyed(List<SocketInfo> out) {
        if (destroy == null) {
            return 0;
        }
        long lost = 0;
        for (int i = 0; i < MAX_DRAIN_DATAGRAMS; i++) {
            long n = destroy.receive(data, DATA_LEN, Libc.MSG_DONTWAIT, addr, addrLen);
            if (n < 0) {
                int errno = (int) -n;
                if (errno == Libc.ENOBUFS) {
                    lost++; // the kernel dropped at least one notification; reading continues
                    continue;
                }
                if (errno != Libc.EAGAIN) {
                    LOG.log(Level.WARNING, "reading sock_diag destroy notifications: {0}", Libc.errnoName(errno));
                }
                break;
            }
            if (n == 0 || NetlinkChannel.senderPid(addr) != 0) {
                foreignDatagrams += n == 0 ? 0 : 1;
                continue;
            }
            dataView.clear().limit((int) Math.min(n, DATA_LEN));
            SockDiagParser.Result r = parser.parseDestroyed(dataView, out::add);
            malformedRecords += r.malformed();
        }
        return lost;
    }

    @Override
    public synchronized List<String> limitations() {
        return List.copyOf(limitations);
    }

    /** Records skipped as malformed since open. */
    synchronized long malformedRecords() {
        return malformedRecords;
    }

    /** Datagrams dropped because they did not come from the kernel, since open. */
    synchronized long foreignDatagrams() {
        return foreignDatagrams;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dump != null) {
            dump.close();
            dump = null;
        }
        if (destroy != null) {
            destroy.close();
            destroy = null;
        }
        memory.close();
    }
}
