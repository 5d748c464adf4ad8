package org.sstop.core;

import java.util.Objects;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;

/**
 * Protocol + local + remote endpoint (+ owner key for identities): the key of sockets without a
 * cookie and of the 5-tuple index the flow matcher uses. Mutable only so that one probe instance
 * can be reused for lookups; keys stored in maps are never changed.
 */
final class TupleKey {

    Protocol protocol;
    Endpoint local;
    Endpoint remote;
    long ownerKey;

    TupleKey() {
    }

    TupleKey(Protocol protocol, Endpoint local, Endpoint remote, long ownerKey) {
        set(protocol, local, remote, ownerKey);
    }

    TupleKey set(Protocol protocol, Endpoint local, Endpoint remote, long ownerKey) {
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
                && protocol == k.protocol
                && local.equals(k.local)
                && remote.equals(k.remote);
    }

    @Override
    public int hashCode() {
        int h = protocol.ordinal();
        h = 31 * h + local.hashCode();
        h = 31 * h + remote.hashCode();
        return 31 * h + Long.hashCode(ownerKey);
    }

    @Override
    public String toString() {
        return Objects.toString(protocol) + " " + local + " -> " + remote + " ownerKey " + ownerKey;
    }
}
