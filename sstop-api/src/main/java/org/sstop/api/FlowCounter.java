package org.sstop.api;

import java.io.IOException;

/**
 * Counts bytes and packets per flow from packets, for sockets whose source has no byte counters
 * (UDP in the netlink tier, every socket in the {@code /proc/net} tier). The counter may run a
 * capture thread of its own; {@link #close()} stops it. Threading: see {@link Backend}.
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
