package org.sstop.core;

import java.util.List;
import org.sstop.api.Endpoint;
import org.sstop.api.FlowDelta;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

/**
 * Charges packet-counted flows to sockets that have no byte counters of their own: connected
 * sockets by exact 5-tuple; unconnected UDP sockets by local address and port, where a
 * wildcard-bound socket claims a flow only if its local address is one of this host's. A
 * loopback flow credits the sockets at both ends. Sockets with their own counters ignore flows
 * (no double count); flows matching no socket go to the sink as unattributed.
 */
final class FlowMatcher {

    /** Where the traffic that does not land on a socket's own tally goes. */
    interface Sink {
        /** Traffic of a flow end that matched no socket. */
        void unmatched(IpAddress remote, long up, long down, boolean loopback);

        /** Traffic an unconnected socket exchanged with one remote host (connected ones report their host themselves). */
        void host(IpAddress remote, long up, long down, SockState socket);
    }

    private final SocketIndex index;
    private final LocalAddresses localAddresses;

    FlowMatcher(SocketIndex index, LocalAddresses localAddresses) {
        this.index = index;
        this.localAddresses = localAddresses;
    }

    void apply(List<FlowDelta> flows, Sink sink) {
        for (int i = 0, n = flows.size(); i < n; i++) {
            FlowDelta f = flows.get(i);
            if (f == null || f.protocol() == null || f.local() == null || f.remote() == null
                    || f.bytesOut() < 0 || f.bytesIn() < 0) {
                continue; // malformed: a backend bug must not break the sample
            }
            if (f.loopback()) {
                end(f.protocol(), f.local(), f.remote(), f.bytesOut(), f.bytesIn(), true, sink);
                end(f.protocol(), f.remote(), f.local(), f.bytesIn(), f.bytesOut(), true, sink);
            } else {
                end(f.protocol(), f.local(), f.remote(), f.bytesOut(), f.bytesIn(), false, sink);
            }
        }
    }

    private void end(Protocol p, Endpoint local, Endpoint remote, long up, long down, boolean loopback, Sink sink) {
        SockState s = index.connected(p, local, remote);
        boolean unconnected = false;
        if (s == null && p == Protocol.UDP) {
            s = index.boundUdp(local);
            if (s == null && localAddresses.contains(local.address())) {
                s = index.wildcardUdp(local.address(), local.port());
            }
            unconnected = s != null;
        }
        if (s == null) {
            sink.unmatched(remote.address(), up, down, loopback);
            return;
        }
        if (s.ownCounters) {
            return; // its own counters already hold these bytes
        }
        if (loopback) {
            s.tickLoopUp += up;
            s.tickLoopDown += down;
        } else {
            s.tickUp += up;
            s.tickDown += down;
            if (unconnected) {
                sink.host(remote.address(), up, down, s);
            }
        }
    }
}
