package org.sstop.core;

import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * What the engine remembers about one socket identity between samples. One object per socket
 * for its whole life, updated in place each sample.
 */
final class SockState {

    /** Identity: the cookie, or 0 when the identity is {@link #tupleKey}. */
    final long cookie;
    final TupleKey tupleKey;
    /** The socket as last reported (endpoints, state, inode, counters). */
    SocketInfo info;
    final long firstSeenNanos;
    long lastSeenTick;
    /** Destroyed (reported in {@code closed}) this sample. */
    boolean closed;
    /** Whether the source gives byte counters for it. */
    boolean ownCounters;
    long lastSent;
    long lastReceived;
    /** Bytes of this sample, and the share of them that was loopback (unconnected sockets via flows). */
    long tickUp;
    long tickDown;
    long tickLoopUp;
    long tickLoopDown;
    final TrafficMeter meter = new TrafficMeter(false);
    /** The owning process; kept while the socket lives, even after its inode becomes 0. */
    ProcessEntry owner;
    UnattributedReason reason = UnattributedReason.NO_PROCESS;
    /** Bytes charged as unattributed while it had no owner: handed over if the owner is found later. */
    long unattributedUp;
    long unattributedDown;
    long nextMapNanos;
    int mapAttempts;
    boolean loopback;
    /** The remote host's entry, cached while the socket is connected to it (null otherwise). */
    HostEntry host;
    /** Keys under which it is indexed for flow matching (null when not indexed). */
    TupleKey connectedKey;
    org.sstop.api.Endpoint unconnectedKey;
    long wildcardKey;

    SockState(long cookie, TupleKey tupleKey, SocketInfo info, long nowNanos) {
        this.cookie = cookie;
        this.tupleKey = tupleKey;
        this.info = info;
        this.firstSeenNanos = nowNanos;
    }

    boolean isOpen(long tick) {
        return lastSeenTick == tick && !closed;
    }

    boolean isListening() {
        SocketState s = info.state();
        return s == SocketState.LISTEN
                || s == SocketState.UNCONNECTED && info.remote().isAny() && info.local().port() != 0;
    }

    /** Whether its state lets it move payload (not listening, handshaking, or in TIME_WAIT/CLOSE). */
    boolean canMovePayload() {
        return switch (info.state()) {
            case LISTEN, SYN_SENT, SYN_RECV, NEW_SYN_RECV, TIME_WAIT, CLOSE -> false;
            default -> true;
        };
    }

    boolean isConnected() {
        return !info.remote().isAny() && info.state() != SocketState.LISTEN;
    }
}
