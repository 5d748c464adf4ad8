package org.sstop.linux.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sstop.api.Endpoint;
import org.sstop.api.FlowDelta;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

/**
 * Per-flow counters for one interval: a fixed-capacity open-addressing hash table over primitive
 * arrays, so that counting a packet allocates nothing. When the table is full, packets of new
 * flows are added to an overflow count per protocol and direction, reported as an unattributable
 * flow (see {@link #toDeltas()}), never lost. Not thread-safe: one writer, handed over whole.
 *
 * <p>Public only for sstop-bench's {@code PacketParseBenchmark}, which drives the per-frame path
 * directly; not an API: only what that benchmark calls is public.
 */
public final class FlowTable {

    /** The endpoint the overflow and unmatched-fragment counts are reported on: {@code [::]:0}, which no socket has. */
    static final Endpoint UNATTRIBUTED = new Endpoint(IpAddress.ANY_V6, 0);

    private final int mask;
    private final int maxFlows;
    private final byte[] meta; // 0 empty, else 1 | udp << 1 | loopback << 2
    private final long[] localHigh;
    private final long[] localLow;
    private final long[] remoteHigh;
    private final long[] remoteLow;
    private final int[] ports; // local << 16 | remote
    private final long[] bytesOut;
    private final long[] bytesIn;
    private final long[] packetsOut;
    private final long[] packetsIn;
    private final int[] used;
    private int size;
    /** Whether a new flow found the table full this interval (its packets went to the overflow count). */
    private boolean overflowed;

    /** [udp][out] overflow and unmatched-fragment counts. */
    private final long[] unattributedBytes = new long[4];
    private final long[] unattributedPackets = new long[4];

    /** Frames handed to the processor (loopback duplicates excluded). */
    long packetsSeen;
    /** Packets the kernel dropped for want of room in the ring (counted by the capture thread). */
    long packetsDropped;
    /** Frames that were not TCP/UDP over IP. */
    long otherPackets;
    /** Frames with truncated or inconsistent headers. */
    long malformedPackets;
    /** Payload bytes of TCP/UDP packets with neither end on this host (forwarded, or another host's traffic). */
    long forwardedBytes;

    /**
     * @param capacity slots, rounded up to a power of two; at most three quarters are used
     */
    public FlowTable(int capacity) {
        int cap = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
        mask = cap - 1;
        maxFlows = cap - cap / 4;
        meta = new byte[cap];
        localHigh = new long[cap];
        localLow = new long[cap];
        remoteHigh = new long[cap];
        remoteLow = new long[cap];
        ports = new int[cap];
        bytesOut = new long[cap];
        bytesIn = new long[cap];
        packetsOut = new long[cap];
        packetsIn = new long[cap];
        used = new int[maxFlows];
    }

    /**
     * Counts one packet of a flow.
     *
     * @param udp UDP (else TCP)
     * @param loopback both ends on this host
     * @param lh local address, high word
     * @param ll local address, low word
     * @param lport local port
     * @param rh remote address, high word
     * @param rl remote address, low word
     * @param rport remote port
     * @param out sent from local (else received)
     * @param payload transport payload bytes
     */
    void add(boolean udp, boolean loopback, long lh, long ll, int lport, long rh, long rl, int rport,
            boolean out, long payload) {
        byte m = (byte) (1 | (udp ? 2 : 0) | (loopback ? 4 : 0));
        int p = (lport << 16) | rport;
        long x = (ll * 0x9E37_79B9_7F4A_7C15L) ^ (rl * 0xC2B2_AE3D_27D4_EB4FL) ^ ((p & 0xffff_ffffL) * 0x1656_67B1_9E37_79F9L)
                ^ lh ^ (rh << 1) ^ m;
        int i = (int) (x ^ (x >>> 32) ^ (x >>> 17)) & mask;
        while (true) {
            byte cur = meta[i];
            if (cur == 0) {
                if (size == maxFlows) {
                    overflowed = true;
                    addUnattributed(udp, out, payload);
                    return;
                }
                meta[i] = m;
                localHigh[i] = lh;
                localLow[i] = ll;
                remoteHigh[i] = rh;
                remoteLow[i] = rl;
                ports[i] = p;
                used[size++] = i;
                break;
            }
            if (cur == m && ports[i] == p && localLow[i] == ll && remoteLow[i] == rl && localHigh[i] == lh
                    && remoteHigh[i] == rh) {
                break;
            }
            i = (i + 1) & mask;
        }
        if (out) {
            bytesOut[i] += payload;
            packetsOut[i]++;
        } else {
            bytesIn[i] += payload;
            packetsIn[i]++;
        }
    }

    /** Counts a packet that cannot be put on a flow (table full, or a fragment without its first). */
    void addUnattributed(boolean udp, boolean out, long payload) {
        int k = (udp ? 2 : 0) | (out ? 1 : 0);
        unattributedBytes[k] += payload;
        unattributedPackets[k]++;
    }

    /** Flows held. */
    public int size() {
        return size;
    }

    /** Slots (a power of two; three quarters usable). */
    int capacity() {
        return mask + 1;
    }

    /**
     * The capacity a table should have to hold this interval's flows with room to spare: twice
     * what was used, four times when some did not fit; between {@code min} and {@code max}.
     */
    int capacityWanted(int min, int max) {
        long wanted = (overflowed ? 4L : 2L) * size * 4 / 3;
        return (int) Math.max(min, Math.min(max, Long.highestOneBit(Math.max(1, wanted - 1)) << 1));
    }

    /**
     * The counts as deltas: one per flow, plus, per protocol, one for the unattributable packets
     * with both ends {@link #UNATTRIBUTED} (no socket matches it, so the engine counts it as
     * unattributed).
     */
    public List<FlowDelta> toDeltas() {
        List<FlowDelta> list = new ArrayList<>(size + 2);
        for (int k = 0; k < size; k++) {
            int i = used[k];
            int m = meta[i];
            list.add(new FlowDelta((m & 2) != 0 ? Protocol.UDP : Protocol.TCP,
                    new Endpoint(new IpAddress(localHigh[i], localLow[i]), ports[i] >>> 16),
                    new Endpoint(new IpAddress(remoteHigh[i], remoteLow[i]), ports[i] & 0xffff),
                    bytesOut[i], bytesIn[i], packetsOut[i], packetsIn[i], (m & 4) != 0));
        }
        for (int udp = 0; udp < 2; udp++) {
            int in = udp << 1;
            int out = in | 1;
            if (unattributedPackets[in] + unattributedPackets[out] > 0) {
                list.add(new FlowDelta(udp == 1 ? Protocol.UDP : Protocol.TCP, UNATTRIBUTED, UNATTRIBUTED,
                        unattributedBytes[out], unattributedBytes[in], unattributedPackets[out],
                        unattributedPackets[in], false));
            }
        }
        return list;
    }

    /** Forgets everything, touching only the slots in use. */
    void clear() {
        for (int k = 0; k < size; k++) {
            int i = used[k];
            meta[i] = 0;
            bytesOut[i] = 0;
            bytesIn[i] = 0;
            packetsOut[i] = 0;
            packetsIn[i] = 0;
        }
        size = 0;
        overflowed = false;
        Arrays.fill(unattributedBytes, 0);
        Arrays.fill(unattributedPackets, 0);
        packetsSeen = 0;
        packetsDropped = 0;
        otherPackets = 0;
        malformedPackets = 0;
        forwardedBytes = 0;
    }
}
