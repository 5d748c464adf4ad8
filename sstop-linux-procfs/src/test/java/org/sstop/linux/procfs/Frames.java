package org.sstop.linux.procfs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds frames byte by byte for parser tests (big-endian, as on the wire). */
final class Frames {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Frames create() {
        return new Frames();
    }

    Frames u8(int v) {
        out.write(v);
        return this;
    }

    Frames u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Frames u32(int v) {
        return u16(v >>> 16).u16(v);
    }

    Frames zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    Frames bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** Ethernet header with the given VLAN tags (TPIDs 0x8100) before the type. */
    Frames ethernet(int type, int... vlanIds) {
        zeros(12);
        for (int id : vlanIds) {
            u16(0x8100).u16(id);
        }
        return u16(type);
    }

    /**
     * IPv4 header.
     *
     * @param optionWords 32-bit words of options (IHL = 5 + this)
     * @param totalLength the total-length field
     * @param fragField flags and offset field (0x2000 = MF)
     */
    Frames ipv4(int protocol, int src, int dst, int optionWords, int totalLength, int id, int fragField) {
        u8(0x40 | (5 + optionWords)).u8(0).u16(totalLength).u16(id).u16(fragField).u8(64).u8(protocol).u16(0);
        u32(src).u32(dst);
        for (int i = 0; i < optionWords; i++) {
            u32(0x01010101); // NOPs
        }
        return this;
    }

    Frames ipv6(int next, int payloadLength, byte[] src, byte[] dst) {
        return u32(0x6000_0000).u16(payloadLength).u8(next).u8(64).bytes(src).bytes(dst);
    }

    /** A generic IPv6 extension header of {@code 8 * (lenUnits + 1)} bytes. */
    Frames ext(int next, int lenUnits) {
        u8(next).u8(lenUnits);
        return zeros(6 + 8 * lenUnits);
    }

    Frames fragment6(int next, int offsetUnits, boolean more, int id) {
        return u8(next).u8(0).u16((offsetUnits << 3) | (more ? 1 : 0)).u32(id);
    }

    /** TCP header of {@code 4 * dataOffsetWords} bytes. */
    Frames tcp(int sport, int dport, int dataOffsetWords) {
        u16(sport).u16(dport).u32(1).u32(0).u8(dataOffsetWords << 4).u8(0x18).u16(65535).u16(0).u16(0);
        return zeros(Math.max(0, dataOffsetWords * 4 - 20));
    }

    Frames udp(int sport, int dport, int length) {
        return u16(sport).u16(dport).u16(length).u16(0);
    }

    int length() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    /** The frame at offset 0 of a big-endian buffer. */
    ByteBuffer buffer() {
        return ByteBuffer.wrap(toArray());
    }
}
