package org.sstop.linux.procfs;

import java.nio.ByteBuffer;

/**
 * Counts one captured frame into a {@link FlowTable}: parses it, decides which end is on this host,
 * and drops the second copy of loopback packets. Allocates nothing.
 *
 * <p>Direction: an outgoing packet ({@code PACKET_OUTGOING}) was sent by this host, so its source is
 * the local end; an incoming one ({@code PACKET_HOST}) is addressed to it, so its destination is.
 * Either must be one of this host's addresses ({@link LocalAddresses}): a packet that is only
 * passing through (forwarded, or seen in promiscuous mode) belongs to no local process and is
 * counted apart as forwarded. Broadcast and multicast packets are counted on their destination
 * address as received. On a loopback device every packet is seen twice, once outgoing and once
 * incoming: only the incoming copy is counted, on a flow marked loopback whose local end is the
 * lower of the two endpoints (so that both directions land on one flow).
 *
 * <p>Retransmitted TCP payload, sent or received, is not counted again ({@link TcpSequenceTracker}),
 * so the counts match {@code tcp_info}'s {@code tcpi_bytes_acked} and {@code tcpi_bytes_received}.
 *
 * <p>Public only for sstop-bench's {@code PacketParseBenchmark}, which drives the per-frame path
 * directly; not an API: only what that benchmark calls is public.
 */
public final class FrameProcessor {

    /** {@code sll_pkttype} values. */
    public static final int PACKET_HOST = 0;
    /** Link-layer broadcast. */
    static final int PACKET_BROADCAST = 1;
    /** Link-layer multicast. */
    static final int PACKET_MULTICAST = 2;
    /** To another host (promiscuous capture). */
    static final int PACKET_OTHERHOST = 3;
    /** Sent by this host. */
    public static final int PACKET_OUTGOING = 4;

    /** {@code sll_hatype} of Ethernet devices. */
    public static final int ARPHRD_ETHER = 1;
    /** {@code sll_hatype} of the loopback device. */
    static final int ARPHRD_LOOPBACK = 772;

    private final FrameParser parser = new FrameParser(new FragmentCache());
    private final ParsedPacket pkt = new ParsedPacket();
    private final TcpSequenceTracker sequences = new TcpSequenceTracker();
    private volatile LocalAddresses local;
    private volatile boolean countTcp = true;
    private volatile boolean countUdp = true;

    /** @param local this host's addresses (replace with {@link #setLocalAddresses}) */
    public FrameProcessor(LocalAddresses local) {
        this.local = local;
    }

    /** Replaces the set of this host's addresses (from any thread). */
    void setLocalAddresses(LocalAddresses addresses) {
        this.local = addresses;
    }

    /**
     * Counts only the given protocols (from any thread); the others are skipped right after
     * parsing, before any table or sequence tracking work.
     *
     * @param tcp whether to count TCP
     * @param udp whether to count UDP
     */
    void countOnly(boolean tcp, boolean udp) {
        this.countTcp = tcp;
        this.countUdp = udp;
    }

    /**
     * Counts one frame.
     *
     * @param b big-endian buffer holding the frame
     * @param mac index of the frame's first (link-layer) byte
     * @param captured bytes captured ({@code tp_snaplen})
     * @param wireLength the frame's real length ({@code tp_len})
     * @param networkOffset offset of the network header from {@code mac} ({@code tp_net - tp_mac}),
     *     used for devices without an Ethernet header
     * @param hatype the device type ({@code sll_hatype})
     * @param pkttype the packet type ({@code sll_pkttype})
     * @param table where to count
     */
    public void process(ByteBuffer b, int mac, int captured, long wireLength, int networkOffset, int hatype,
            int pkttype, FlowTable table) {
        boolean loopback = hatype == ARPHRD_LOOPBACK;
        if (loopback && pkttype == PACKET_OUTGOING) {
            return; // the same packet comes back as PACKET_HOST
        }
        table.packetsSeen++;
        int r;
        if (hatype == ARPHRD_ETHER || loopback) {
            r = parser.parseEthernet(b, mac, captured, wireLength, pkt);
        } else if (networkOffset >= 0 && networkOffset < captured) {
            r = parser.parseIp(b, mac + networkOffset, captured - networkOffset, wireLength - networkOffset, pkt);
        } else {
            r = FrameParser.MALFORMED;
        }
        if (r == FrameParser.OTHER) {
            table.otherPackets++;
            return;
        }
        if (r == FrameParser.MALFORMED) {
            table.malformedPackets++;
            return;
        }
        ParsedPacket p = pkt;
        boolean udp = p.protocol == FrameParser.UDP;
        if (!(udp ? countUdp : countTcp)) {
            return;
        }
        boolean out;
        if (loopback) {
            out = compare(p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort) <= 0;
        } else if (pkttype == PACKET_OUTGOING) {
            out = true;
            if (!local.contains(p.srcHigh, p.srcLow)) {
                forwarded(table, p);
                return;
            }
        } else if (pkttype == PACKET_HOST) {
            out = false;
            if (!local.contains(p.dstHigh, p.dstLow)) {
                forwarded(table, p);
                return;
            }
        } else if (pkttype == PACKET_BROADCAST || pkttype == PACKET_MULTICAST) {
            out = false;
        } else {
            forwarded(table, p);
            return;
        }
        if (p.hasTcpSeq) {
            p.payload = sequences.newBytes(p); // retransmitted bytes are not new payload
        }
        if (r == FrameParser.FRAGMENT_UNMATCHED) {
            table.addUnattributed(udp, out, p.payload);
        } else if (out) {
            table.add(udp, loopback, p.srcHigh, p.srcLow, p.srcPort, p.dstHigh, p.dstLow, p.dstPort, true, p.payload);
        } else {
            table.add(udp, loopback, p.dstHigh, p.dstLow, p.dstPort, p.srcHigh, p.srcLow, p.srcPort, false, p.payload);
        }
    }

    private static void forwarded(FlowTable table, ParsedPacket p) {
        table.forwardedBytes += p.payload;
    }

    private static int compare(long ah, long al, int ap, long bh, long bl, int bp) {
        int c = Long.compareUnsigned(ah, bh);
        if (c == 0) {
            c = Long.compareUnsigned(al, bl);
        }
        return c != 0 ? c : Integer.compare(ap, bp);
    }
}
