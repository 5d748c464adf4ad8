package org.sstop.core;

import java.util.HashMap;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;

/**
 * Finds live sockets by what a packet flow knows: the 5-tuple of connected sockets, and the
 * local address and port of unconnected UDP sockets (exactly bound, or bound to a wildcard).
 * Maintained incrementally as sockets come and go, so a lookup allocates nothing.
 */
final class SocketIndex {

    private final Map<TupleKey, SockState> connected = new HashMap<>();
    private final Map<Endpoint, SockState> boundUdp = new HashMap<>();
    private final LongObjectMap<SockState> wildcardUdp = new LongObjectMap<>();
    private final TupleKey probe = new TupleKey();

    void add(SockState s) {
        var info = s.info;
        if (s.isConnected()) {
            // The newest socket on a key wins (an identity that changed, SO_REUSEPORT twins);
            // removal below only removes a key that still points at the leaving socket.
            TupleKey k = new TupleKey(info.protocol(), info.local(), info.remote(), 0);
            connected.put(k, s);
            s.connectedKey = k;
        } else if (info.protocol() == Protocol.UDP && info.state() == SocketState.UNCONNECTED && info.local().port() != 0) {
            Endpoint local = info.local();
            if (local.address().isAny()) {
                long key = wildcardKey(local.address().isV4(), local.port());
                wildcardUdp.put(key, s);
                s.wildcardKey = key;
            } else {
                boundUdp.put(local, s);
                s.unconnectedKey = local;
            }
        }
    }

    void remove(SockState s) {
        if (s.connectedKey != null) {
            connected.remove(s.connectedKey, s);
            s.connectedKey = null;
        }
        if (s.unconnectedKey != null) {
            boundUdp.remove(s.unconnectedKey, s);
            s.unconnectedKey = null;
        }
        if (s.wildcardKey != 0) {
            if (wildcardUdp.get(s.wildcardKey) == s) {
                wildcardUdp.remove(s.wildcardKey);
            }
            s.wildcardKey = 0;
        }
    }

    void clear() {
        connected.clear();
        boundUdp.clear();
        wildcardUdp.clear();
    }

    /** The connected socket with exactly this tuple, or null. */
    SockState connected(Protocol protocol, Endpoint local, Endpoint remote) {
        return connected.get(probe.set(protocol, local, remote, 0));
    }

    /** The unconnected UDP socket bound to exactly this address and port, or null. */
    SockState boundUdp(Endpoint local) {
        return boundUdp.get(local);
    }

    /**
     * The unconnected UDP socket bound to a wildcard address on this port that receives traffic
     * for {@code address}: an IPv4 address is also received by a socket bound to {@code ::}
     * (dual-stack, Linux's default).
     */
    SockState wildcardUdp(IpAddress address, int port) {
        if (address.isV4()) {
            SockState s = wildcardUdp.get(wildcardKey(true, port));
            if (s != null) {
                return s;
            }
        }
        return wildcardUdp.get(wildcardKey(false, port));
    }

    private static long wildcardKey(boolean v4, int port) {
        return (v4 ? 0x1_0000L : 0x2_0000L) | port;
    }
}
