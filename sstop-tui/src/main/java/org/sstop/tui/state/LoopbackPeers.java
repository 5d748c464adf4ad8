package org.sstop.tui.state;

import java.util.HashMap;
import java.util.Map;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.core.SocketStats;
import org.sstop.tui.state.Rows.ConnKey;

/**
 * The other end of a process's connections within this host: for each loopback connection
 * (local L, remote R), the process owning the socket with local R and remote L. One pass over
 * the snapshot's sockets, made only for the process in the detail view. Stateless.
 */
final class LoopbackPeers {

    /** Most connections of one process looked up. */
    static final int MAX_CONNECTIONS = 4_096;

    private LoopbackPeers() {
    }

    /**
     * The peers of a process's loopback connections.
     *
     * @param snapshot the snapshot (its processes' sockets)
     * @param p the process, or null
     * @return each connection's (by its identity) process at the other end; connections without one left out
     */
    static Map<ConnKey, ProcessStats> of(Snapshot snapshot, ProcessStats p) {
        if (snapshot == null || p == null) {
            return Map.of();
        }
        Map<ConnKey, ConnKey> wanted = new HashMap<>(); // the peer socket's identity -> ours
        for (SocketStats c : p.sockets()) {
            if (c.loopback() && !c.remote().isAny() && wanted.size() < MAX_CONNECTIONS) {
                wanted.put(new ConnKey(c.protocol(), c.remote(), c.local()), new ConnKey(c.protocol(), c.local(), c.remote()));
            }
        }
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<ConnKey, ProcessStats> out = new HashMap<>();
        for (ProcessStats q : snapshot.processes()) {
            for (SocketStats c : q.sockets()) {
                if (c.loopback()) {
                    ConnKey mine = wanted.get(new ConnKey(c.protocol(), c.local(), c.remote()));
                    if (mine != null) {
                        out.putIfAbsent(mine, q);
                    }
                }
            }
        }
        return Map.copyOf(out);
    }
}
