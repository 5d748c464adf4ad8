package org.sstop.linux.procfs;

/**
 * Keeps retransmitted TCP payload out of the counts, so that the packet tier agrees with
 * {@code tcp_info} ({@code tcpi_bytes_acked}): per sending direction it remembers the highest
 * sequence number seen and one hole below it, and a segment counts only the bytes not seen before.
 *
 * <p>The hole matters because a segment can be lost before the capture point (a full qdisc, the
 * loopback backlog): later segments then arrive first, and the retransmission that fills the hole
 * is new data for us. Only one hole is tracked per direction; when a second opens, the two are
 * merged into one covering both (bytes seen between them may then count again if retransmitted),
 * and a hole filled in its middle stays open: every approximation errs towards counting what
 * crossed the wire, never towards losing new data.
 *
 * <p>A SYN starts the sequence space afresh (a new connection on the same ports); a jump of more
 * than 1 GiB either way does too. The table is direct-mapped and bounded: when two flows share a
 * slot, the newcomer takes it and its segment counts in full. Used by the capture thread only.
 */
final class TcpSequenceTracker {

    private static final int SLOTS = 1 << 16;
    private static final int FAR = 1 << 30;
    // Made at the first segment (1.25 MiB): the packet tier counts TCP only without tcp_info and
    // without the eBPF counter, so in most runs it is never needed.
    private long[] keys;
    private int[] high;
    private int[] holeStart;
    private int[] holeEnd; // holeStart == holeEnd: no hole

    /**
     * The part of a segment's payload that was not seen before.
     *
     * @param p the parsed segment ({@link ParsedPacket#hasTcpSeq} true), in its sending direction
     * @return new payload bytes, from 0 (a pure retransmission) to {@code p.payload}
     */
    long newBytes(ParsedPacket p) {
        if (keys == null) {
            keys = new long[SLOTS];
            high = new int[SLOTS];
            holeStart = new int[SLOTS];
            holeEnd = new int[SLOTS];
        }
        long h = (p.srcLow * 0x9E37_79B9_7F4A_7C15L) ^ (p.dstLow * 0xC2B2_AE3D_27D4_EB4FL)
                ^ (p.srcHigh * 0xD6E8_FEB8_6659_FD93L) ^ (p.dstHigh * 0xFF51_AFD7_ED55_8CCDL)
                ^ ((((long) p.srcPort << 16) | p.dstPort) * 0x1656_67B1_9E37_79F9L);
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 32;
        long key = h | 1; // 0 marks an empty slot
        int i = (int) (h ^ (h >>> 17)) & (SLOTS - 1);
        long payload = p.payload;
        if (payload > FAR) {
            return payload; // no TCP segment is that large: do not reason about it
        }
        int start = p.tcpSeq + (p.tcpSyn ? 1 : 0);
        int end = start + (int) payload;
        int hi = high[i];
        if (keys[i] != key || p.tcpSyn || end - hi > FAR || hi - start > FAR) {
            keys[i] = key;
            high[i] = end;
            holeStart[i] = end;
            holeEnd[i] = end;
            return payload;
        }
        long fresh = 0;
        // Above the high mark: new, and any space between the mark and the segment becomes a hole.
        if (end - hi > 0) {
            if (start - hi > 0) {
                fresh = payload;
                if (holeStart[i] == holeEnd[i]) {
                    holeStart[i] = hi;
                }
                holeEnd[i] = start; // a second hole merges with the first
            } else {
                fresh = end - hi;
            }
            high[i] = end;
        }
        // Inside the hole: new, and the hole shrinks from whichever edge the segment covers.
        int hs = holeStart[i];
        int he = holeEnd[i];
        if (hs != he) {
            int from = start - hs > 0 ? start : hs;
            int to = end - he < 0 ? end : he;
            if (to - from > 0) {
                fresh += to - from;
                if (from == hs) {
                    holeStart[i] = to;
                } else if (to == he) {
                    holeEnd[i] = from;
                }
            }
        }
        return Math.min(fresh, payload);
    }
}
