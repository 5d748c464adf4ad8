package org.sstop.linux.netlink;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds sock_diag messages byte by byte, little-endian host order, for crafted parser tests. */
final class DiagBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Appends one netlink message (padded to 4 bytes). */
    DiagBytes message(int type, int flags, int seq, byte[] payload) {
        return messageWithLength(16 + payload.length, type, flags, seq, payload);
    }

    /** Appends a message whose nlmsg_len field says {@code declaredLen}, whatever its payload. */
    DiagBytes messageWithLength(int declaredLen, int type, int flags, int seq, byte[] payload) {
        ByteBuffer h = le(16);
        h.putInt(declaredLen).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        out.writeBytes(h.array());
        out.writeBytes(payload);
        out.writeBytes(new byte[(4 - (payload.length & 3)) & 3]);
        return this;
    }

    DiagBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    DiagBytes done(int seq) {
        return message(3, 2, seq, new byte[4]);
    }

    DiagBytes error(int seq, int negErrno) {
        ByteBuffer p = le(20);
        p.putInt(negErrno);
        return message(2, 0, seq, p.array());
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * An inet_diag_msg followed by attributes.
     *
     * @param src 4 or 16 address bytes (network order)
     */
    static byte[] diagMsg(int family, int state, byte[] src, int sport, byte[] dst, int dport,
            long cookie, int wqueue, int uid, long inode, byte[]... attrs) {
        ByteBuffer m = le(72);
        m.put((byte) family).put((byte) state).put((byte) 0).put((byte) 0);
        m.put((byte) (sport >>> 8)).put((byte) sport).put((byte) (dport >>> 8)).put((byte) dport);
        m.position(8);
        m.put(src);
        m.position(24);
        m.put(dst);
        m.position(40);
        m.putInt(0).putInt((int) cookie).putInt((int) (cookie >>> 32));
        m.putInt(0).putInt(0).putInt(wqueue).putInt(uid).putInt((int) inode);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(m.array());
        for (byte[] a : attrs) {
            o.writeBytes(a);
        }
        return o.toByteArray();
    }

    /** A netlink attribute (padded). */
    static byte[] attr(int type, byte[] data) {
        return attrWithLength(4 + data.length, type, data);
    }

    static byte[] attrWithLength(int declared, int type, byte[] data) {
        ByteBuffer a = le(4 + ((data.length + 3) & ~3));
        a.putShort((short) declared).putShort((short) type).put(data);
        return a.array();
    }

    /** A tcp_info of {@code len} bytes with the counters sstop reads (fields past len dropped). */
    static byte[] tcpInfo(int len, int state, long acked, long received, int notSent, long sent, long retrans) {
        ByteBuffer t = le(Math.max(len, 232));
        t.put(0, (byte) state);
        t.putLong(120, acked).putLong(128, received).putInt(144, notSent).putLong(200, sent).putLong(208, retrans);
        byte[] b = new byte[len];
        System.arraycopy(t.array(), 0, b, 0, len);
        return b;
    }

    static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    static byte[] v6Loopback() {
        byte[] b = new byte[16];
        b[15] = 1;
        return b;
    }

    static byte[] pad16(byte[] v4) {
        byte[] b = new byte[16];
        System.arraycopy(v4, 0, b, 0, v4.length);
        return b;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
