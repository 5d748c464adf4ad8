package org.sstop.linux.netlink;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;

/**
 * The request and reply side of sock_diag over any {@link NetlinkChannel}: one native buffer for
 * every call, replies parsed through a {@link ByteBuffer} view of it by {@link SockDiagParser}.
 * Used by one thread at a time (the socket source serializes its calls); {@link #close()} frees
 * the buffer.
 */
final class DiagIo implements AutoCloseable {

    /** Data buffer size: the kernel fills at most ~32 KiB per dump datagram. */
    static final int DATA_LEN = 64 * 1024;
    private static final int OFF_ADDR = 0;
    private static final int OFF_ADDR_LEN = 16;
    private static final int OFF_OPT = 24;
    private static final int OFF_REQ = 48;
    private static final int OFF_DATA = 128;
    /** The larger request: {@code struct inet_diag_req} (60 bytes; v2 is 56) after the header. */
    private static final int REQ_LEN = SockDiagParser.NLMSG_HDRLEN + 60;
    private static final int REQ_V2_LEN = SockDiagParser.NLMSG_HDRLEN + 56;
    /** Bounds: datagrams per dump (~30 million sockets), datagrams drained per call. */
    private static final int MAX_DUMP_DATAGRAMS = 1 << 20;
    private static final int MAX_DRAIN_DATAGRAMS = 1 << 16;
    private static final int NLM_F_REQUEST = 1;
    private static final int NLM_F_DUMP = 0x300;

    /**
     * One dump request: family and protocol; {@code compat} for the older {@code TCPDIAG_GETSOCK}
     * request, whose dump the kernel makes for both families in one walk of its tables
     * ({@code inet_diag_dump_compat} asks for {@code AF_UNSPEC}): one walk instead of two of a
     * host-wide hash table that every namespace's dump walks whole.
     */
    record Query(int family, Protocol protocol, String label, boolean compat) {
        Query(int family, Protocol protocol, String label) {
            this(family, protocol, label, false);
        }

        int ipProtocol() {
            return protocol == Protocol.TCP ? SockDiagParser.IPPROTO_TCP : SockDiagParser.IPPROTO_UDP;
        }
    }

    /** TCP of both families in one dump. */
    static final Query TCP_BOTH = new Query(0, Protocol.TCP, "TCP", true);

    /** Every kind of socket sstop lists, each family on its own. */
    static final List<Query> QUERIES = List.of(
            new Query(SockDiagParser.AF_INET, Protocol.TCP, "TCP/IPv4"),
            new Query(SockDiagParser.AF_INET6, Protocol.TCP, "TCP/IPv6"),
            new Query(SockDiagParser.AF_INET, Protocol.UDP, "UDP/IPv4"),
            new Query(SockDiagParser.AF_INET6, Protocol.UDP, "UDP/IPv6"));

    private final SockDiagParser parser = new SockDiagParser();
    private final Memory memory;
    /** Native scratch for a {@code sockaddr_nl}, lent to channels. */
    final Pointer addr;
    /** Native scratch for a socket option value, lent to channels. */
    final Pointer opt;
    private final Pointer addrLen;
    private final Pointer request;
    private final Pointer data;
    private final ByteBuffer requestView;
    private final ByteBuffer dataView;
    private int seq;

    // Diagnostics since open, for tests and logs.
    private long malformedRecords;
    private long foreignDatagrams;

    DiagIo() {
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
     * Runs one dump to its end. A failed dump leaves the channel unusable (half-read): the
     * caller reopens it.
     *
     * @param states the TCP states bitmask (0 for an empty probe dump)
     * @param counters whether to ask for TCP's byte counters ({@code INET_DIAG_INFO})
     * @param netns the channel's network namespace, to tag its sockets (0: the monitor's own)
     * @param out where sockets go, or null to discard
     * @return false when the dump may be inconsistent (NLM_F_DUMP_INTR or a truncated datagram)
     */
    boolean dump(NetlinkChannel ch, Query q, int states, boolean counters, long netns, List<SocketInfo> out)
            throws IOException {
        int mySeq = ++seq & 0x7fff_ffff;
        byte ext = (byte) (counters && q.protocol() == Protocol.TCP ? 1 << (SockDiagParser.INET_DIAG_INFO - 1) : 0);
        int length = q.compat() ? writeCompatRequest(states, ext, mySeq) : writeRequest(q, states, ext, mySeq);
        boolean consistent = true;
        ch.sendToKernel(request, length, addr);
        for (int i = 0; i < MAX_DUMP_DATAGRAMS; i++) {
            long n = ch.receive(data, DATA_LEN, 0, addr, addrLen);
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
            SockDiagParser.Result r = parser.parseDump(dataView, q.protocol(), mySeq, netns, out == null ? s -> { } : out::add);
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
    }

    private int writeRequest(Query q, int states, byte ext, int mySeq) {
        ByteBuffer r = header(REQ_V2_LEN, SockDiagParser.SOCK_DIAG_BY_FAMILY, mySeq);
        // struct inet_diag_req_v2: family, protocol, ext, pad, states, then a zero inet_diag_sockid.
        r.put(16, (byte) q.family());
        r.put(17, (byte) q.ipProtocol());
        r.put(18, ext);
        r.putInt(20, states);
        return REQ_V2_LEN;
    }

    /** {@code TCPDIAG_GETSOCK} with {@code struct inet_diag_req}: family, src_len, dst_len, ext, sockid (48), states, dbs. */
    private int writeCompatRequest(int states, byte ext, int mySeq) {
        ByteBuffer r = header(REQ_LEN, SockDiagParser.TCPDIAG_GETSOCK, mySeq);
        r.put(19, ext);
        r.putInt(68, states);
        return REQ_LEN;
    }

    private ByteBuffer header(int length, int type, int mySeq) {
        ByteBuffer r = requestView;
        for (int i = 0; i < REQ_LEN; i++) {
            r.put(i, (byte) 0);
        }
        r.putInt(0, length);
        r.putShort(4, (short) type);
        r.putShort(6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        r.putInt(8, mySeq);
        r.putInt(12, 0);
        return r;
    }

    /**
     * Reads every pending destroy notification of a subscribed channel without blocking.
     *
     * @param netns the channel's network namespace, to tag its sockets
     * @return how many notifications the kernel dropped (at least)
     */
    long drain(NetlinkChannel destroy, long netns, List<SocketInfo> out) {
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
                    System.getLogger(DiagIo.class.getName()).log(System.Logger.Level.WARNING,
                            "reading sock_diag destroy notifications: {0}", Libc.errnoName(errno));
                }
                break;
            }
            if (n == 0 || NetlinkChannel.senderPid(addr) != 0) {
                foreignDatagrams += n == 0 ? 0 : 1;
                continue;
            }
            dataView.clear().limit((int) Math.min(n, DATA_LEN));
            SockDiagParser.Result r = parser.parseDestroyed(dataView, netns, out::add);
            malformedRecords += r.malformed();
        }
        return lost;
    }

    /** Records skipped as malformed since open. */
    long malformedRecords() {
        return malformedRecords;
    }

    /** Datagrams dropped because they did not come from the kernel, since open. */
    long foreignDatagrams() {
        return foreignDatagrams;
    }

    @Override
    public void close() {
        memory.close();
    }
}
