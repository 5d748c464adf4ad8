package org.sstop.core;

import org.sstop.api.Endpoint;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * What the engine remembers about one socket identity between samples: one object for the
 * socket's whole life. Each group of fields has one writer, all on the sampling thread:
 * <ul>
 *   <li>identity, the last report, counters' baseline, open/closed and the loopback mark:
 *       {@link SocketTracker};</li>
 *   <li>the index keys: {@link SocketIndex};</li>
 *   <li>the owner, why it has none, and when to ask again: {@link ProcessTable};</li>
 *   <li>the meter, the cached host and the bytes charged while it had no owner: {@link Accountant}
 *       (the meter is committed by the {@link Engine}).</li>
 * </ul>
 */
final class SockState {

    /** Identity: the cookie, or 0 when the identity is {@link #tupleKey}. */
    final long cookie;
    final TupleKey tupleKey;
    final long firstSeenNanos;

    /** The socket as last reported (endpoints, state, owner key, counters). */
    SocketInfo info;
    long lastSeenTick;
    /** Destroyed (reported in {@code closed}) this sample. */
    boolean closed;
    /** Whether the source gives byte counters for it (once it did, always: see SocketTracker). */
    boolean ownCounters;
    long lastSent;
    long lastReceived;
    /**
     * Whether its close notification's counters are all that will count its bytes: a TIME_WAIT
     * entry first listed after the baseline, without counters, while no kernel counter ran (its
     * process shut it down and holds it after the peer closed: dumps list only that entry).
     */
    boolean lifeUncounted;
    /** Whether the peer is on this host: its traffic counts for both ends, not in system totals. */
    boolean loopback;

    TupleKey connectedKey;
    TupleKey boundKey;
    long wildcardKey;

    /** The owning process; kept while the socket lives, even after its owner key becomes 0. */
    ProcessEntry owner;
    /** The owner key under which the process table remembers the owner (0: none). */
    long mappedKey;
    UnattributedReason reason = UnattributedReason.NO_PROCESS;
    long nextMapNanos;
    int mapAttempts;

    final TrafficMeter meter = new TrafficMeter(false);
    /**
     * With a kernel counter: the process whose rate holds this socket's, and so sheds it when the
     * socket leaves. Where the counter says which process moved the socket's bytes, the last one
     * that did; otherwise its owner in the first sample that counted bytes for it with an owner
     * known, where that owner's count covered them; null where no process's rate holds it.
     * Written by the {@link Accountant}, as is whether it has been decided.
     */
    ProcessEntry rateHolder;
    boolean rateHolderDecided;
    /** The remote host's entry, cached while the socket is connected to it (null otherwise). */
    HostEntry host;
    /** Bytes charged as unattributed while it had no owner, for an owner found late; null until some are. */
    Unclaimed unclaimed;

    SockState(long cookie, TupleKey tupleKey, SocketInfo info, long nowNanos) {
        this.cookie = cookie;
        this.tupleKey = tupleKey;
        this.info = info;
        this.firstSeenNanos = nowNanos;
    }

    boolean isOpen(long tick) {
        return lastSeenTick == tick && !closed;
    }

    /** Whether a process holds it in a way a mapper can find (its source names the owner, or it has an owner key). */
    boolean isHeld() {
        return info.ownerKey() > 0 || info.hasOwner();
    }

    boolean isListening() {
        return SocketStats.listens(info.state(), info.local(), info.remote());
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
