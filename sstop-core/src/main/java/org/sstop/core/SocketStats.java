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
 */
public record SocketStats(
        Protocol protocol,
        Endpoint local,
        Endpoint remote,
        SocketState state,
        Duration age,
        Traffic traffic,
        boolean loopback,
        boolean counted) {
}
