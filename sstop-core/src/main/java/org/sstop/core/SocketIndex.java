package org.sstop.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;

/**
 * Finds live sockets by what a packet flow knows: the 5-tuple of connected sockets (of any network
 * namespace, the namespace being part of the key), and the local address and port of unconnected
 * UDP sockets of the monitor's own namespace (the only one whose packets a flow counter sees),
 * exactly bound or bound to a wildcard. Maintained
 * incrementally by the {@link SocketTracker} as sockets come and go, so a lookup allocates nothing.
 *
 * <p>Several live sockets can share a key (SO_REUSEPORT groups, a new connection on the tuple of one
 * in TIME_WAIT): the newest answers lookups, and when it leaves, the one before it takes over.
 */
final class SocketIndex {

    private static final Endpoint NOWHERE = new Endpoint(IpAddress.ANY_V6, 0);

    private final Map<TupleKey, SockState> connected = new HashMap<>();
    private final Map<TupleKey, SockState> bound = new HashMap<>();
    private final LongObjectMap<SockState> wildcard = new LongObjectMap<>();
    /** The sockets a key's newest one hides, oldest first; only for keys with more than one. */
    private final Map<Object, List<SockState>> hidden = new HashMap<>();
    private final TupleKey probe = new TupleKey();

    void add(SockState s) {
        var info = s.info;
        if (s.isConnected()) {
            TupleKey k = new TupleKey(info.netns(), info.protocol(), info.local(), info.remote(), 0);
            hide(k, connected.put(k, s));
            s.connectedKey = k;
        } else if (isBound(info.protocol(), info.state()) && info.local().port() != 0 && !info.inOtherNamespace()) {
            Endpoint local = info.local();
            if (local.address().isAny()) {
                long key = wildcardKey(info.protocol(), local.address().isV4(), local.port());
                hide(key, wildcard.get(key));
                wildcard.put(key, s);
                s.wildcardKey = key;
            } else {
                TupleKey k = new TupleKey(0, info.protocol(), local, NOWHERE, 0);
                hide(k, bound.put(k, s));
                s.boundKey = k;
            }
        }
    }

    /** Unconnected UDP sockets receive flows by local address; listening TCP sockets move no payload themselves. */
    private static boolean isBound(Protocol p, SocketState state) {
        return p == Protocol.UDP && state == SocketState.UNCONNECTED;
    }

    private void hide(Object key, SockState previous) {
        if (previous != null) {
            hidden.computeIfAbsent(key, k -> new ArrayList<>(2)).add(previous);
        }
    }

    /** The socket that answers for {@code key} after {@code leaving} left it, or null. */
    private SockState successor(Object key, SockState leaving) {
        List<SockState> behind = hidden.get(key);
        if (behind == null) {
            return null;
        }
        behind.remove(leaving); // when it was a hidden one itself
        SockState next = behind.isEmpty() ? null : behind.remove(behind.size() - 1);
        if (behind.isEmpty()) {
            hidden.remove(key);
        }
        return next;
    }

    void remove(SockState s) {
        if (s.connectedKey != null) {
            remove(connected, s.connectedKey, s);
            s.connectedKey = null;
        }
        if (s.boundKey != null) {
            remove(bound, s.boundKey, s);
            s.boundKey = null;
        }
        if (s.wildcardKey != 0) {
            long key = s.wildcardKey;
            if (wildcard.get(key) == s) {
                SockState next = successor(key, s);
                if (next == null) {
                    wildcard.remove(key);
                } else {
                    wildcard.put(key, next);
                }
            } else {
                successor(key, s);
            }
            s.wildcardKey = 0;
        }
    }

    private void remove(Map<TupleKey, SockState> map, TupleKey key, SockState s) {
        if (map.get(key) == s) {
            SockState next = successor(key, s);
            if (next == null) {
                map.remove(key);
            } else {
                map.put(key, next);
            }
        } else {
            successor(key, s);
        }
    }

    void clear() {
        connected.clear();
        bound.clear();
        wildcard.clear();
        hidden.clear();
    }

    /** The connected socket with exactly this tuple in network namespace {@code netns} (0: the monitor's own), or null. */
    SockState connected(long netns, Protocol protocol, Endpoint local, Endpoint remote) {
        return connected.get(probe.set(netns, protocol, local, remote, 0));
    }

    /** The unconnected socket bound to exactly this address and port, or null. */
    SockState bound(Protocol protocol, Endpoint local) {
        return bound.get(probe.set(0, protocol, local, NOWHERE, 0));
    }

    /**
     * The unconnected socket bound to a wildcard address on {@code local}'s port that receives for
     * {@code local}'s address (an IPv4 address is also received by a socket bound to {@code ::}:
     * dual-stack, Linux's default), or null. Such a socket also receives traffic for addresses that
     * are not this host's: callers that care check the address first.
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
