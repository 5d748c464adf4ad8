package org.sstop.api;

/**
 * Traffic of one flow counted from packets since the previous {@link FlowCounter#drain()}.
 *
 * <p>The local side is the one on this host: {@code bytesOut} left from {@code local} to
 * {@code remote}, {@code bytesIn} arrived at {@code local} from {@code remote}. For a
 * {@code loopback} flow both ends are on this host and each packet was counted once: the engine
 * credits {@code bytesOut} as upload to the socket at {@code local} and as download to the socket
 * at {@code remote}, and the reverse for {@code bytesIn}.
 *
 * @param protocol TCP or UDP
 * @param local the endpoint on this host
 * @param remote the peer endpoint
 * @param bytesOut transport payload bytes sent from local to remote
 * @param bytesIn transport payload bytes received at local from remote
 * @param packetsOut packets sent
 * @param packetsIn packets received
 * @param loopback whether both ends are on this host (seen on a loopback interface)
 */
public record FlowDelta(
        Protocol protocol,
        Endpoint local,
        Endpoint remote,
        long bytesOut,
        long bytesIn,
        long packetsOut,
        long packetsIn,
        boolean loopback) {
}
