package org.sstop.api;

import java.util.List;

/**
 * What one {@link FlowCounter#drain()} returns.
 *
 * @param flows per-flow traffic since the previous drain (flows without traffic are left out)
 * @param packetsSeen packets the counter saw since the previous drain
 * @param packetsDropped packets the capture lost since the previous drain (counting is
 *     incomplete by at least this many packets)
 */
public record FlowSample(List<FlowDelta> flows, long packetsSeen, long packetsDropped) {

    /** Copies the list. */
    public FlowSample {
        flows = List.copyOf(flows);
    }
}
