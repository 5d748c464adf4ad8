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
}
