package org.sstop.core;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.sstop.api.IpAddress;

/**
 * Remote hosts by address. Entries are created by the {@link Accountant} and the {@link Census}
 * when bytes or a connection to a host appear, and dropped once a host has had no connection and no traffic for the retention
 * time.
 */
final class HostTable {

    private final Map<IpAddress, HostEntry> byAddress = new HashMap<>();
    private final long retentionNanos;

    HostTable(long retentionNanos) {
        this.retentionNanos = retentionNanos;
    }

    HostEntry get(IpAddress address) {
        HostEntry h = byAddress.get(address);
        if (h == null) {
            h = new HostEntry(address);
            byAddress.put(address, h);
        }
        return h;
    }

    /** The entry of a connected, non-loopback socket's peer, cached on the socket; else null. */
    HostEntry peerOf(SockState s) {
        if (s.loopback || !s.isConnected()) {
            return null;
        }
        if (s.host == null) {
            s.host = get(s.info.remote().address());
        }
        return s.host;
    }

    Collection<HostEntry> all() {
        return byAddress.values();
    }

    void resetSample() {
        for (HostEntry h : byAddress.values()) {
            h.resetSample();
        }
    }

    void commit(SampleTime t) {
        for (HostEntry h : byAddress.values()) {
            h.meter.commit(t);
        }
    }

    /** Drops hosts without a connection that have been quiet for the retention time. */
    void expire(SampleTime t) {
        byAddress.values().removeIf(h -> h.connections == 0 && t.toNanos() - h.meter.lastActiveNanos() >= retentionNanos);
    }
}
