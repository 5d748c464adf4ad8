package org.sstop.core;

import java.util.Objects;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;

/**
 * Network namespace + protocol + local + remote endpoint (+ owner key for identities): the key of
 * sockets without a cookie and of the 5-tuple index (two namespaces may use the same tuple). Mutable only so that one probe instance
 * can be reused for lookups; keys stored in maps are never changed.
 */
final class TupleKey {

    Protocol protocol;
    Endpoint local;
    Endpoint remote;
    long ownerKey;
    long netns;

    TupleKey() {
    }

    TupleKey(long netns, Protocol protocol, Endpoint local, Endpoint remote, long ownerKey) {
        set(netns, protocol, local, remote, ownerKey);
    }

    TupleKey set(long netns, Protocol protocol, Endpoint local, Endpoint remote, long ownerKey) {
        this.netns = netns;
        this.protocol = protocol;
        this.local = local;
        this.remote = remote;
        this.ownerKey = ownerKey;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TupleKey k
                && ownerKey == k.ownerKey
                && netns == k.netns
                && protocol == k.protocol
                && local.equals(k.local)
                && remote.equals(k.remote);
    }

    @Override
    public int hashCode() {
        int h = protocol.ordinal();
        h = 31 * h + local.hashCode();
        h = 31 * h + remote.hashCode();
        h = 31 * h + Long.hashCode(netns);
        return 31 * h + Long.hashCode(ownerKey);
    }

    @Override
    public String toString() {
        return (netns == 0 ? "" : "netns " + netns + " ") + protocol + " " + local + " -> " + remote + " ownerKey " + ownerKey;
    }
}
