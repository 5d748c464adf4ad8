package org.sstop.linux.procfs;

/**
 * Remembers the ports of recently seen first fragments, keyed by (source, destination, IP id,
 * protocol), so that the payload of later fragments (which carry no transport header) is
 * counted to the right flow. Direct-mapped and fixed-size: a newer datagram may evict an older
 * one, whose remaining fragments are then counted as unattributed.
 */
final class FragmentCache {

    private static final int SIZE = 1024;
    private final long[] keys = new long[SIZE * 4];
    private final int[] ids = new int[SIZE];
    private final int[] ports = new int[SIZE]; // srcPort << 16 | dstPort
    private final byte[] protos = new byte[SIZE]; // 0 = empty

    void put(ParsedPacket p, int id) {
        int i = slot(p, id);
        keys[4 * i] = p.srcHigh;
        keys[4 * i + 1] = p.srcLow;
        keys[4 * i + 2] = p.dstHigh;
        keys[4 * i + 3] = p.dstLow;
        ids[i] = id;
        ports[i] = (p.srcPort << 16) | p.dstPort;
        protos[i] = (byte) p.protocol;
    }

    /** Fills in the ports of {@code p} from its first fragment; false when that is unknown. */
    boolean lookup(ParsedPacket p, int id) {
        int i = slot(p, id);
        if (protos[i] != (byte) p.protocol || ids[i] != id || keys[4 * i] != p.srcHigh || keys[4 * i + 1] != p.srcLow
                || keys[4 * i + 2] != p.dstHigh || keys[4 * i + 3] != p.dstLow) {
            return false;
        }
        p.srcPort = ports[i] >>> 16;
        p.dstPort = ports[i] & 0xffff;
        return true;
    }

    private static int slot(ParsedPacket p, int id) {
        long x = (p.srcLow * 0x9E37_79B9_7F4A_7C15L) ^ (p.dstLow * 0xC2B2_AE3D_27D4_EB4FL) ^ p.srcHigh ^ (p.dstHigh << 1)
                ^ ((long) id * 0x1656_67B1_9E37_79F9L) ^ p.protocol;
        return (int) (x ^ (x >>> 29) ^ (x >>> 47)) & (SIZE - 1);
    }
}
