package org.sstop.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Consumer;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.IpAddressCache;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * Parses {@code NETLINK_SOCK_DIAG} replies (inet_diag dumps and destroy notifications) into
 * {@link SocketInfo}s. A pure function over bytes: no I/O, no state between calls, safe to share.
 *
 * <p>Header, {@code inet_diag_msg} and {@code tcp_info} fields are read in the host byte order
 * given at construction; ports and addresses of {@code inet_diag_sockid} in network order. Input
 * is untrusted: a record that does not fit is skipped and counted in {@link Result#malformed()},
 * a message header that does not fit stops the parse; nothing is thrown for bad bytes, and a
 * counter the bytes do not fully carry is {@link SocketInfo#UNKNOWN}, never a guess.
 *
 * <p>Public only for sstop-bench's {@code NetlinkParseBenchmark}, which parses synthetic dumps
 * directly; not an API: only what that benchmark calls is public.
 */
public final class SockDiagParser {

    /** Netlink message header length ({@code struct nlmsghdr}). */
    static final int NLMSG_HDRLEN = 16;
    /** {@code struct inet_diag_msg} length. */
    static final int INET_DIAG_MSG_LEN = 72;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    /** The older TCP dump request; its replies carry this type too. */
    static final int TCPDIAG_GETSOCK = 18;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int INET_DIAG_INFO = 2;
    static final int INET_DIAG_PROTOCOL = 10;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    private static final int NLA_TYPE_MASK = 0x3fff;

    /** How a parse ended. */
    public enum Status {
        /** The bytes ended without NLMSG_DONE or an error: a dump continues in the next datagram. */
        MORE,
        /** NLMSG_DONE was read: the dump is complete. */
        DONE,
        /** The kernel answered with an error ({@link Result#errno()}). */
        ERROR
    }

    /**
     * The outcome of one parse.
     *
     * @param status how the parse ended
     * @param errno the kernel's error number when {@code status} is ERROR, else 0
     * @param sockets sockets handed to the consumer
     * @param malformed records skipped, or a message header that stopped the parse, because the
     *     bytes did not fit the format
     * @param ignored well-formed messages not for this parse (another dump's sequence number,
     *     other message types)
     * @param interrupted whether the kernel flagged the dump as inconsistent
     *     ({@code NLM_F_DUMP_INTR}: a socket may be missing or listed twice)
     */
    public record Result(Status status, int errno, int sockets, int malformed, int ignored, boolean interrupted) {
    }

    private final ByteOrder hostOrder;
    /** Equal addresses of one dump and the next share one instance (the engine keeps them per socket). */
    private final IpAddressCache addresses = new IpAddressCache(256);

    /** A parser for this machine's byte order. */
    public SockDiagParser() {
        this(ByteOrder.nativeOrder());
    }

    /**
     * A parser for bytes captured on a machine of the given byte order.
     *
     * @param hostOrder byte order of netlink header, inet_diag_msg and tcp_info fields
     */
    SockDiagParser(ByteOrder hostOrder) {
        this.hostOrder = Objects.requireNonNull(hostOrder, "hostOrder");
    }

    /**
     * Parses the replies to one inet_diag dump request, from the buffer's position to its limit,
     * up to and including NLMSG_DONE or NLMSG_ERROR. The position is moved past the last message
     * read.
     *
     * @param buf netlink messages
     * @param protocol the protocol the request asked for (used when a record does not say)
     * @param seq the request's sequence number; messages with another are ignored; negative for any
     * @param sink receives each socket
     * @return how the parse ended
     */
    public Result parseDump(ByteBuffer buf, Protocol protocol, int seq, Consumer<? super SocketInfo> sink) {
        return parseDump(buf, protocol, seq, 0, sink);
    }

    /** As {@link #parseDump(ByteBuffer, Protocol, int, Consumer)}, for a dump of network namespace {@code netns} (0: the monitor's own). */
    Result parseDump(ByteBuffer buf, Protocol protocol, int seq, long netns, Consumer<? super SocketInfo> sink) {
        return parse(buf, Objects.requireNonNull(protocol, "protocol"), seq, false, netns, sink);
    }

    /**
     * Parses sock_diag destroy notifications (multicast group messages). Each socket carries its
     * cookie and final counters; its inode is 0 and its uid {@link SocketInfo#UNKNOWN} (the kernel
     * reports uid 0 once the socket is detached from its file, measured on Linux 6.18). A TCP
     * socket whose remote port is 0 was disconnected or aborted, which zeroes the kernel's
     * counters: they are reported as UNKNOWN rather than 0.
     *
     * @param buf netlink messages
     * @param sink receives each destroyed socket
     * @return how the parse ended (MORE unless the kernel sent an error)
     */
    Result parseDestroyed(ByteBuffer buf, Consumer<? super SocketInfo> sink) {
        return parseDestroyed(buf, 0, sink);
    }

    /** As {@link #parseDestroyed(ByteBuffer, Consumer)}, for notifications from network namespace {@code netns}. */
    Result parseDestroyed(ByteBuffer buf, long netns, Consumer<? super SocketInfo> sink) {
        return parse(buf, null, -1, true, netns, sink);
    }

    private Result parse(ByteBuffer in, Protocol protocol, int seq, boolean destroyed, long netns,
            Consumer<? super SocketInfo> sink) {
        ByteBuffer b = in.order() == hostOrder ? in : in.duplicate().order(hostOrder);
        int off = in.position();
        int limit = in.limit();
        int sockets = 0;
        int malformed = 0;
        int ignored = 0;
        boolean interrupted = false;
        Status status = Status.MORE;
        int errno = 0;
        while (limit - off >= NLMSG_HDRLEN) {
            int len = b.getInt(off);
            if (len < NLMSG_HDRLEN || len > limit - off) {
                malformed++; // the header cannot be trusted to find the next message: stop
                off = limit;
                break;
            }
            int type = b.getShort(off + 4) & 0xffff;
            int flags = b.getShort(off + 6) & 0xffff;
            int msgSeq = b.getInt(off + 8);
            int next = (int) Math.min(limit, (long) off + align4(len));
            if (seq >= 0 && msgSeq != seq) {
                ignored++;
            } else if (type == SOCK_DIAG_BY_FAMILY || type == TCPDIAG_GETSOCK && !destroyed) {
                interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
                SocketInfo s = record(b, off + NLMSG_HDRLEN, off + len, protocol, destroyed, netns);
                if (s == null) {
                    malformed++;
                } else {
                    sockets++;
                    sink.accept(s);
                }
            } else if (type == NLMSG_DONE || type == NLMSG_ERROR) {
                interrupted |= (flags & NLM_F_DUMP_INTR) != 0;
                // Both may carry an int: a negative errno (NLMSG_ERROR 0 is an ACK).
                int code = len >= NLMSG_HDRLEN + 4 ? b.getInt(off + NLMSG_HDRLEN) : 0;
                if (code < 0) {
                    status = Status.ERROR;
                    errno = code == Integer.MIN_VALUE ? Integer.MAX_VALUE : -code;
                    off = next;
                    break;
                }
                if (type == NLMSG_DONE) {
                    status = Status.DONE;
                    off = next;
                    break;
                }
                ignored++;
            } else {
                ignored++;
            }
            off = next;
        }
        in.position(off);
        return new Result(status, errno, sockets, malformed, ignored, interrupted);
    }

    /** One inet_diag_msg and its attributes, or null when malformed. */
    private SocketInfo record(ByteBuffer b, int m, int end, Protocol requested, boolean destroyed, long netns) {
        if (end - m < INET_DIAG_MSG_LEN) {
            return null;
        }
        int family = b.get(m) & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int state = b.get(m + 1) & 0xff;
        int sport = port(b, m + 4);
        int dport = port(b, m + 6);
        IpAddress src = address(b, m + 8, family);
        IpAddress dst = address(b, m + 24, family);
        long cookie = (b.getInt(m + 44) & 0xffff_ffffL) | ((long) b.getInt(m + 48) << 32);
        long wqueue = b.getInt(m + 60) & 0xffff_ffffL;
        int uid = b.getInt(m + 64);
        long inode = b.getInt(m + 68) & 0xffff_ffffL;

        Protocol protocol = requested;
        int info = -1;
        int infoLen = 0;
        int a = m + INET_DIAG_MSG_LEN;
        while (end - a >= 4) {
            int alen = b.getShort(a) & 0xffff;
            int atype = b.getShort(a + 2) & NLA_TYPE_MASK;
            if (alen < 4 || alen > end - a) {
                return null; // an attribute running past its message: the record is not what it claims
            }
            if (atype == INET_DIAG_INFO) {
                info = a + 4;
                infoLen = alen - 4;
            } else if (atype == INET_DIAG_PROTOCOL && alen >= 5) {
                int p = b.get(a + 4) & 0xff;
                protocol = p == IPPROTO_TCP ? Protocol.TCP : p == IPPROTO_UDP ? Protocol.UDP : null;
                if (protocol == null) {
                    return null; // a protocol sstop does not model (e.g. a future inet protocol)
                }
            }
            a += align4(alen);
        }
        if (protocol == null) {
            return null;
        }

        long sent = SocketInfo.UNKNOWN;
        long received = SocketInfo.UNKNOWN;
        if (protocol == Protocol.TCP && info >= 0 && !(destroyed && dport == 0)) {
            sent = TcpCounters.sent(b, info, infoLen, state, wqueue);
            received = TcpCounters.received(b, info, infoLen, state);
        }
        return new SocketInfo(
                cookie == -1L ? 0 : cookie, // INET_DIAG_NOCOOKIE in both halves: none
                protocol,
                new Endpoint(src, sport),
                new Endpoint(dst, dport),
                SocketState.fromLinux(state, protocol),
                destroyed ? 0 : inode,
                destroyed ? SocketInfo.UNKNOWN : uid,
                SocketInfo.UNKNOWN,
                sent,
                received,
                netns);
    }

    private static int port(ByteBuffer b, int at) {
        return ((b.get(at) & 0xff) << 8) | (b.get(at + 1) & 0xff);
    }

    private IpAddress address(ByteBuffer b, int at, int family) {
        if (family == AF_INET) {
            int v4 = bigEndianInt(b, at);
            return v4 == 0 ? IpAddress.ANY_V4 : addresses.ofV4(v4);
        }
        long high = bigEndianLong(b, at);
        long low = bigEndianLong(b, at + 8);
        return high == 0 && low == 0 ? IpAddress.ANY_V6 : addresses.of(high, low);
    }

    private static int bigEndianInt(ByteBuffer b, int at) {
        int v = b.getInt(at);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }

    private static long bigEndianLong(ByteBuffer b, int at) {
        long v = b.getLong(at);
        return b.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }

    private static int align4(int len) {
        return (len + 3) & ~3;
    }
}
