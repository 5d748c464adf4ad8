package org.sstop.api;

import java.util.List;

/**
 * What one {@link FlowCounter#drain()} returns. Every count is since the previous drain.
 *
 * @param flows per-flow traffic (flows without traffic are left out)
 * @param packetsSeen packets the counter saw
 * @param packetsDropped packets the capture lost (counting is incomplete by at least this many)
 * @param forwardedBytes payload bytes of TCP and UDP packets with neither end on this host
 *     (forwarded by a router, or another host's traffic seen promiscuously): they belong to no
 *     local process, so they are in no {@link FlowDelta}; 0 when the counter does not tell such
 *     traffic apart
 * @param otherPackets packets that are neither TCP nor UDP over IP (ARP, ICMP, ...), not counted
 * @param malformedPackets packets too short or inconsistent to parse, not counted
 */
public record FlowSample(List<FlowDelta> flows, long packetsSeen, long packetsDropped,
        long forwardedBytes, long otherPackets, long malformedPackets) {

    /** Copies the list. */
    public FlowSample {
        flows = List.copyOf(flows);
    }

    /**
     * A sample of a counter that does not tell forwarded, other and malformed packets apart.
     *
     * @param flows per-flow traffic
     * @param packetsSeen packets seen
     * @param packetsDropped packets lost
     */
    public FlowSample(List<FlowDelta> flows, long packetsSeen, long packetsDropped) {
        this(flows, packetsSeen, packetsDropped, 0, 0, 0);
    }
}
