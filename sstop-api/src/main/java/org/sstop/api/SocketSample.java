package org.sstop.api;

import java.util.List;

/**
 * What one {@link SocketSource#sample()} call returns.
 *
 * @param sockets the sockets alive now
 * @param closed sockets destroyed since the previous call, with their final counters, as far as
 *     the source can tell (Linux: sock_diag destroy notifications; their inode is 0, so the engine
 *     maps them by cookie); empty for sources that cannot see closes
 * @param closedEventsLost close notifications the source knows it missed since the previous call
 *     (e.g. a full notification buffer); their bytes since the last sample are unattributed
 */
public record SocketSample(List<SocketInfo> sockets, List<SocketInfo> closed, long closedEventsLost) {

    /** Copies the lists. */
    public SocketSample {
        sockets = List.copyOf(sockets);
        closed = List.copyOf(closed);
    }

    /** A sample with live sockets only. */
    public static SocketSample of(List<SocketInfo> sockets) {
        return new SocketSample(sockets, List.of(), 0);
    }
}
