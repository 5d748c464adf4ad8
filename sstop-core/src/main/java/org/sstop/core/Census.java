package org.sstop.core;

import java.util.ArrayList;
import java.util.List;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;

/**
 * Counts what is open at the end of a sample: each process's sockets, connections and listening
 * sockets, each host's connections and processes, the listening sockets, the open sockets still
 * without an owner, and which sockets have no byte counters. Writes the per-sample fields of
 * {@link ProcessEntry} and {@link HostEntry} (reset by their tables first); its own results are
 * valid until the next count.
 */
final class Census {

    private final HostTable hosts;
    private final List<SockState> listening = new ArrayList<>();
    private int unowned;
    private int uncounted;
    private int uncountedElsewhere;
    private boolean kernelCounted;
    private int tcpWithCounters;
    private int tcpWithoutCounters;
    private boolean flowsCounted;

    Census(HostTable hosts) {
        this.hosts = hosts;
    }

    /**
     * Counts the open sockets.
     *
     * @param sockets the tracker's sockets (closed ones are skipped)
     * @param flowsCounted whether a flow counter runs (sockets of the monitor's own network
     *     namespace without counters of their own are then counted from packets)
     * @param kernelCounted whether a kernel traffic counter counts (every socket of every namespace)
     */
    void count(List<SockState> sockets, long tick, boolean flowsCounted, boolean kernelCounted) {
        this.flowsCounted = flowsCounted;
        this.kernelCounted = kernelCounted;
        listening.clear();
        unowned = 0;
        uncounted = 0;
        uncountedElsewhere = 0;
        tcpWithCounters = 0;
        tcpWithoutCounters = 0;
        for (int i = 0, n = sockets.size(); i < n; i++) {
            SockState s = sockets.get(i);
            if (!s.isOpen(tick)) {
                continue;
            }
            ProcessEntry owner = s.owner;
            boolean listens = s.isListening();
            if (listens) {
                listening.add(s);
            }
            if (owner == null && s.isHeld()) {
                unowned++;
            }
            if (!counted(s)) {
                if (flowsCounted) {
                    uncountedElsewhere++;
                } else {
                    uncounted++;
                }
            }
            if (s.info.protocol() == Protocol.TCP && s.canMovePayload() && !s.info.inOtherNamespace()) {
                if (s.ownCounters) {
                    tcpWithCounters++;
                } else {
                    tcpWithoutCounters++;
                }
            }
            HostEntry host = hosts.peerOf(s);
            if (host != null) {
                if (s.info.state() != SocketState.TIME_WAIT) { // a closed connection's remains, held by no process
                    host.connections++;
                }
                if (owner != null) {
                    host.pid(owner.pid);
                }
            }
            if (owner != null) {
                owner.sockets.add(s);
                if (listens) {
                    owner.listening++;
                } else {
                    owner.connections++;
                }
                if (s.isHeld()) {
                    owner.heldSockets++;
                }
            }
        }
    }

    /** Listening TCP and bound, unconnected UDP sockets. */
    List<SockState> listening() {
        return listening;
    }

    /** Open sockets a mapper could find an owner for that have none yet: the next sample maps again. */
    int unowned() {
        return unowned;
    }

    /** Whether something counts {@code s}'s bytes: its own counters, a kernel counter, or (in the monitor's own namespace) a flow counter. */
    boolean counted(SockState s) {
        return s.ownCounters || kernelCounted || flowsCounted && !s.info.inOtherNamespace();
    }

    /** Open sockets whose bytes nothing counts (no counters of their own, no flow counter). */
    int uncounted() {
        return uncounted;
    }

    /** Open sockets of other network namespaces whose bytes nothing counts (the flow counter sees only the monitor's own). */
    int uncountedElsewhere() {
        return uncountedElsewhere;
    }

    /**
     * Whether a flow counter needs to count TCP: some TCP socket of the monitor's own namespace
     * that can move payload has no counters of its own, or no TCP socket has any (a source without
     * TCP counters at all).
     */
    boolean tcpNeedsFlows() {
        return tcpWithoutCounters > 0 || tcpWithCounters == 0;
    }
}
