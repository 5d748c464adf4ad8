package org.sstop.api;

/**
 * One socket as a {@link SocketSource} sees it.
 *
 * @param cookie an identity stable for the socket's life and unique among the source's live
 *     sockets (Linux: the sock_diag cookie), 0 if the source has none (the engine then tells
 *     sockets apart by protocol, endpoints and {@code ownerKey})
 * @param protocol TCP or UDP
 * @param local the local endpoint
 * @param remote the remote endpoint (wildcard for listening and unconnected sockets)
 * @param state the socket's state
 * @param ownerKey an opaque, non-zero key of the socket for as long as a process holds it, by
 *     which this platform's {@link ProcessMapper} finds that process (Linux: the socket's inode;
 *     macOS: the kernel's socket generation count); 0 when no process holds it any more
 *     (orphaned, TIME_WAIT, destroyed) or when nothing could find its owner. The engine asks the
 *     mapper only about sockets with a key.
 * @param uid the owning user id, or {@link #UNKNOWN}
 * @param pid the owning process id when the source knows it itself (then no mapper is asked),
 *     else {@link #UNKNOWN}
 * @param bytesSent cumulative payload bytes sent and acknowledged, or {@link #UNKNOWN} when the
 *     source has no byte counters for this socket
 * @param bytesReceived cumulative payload bytes received, or {@link #UNKNOWN}
 * @param netns the network namespace of a socket in another namespace than the monitor's own
 *     (Linux: the inode of {@code /proc/<pid>/ns/net}); 0 for the monitor's own namespace, or when
 *     the source cannot tell. Sockets in different namespaces may share a 5-tuple: the engine
 *     keeps them apart by this and pairs loopback peers only within one namespace.
 */
public record SocketInfo(
        long cookie,
        Protocol protocol,
        Endpoint local,
        Endpoint remote,
        SocketState state,
        long ownerKey,
        int uid,
        int pid,
        long bytesSent,
        long bytesReceived,
        long netns) {

    /** Marks an unknown uid, pid or byte counter. */
    public static final int UNKNOWN = -1;

    /** A socket of the monitor's own network namespace (as before {@code netns} existed). */
    public SocketInfo(long cookie, Protocol protocol, Endpoint local, Endpoint remote, SocketState state,
            long ownerKey, int uid, int pid, long bytesSent, long bytesReceived) {
        this(cookie, protocol, local, remote, state, ownerKey, uid, pid, bytesSent, bytesReceived, 0);
    }

    /** Whether the socket lives in another network namespace than the monitor's own. */
    public boolean inOtherNamespace() {
        return netns != 0;
    }

    /** Whether this socket carries its own cumulative byte counters. */
    public boolean hasByteCounters() {
        return bytesSent >= 0 && bytesReceived >= 0;
    }

    /** Whether the source reported the owning process itself. */
    public boolean hasOwner() {
        return pid > 0;
    }
}
