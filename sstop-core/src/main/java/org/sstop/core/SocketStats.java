package org.sstop.core;

import java.time.Duration;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;

/**
 * One socket of a process.
 *
 * @param protocol TCP or UDP
 * @param local local endpoint
 * @param remote remote endpoint (wildcard when listening or unconnected)
 * @param state socket state
 * @param age how long the monitor has seen it
 * @param traffic its rates and totals
 * @param loopback whether the peer is on this host
 * @param counted whether its bytes are known (false: no byte counters and no flow counter)
 * @param iface the interface its traffic crosses as far as its local address tells (the loopback
 *     interface for a peer on this host, else the interface holding the local address), or
 *     {@code null} when that does not tell (a wildcard address, another network namespace)
 */
public record SocketStats(
        Protocol protocol,
        Endpoint local,
        Endpoint remote,
        SocketState state,
        Duration age,
        Traffic traffic,
        boolean loopback,
        boolean counted,
        String iface) {

    /**
     * A socket whose interface is not known.
     *
     * @param protocol TCP or UDP
     * @param local local endpoint
     * @param remote remote endpoint
     * @param state socket state
     * @param age how long the monitor has seen it
     * @param traffic its rates and totals
     * @param loopback whether the peer is on this host
     * @param counted whether its bytes are known
     */
    public SocketStats(Protocol protocol, Endpoint local, Endpoint remote, SocketState state, Duration age,
            Traffic traffic, boolean loopback, boolean counted) {
        this(protocol, local, remote, state, age, traffic, loopback, counted, null);
    }

    /**
     * Whether it waits for peers rather than talks to one: a TCP listener, or an unconnected socket
     * bound to a port (a UDP server). The process's {@code listening} count is of these, its
     * {@code connections} of the others.
     */
    public boolean listening() {
        return listens(state, local, remote);
    }

    /** The rule of {@link #listening()}, for the engine's sockets too. */
    static boolean listens(SocketState state, Endpoint local, Endpoint remote) {
        return state == SocketState.LISTEN || state == SocketState.UNCONNECTED && remote.isAny() && local.port() != 0;
    }
}
