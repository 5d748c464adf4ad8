package org.sstop.core;

import java.util.List;
import org.sstop.api.Endpoint;
import org.sstop.api.FlowDelta;
import org.sstop.api.Protocol;

/**
 * Turns packet-counted flows into charges for sockets that have no byte counters of their own:
 * connected sockets by exact 5-tuple; unconnected UDP sockets by local address and port, where a
 * wildcard-bound socket claims a flow only if its local address is one of this host's. A
 * loopback flow charges the sockets at both ends. Sockets with their own counters ignore flows
 * (no double count); a flow end that matches no socket is charged to no socket (the accountant
 * makes it unattributed, {@code no_socket}).
 */
final class FlowMatcher {

    private final SocketIndex index;
    private final LocalAddresses localAddresses;
    private final Charges charges = new Charges();

    FlowMatcher(SocketIndex index, LocalAddresses localAddresses) {
        this.index = index;
        this.localAddresses = localAddresses;
    }

    /**
     * Matches one drain of the flow counter against the sockets of this sample.
     *
     * @return the charges (valid until the next call)
     */
    Charges match(List<FlowDelta> flows) {
        charges.clear();
        for (int i = 0, n = flows.size(); i < n; i++) {
            FlowDelta f = flows.get(i);
            if (f == null || f.protocol() == null || f.local() == null || f.remote() == null
                    || f.bytesOut() < 0 || f.bytesIn() < 0) {
                continue; // malformed: a backend bug must not break the sample
            }
            end(f.protocol(), f.local(), f.remote(), f.bytesOut(), f.bytesIn(), f.loopback());
            if (f.loopback()) {
                end(f.protocol(), f.remote(), f.local(), f.bytesIn(), f.bytesOut(), true);
            }
        }
        return charges;
    }

    private void end(Protocol p, Endpoint local, Endpoint remote, long up, long down, boolean loopback) {
        SockState s = index.connected(0, p, local, remote); // packets are captured in the monitor's own namespace
        boolean unconnected = false;
        if (s == null && p == Protocol.UDP) {
            s = index.bound(p, local);
            if (s == null && localAddresses.contains(local.address())) {
                s = index.wildcard(p, local);
            }
            unconnected = s != null;
        }
        if (s != null && s.ownCounters) {
            return; // its own counters already hold these bytes
        }
        // A connected socket's host is its peer; an unconnected one's (or no socket's) is the flow's.
        charges.add(s, s == null || unconnected ? remote.address() : null, up, down, loopback);
    }
}
