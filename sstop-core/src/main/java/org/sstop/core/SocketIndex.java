package org.sstop.core;

import java.util.HashMap;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;

/**
 * Finds live sockets by what a packet flow knows: the 5-tuple of connected sockets, and the local
 * address and port of unconnected UDP sockets, exactly bound or bound to a wildcard. Maintained incrementally by the
 * {@link SocketTracker} as sockets come and go, so a lookup allocates nothing.
 */
final class SocketIndex {

    private final Map<TupleKey, SockState> connected = new HashMap<>();
    private final Map<TupleKey, SockState> bound = new HashMap<>();
    private final LongObjectMap<SockState> wildcard = new LongObjectMap<>();
    private final TupleKey probe = new TupleKey();
    private static final Endpoint NOWHERE = new Endpoint(IpAddress.ANY_V6, 0);

    void add(SockState s) {
        var info = s.info;
        if (s.isConnected()) {
            // The newest socket on a key wins (an identity that changed, SO_REUSEPORT twins);
            // removal below only removes a key that still points at the leaving socket.
            TupleKey k = new TupleKey(info.protocol(), info.local(), info.remote(), 0);
            connected.put(k, s);
            s.connectedKey = k;
        } else if (isBound(info.protocol(), info.state()) && info.local().port() != 0) {
            Endpoint local = info.local();
            if (local.address().isAny()) {
                long key = wildcardKey(info.protocol(), local.address().isV4(), local.port());
                wildcard.put(key, s);
                s.wildcardKey = key;
            } else {
                TupleKey k = new TupleKey(info.protocol(), local, NOWHERE, 0);
                bound.put(k, s);
                s.boundKey = k;
            }
        }
    }

    /** Unconnected UDP sockets receive flows by local address; listening TCP sockets move no payload themselves. */
    private static boolean isBound(Protocol p, SocketState state) {
        return p == Protocol.UDP && state == SocketState.UNCONNECTED;
    }

    void remove(SockState s) {
        if (s.connectedKey != null) {
            connected.remove(s.connectedKey, s);
            s.connectedKey = null;
        }
        if (s.boundKey != null) {
            bound.remove(s.boundKey, s);
            s.boundKey = null;
        }
        if (s.wildcardKey != 0) {
            if (wildcard.get(s.wildcardKey) == s) {
                wildcard.remove(s.wildcardKey);
            }
            s.wildcardKey = 0;
        }
    }

    void clear() {
        connected.clear();
        bound.clear();
        wildcard.clear();
    }

    /** The connected socket with exactly this tuple, or null. */
    SockState connected(Protocol protocol, Endpoint local, Endpoint remote) {
        return connected.get(probe.set(protocol, local, remote, 0));
    }

    /** The unconnected socket bound to exactly this address and port, or null. */
    SockState bound(Protocol protocol, Endpoint local) {
        return bound.get(probe.set(protocol, local, NOWHERE, 0));
    }

    /**
     * The unconnected socket bound to a wildcard address on {@code local}'s
     * port that receives for {@code local}'s address (an IPv4 address is also received by a socket
     * bound to {@code ::}: dual-stack, Linux's default), or null. Such a socket also receives
     * traffic for addresses that are not this host's: callers that care check the address first.
     */
    SockState wildcard(Protocol protocol, Endpoint local) {
        int port = local.port();
        if (local.address().isV4()) {
            SockState s = wildcard.get(wildcardKey(protocol, true, port));
            if (s != null) {
                return s;
            }
        }
        return wildcard.get(wildcardKey(protocol, false, port));
    }

    private static long wildcardKey(Protocol protocol, boolean v4, int port) {
        return (protocol == Protocol.UDP ? 0x10_0000L : 0x20_0000L) | (v4 ? 0x1_0000L : 0x2_0000L) | port;
    }
}
