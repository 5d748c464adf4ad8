package org.sstop.bench.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an inet_diag TCP dump in the exact kernel format, as Linux 6.18 sends it when
 * INET_DIAG_INFO is asked for: per socket a {@code nlmsghdr}, an {@code inet_diag_msg} and the
 * attributes SHUTDOWN, MARK, CGROUP_ID, SOCKOPT and a 280-byte {@code tcp_info} (408 bytes per
 * socket), packed into datagrams of at most 32 KiB like the kernel's dump skbs, the last ending
 * with NLMSG_DONE. Half the sockets are IPv4, half IPv6, in assorted states.
 */
public final class SyntheticDump {

    /** Largest datagram the kernel sends for a dump with a big receive buffer. */
    public static final int DATAGRAM_MAX = 32 * 1024;
    private static final int MSG_LEN = 408;
    private static final int TCP_INFO_LEN = 280;

    private SyntheticDump() {
    }

    /**
     * The dump's datagrams, each a direct buffer in native byte order from position 0.
     *
     * @param sockets how many sockets
     * @param seq the request's sequence number
     * @return the datagrams in order
     */
    public static List<ByteBuffer> datagrams(int sockets, int seq) {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer cur = newDatagram();
        for (int i = 0; i < sockets; i++) {
            if (cur.remaining() < MSG_LEN + 20) {
                out.add(finish(cur));
                cur = newDatagram();
            }
            writeSocket(cur, i, seq);
        }
        cur.putInt(20).putShort((short) 3).putShort((short) 2).putInt(seq).putInt(0).putInt(0); // NLMSG_DONE
        out.add(finish(cur));
        return out;
    }

    /** Total bytes of the datagrams. */
    public static long size(List<ByteBuffer> datagrams) {
        return datagrams.stream().mapToLong(ByteBuffer::limit).sum();
    }

    private static ByteBuffer newDatagram() {
        return ByteBuffer.allocateDirect(DATAGRAM_MAX).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer finish(ByteBuffer b) {
        b.flip();
        return b.slice().order(ByteOrder.nativeOrder());
    }

    private static void writeSocket(ByteBuffer b, int i, int seq) {
        int start = b.position();
        boolean v6 = (i & 1) == 1;
        int[] states = {1, 1, 1, 1, 1, 8, 4, 5, 10};
        int state = states[i % states.length];
        b.putInt(MSG_LEN).putShort((short) 20).putShort((short) 2).putInt(seq).putInt(0);
        // inet_diag_msg
        b.put((byte) (v6 ? 10 : 2)).put((byte) state).put((byte) 0).put((byte) 0);
        int sport = 1024 + (i % 60000);
        int dport = state == 10 ? 0 : 443;
        b.put((byte) (sport >>> 8)).put((byte) sport).put((byte) (dport >>> 8)).put((byte) dport);
        if (v6) {
            putBigEndianLong(b, 0x2001_0db8_0000_0000L);
            putBigEndianLong(b, 0x1000L + i);
            putBigEndianLong(b, 0x2001_0db8_0000_0001L);
            putBigEndianLong(b, 0x2000L + (i % 500));
        } else {
            putBigEndianInt(b, 0x0a00_0000 | (i & 0xffff));
            b.putInt(0).putLong(0);
            putBigEndianInt(b, 0xc000_0200 | (i % 250));
            b.putInt(0).putLong(0);
        }
        b.putInt(0); // idiag_if
        b.putInt(0x1000_0000 + i).putInt(0); // cookie[0], cookie[1]
        b.putInt(0).putInt(0).putInt(state == 10 ? 128 : 0).putInt(1000).putInt(100_000 + i);
        // attributes as the kernel sends them
        attr(b, 8, 1); // INET_DIAG_SHUTDOWN u8
        attr(b, 15, 4); // INET_DIAG_MARK u32
        attr(b, 21, 8); // INET_DIAG_CGROUP_ID u64
        attr(b, 22, 2); // INET_DIAG_SOCKOPT
        int info = b.position() + 4;
        attr(b, 2, TCP_INFO_LEN); // INET_DIAG_INFO
        long payload = 1000L * (i + 1);
        b.put(info, (byte) state);
        b.putLong(info + 120, payload + 1); // bytes_acked (client: SYN counted)
        b.putLong(info + 128, payload / 3); // bytes_received
        b.putLong(info + 200, payload); // bytes_sent
        b.putLong(info + 208, 0); // bytes_retrans
        if (b.position() - start != MSG_LEN) {
            throw new IllegalStateException("message length " + (b.position() - start));
        }
    }

    private static void attr(ByteBuffer b, int type, int len) {
        b.putShort((short) (4 + len)).putShort((short) type);
        int padded = (len + 3) & ~3;
        for (int k = 0; k < padded; k++) {
            b.put((byte) 0);
        }
    }

    private static void putBigEndianInt(ByteBuffer b, int v) {
        b.put((byte) (v >>> 24)).put((byte) (v >>> 16)).put((byte) (v >>> 8)).put((byte) v);
    }

    private static void putBigEndianLong(ByteBuffer b, long v) {
        putBigEndianInt(b, (int) (v >>> 32));
        putBigEndianInt(b, (int) v);
    }
}
