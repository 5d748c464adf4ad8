package org.sstop.api;

import java.io.IOException;

/**
 * Counts bytes and packets per flow from packets, for sockets whose source has no byte counters
 * (UDP in the netlink tier, every socket in the {@code /proc/net} tier). The counter may run a
 * capture thread of its own; {@link #close()} stops it.
 */
public interface FlowCounter extends Backend {

    /**
     * Hands over what was counted since the previous call and forgets it, so that the counter's
     * table stays bounded without losing counted bytes.
     *
     * @return per-flow traffic since the previous call
     * @throws IOException on failure
     */
    FlowSample drain() throws IOException;

    /**
     * Payload bytes of TCP and UDP packets the counter saw with neither end on this host
     * (forwarded traffic on a router, or another host's traffic seen promiscuously), cumulative
     * since the counter was opened and up to the last {@link #drain()}. They belong to no local
     * process, so they are in no {@link FlowDelta}; this total lets the engine show them apart.
     *
     * @return the bytes, or 0 when the counter does not tell such traffic apart
     */
    default long nonLocalBytes() {
        return 0;
    }

    /**
     * Says which protocols the engine needs counted: those of sockets without byte counters of
     * their own (with the netlink tier, only UDP). A counter may skip the others to save work;
     * flows of a protocol left out may be missing from later drains. Counters count everything
     * until told otherwise.
     *
     * @param protocols the protocols to count (may be empty)
     */
    default void countOnly(java.util.Set<Protocol> protocols) {
    }
}
