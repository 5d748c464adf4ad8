package org.sstop.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.IpAddress;

/**
 * Remote hosts by network namespace and address (two namespaces may reach different hosts at the
 * same address). Entries are created by the {@link Accountant} and the {@link Census} when bytes
 * or a connection to a host appear, and dropped once a host has had no connection and no traffic
 * for the retention time.
 */
final class HostTable {

    /** The monitor's own namespace, looked up without a key object (flows and most sockets). */
    private final Map<IpAddress, HostEntry> own = new HashMap<>();
    private final Map<Long, Map<IpAddress, HostEntry>> others = new HashMap<>();
    private final List<HostEntry> all = new ArrayList<>();
    private final long retentionNanos;

    HostTable(long retentionNanos) {
        this.retentionNanos = retentionNanos;
    }

    /** The host at {@code address} as seen from namespace {@code netns} (0: the monitor's own). */
    HostEntry get(long netns, IpAddress address) {
        Map<IpAddress, HostEntry> hosts = netns == 0 ? own : others.computeIfAbsent(netns, k -> new HashMap<>());
        HostEntry h = hosts.get(address);
        if (h == null) {
            h = new HostEntry(netns, address);
            hosts.put(address, h);
            all.add(h);
        }
        return h;
    }

    /** The entry of a connected, non-loopback socket's peer, cached on the socket; else null. */
    HostEntry peerOf(SockState s) {
        if (s.host == null) {
            s.host = peer(s);
        }
        return s.loopback || !s.isConnected() ? null : s.host;
    }

    /** The entry of a connected, non-loopback socket's peer, not cached (a socket that leaves); else null. */
    HostEntry peer(SockState s) {
        return s.loopback || !s.isConnected() ? null : get(s.info.netns(), s.info.remote().address());
    }

    Collection<HostEntry> all() {
        return all;
    }

    void resetSample() {
        for (int i = 0, n = all.size(); i < n; i++) {
            all.get(i).resetSample();
        }
    }

    void commit(SampleTime t) {
        for (int i = 0, n = all.size(); i < n; i++) {
            all.get(i).meter.commit(t);
        }
    }

    /** Drops hosts without a connection that have been quiet for the retention time. */
    void expire(SampleTime t) {
        all.removeIf(h -> {
            boolean expired = h.connections == 0 && t.toNanos() - h.meter.lastActiveNanos() >= retentionNanos;
            if (expired) {
                Map<IpAddress, HostEntry> hosts = h.netns == 0 ? own : others.get(h.netns);
                hosts.remove(h.address);
                if (hosts.isEmpty() && h.netns != 0) {
                    others.remove(h.netns);
                }
            }
            return expired;
        });
    }
}
