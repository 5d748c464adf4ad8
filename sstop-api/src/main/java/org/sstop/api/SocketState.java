package org.sstop.api;

/**
 * Socket state. TCP sockets use the TCP states; UDP sockets are {@link #ESTABLISHED} when
 * connected and {@link #UNCONNECTED} otherwise.
 */
public enum SocketState {
    /** Connected (TCP established, or a connected UDP socket). */
    ESTABLISHED,
    /** TCP SYN sent. */
    SYN_SENT,
    /** TCP SYN received. */
    SYN_RECV,
    /** TCP FIN_WAIT1. */
    FIN_WAIT1,
    /** TCP FIN_WAIT2. */
    FIN_WAIT2,
    /** TCP TIME_WAIT. */
    TIME_WAIT,
    /** TCP CLOSE. */
    CLOSE,
    /** TCP CLOSE_WAIT. */
    CLOSE_WAIT,
    /** TCP LAST_ACK. */
    LAST_ACK,
    /** Listening TCP socket. */
    LISTEN,
    /** TCP CLOSING. */
    CLOSING,
    /** TCP request socket (Linux NEW_SYN_RECV). */
    NEW_SYN_RECV,
    /** An unconnected (bound or unbound) UDP socket: it may talk to many peers. */
    UNCONNECTED,
    /** A state this source could not name. */
    UNKNOWN;

    /** Linux kernel numbering ({@code include/net/tcp_states.h}): 1 = ESTABLISHED ... 12 = NEW_SYN_RECV. */
    private static final SocketState[] LINUX = {
        UNKNOWN, ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE,
        CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING, NEW_SYN_RECV
    };

    /**
     * Maps a Linux TCP state number to a state.
     *
     * @param linuxState the kernel's state number
     * @param protocol the socket's protocol: for UDP, anything but 1 (connected) is {@link #UNCONNECTED}
     * @return the state, {@link #UNKNOWN} for an out-of-range number
     */
    public static SocketState fromLinux(int linuxState, Protocol protocol) {
        if (protocol == Protocol.UDP) {
            return linuxState == 1 ? ESTABLISHED : UNCONNECTED;
        }
        return linuxState > 0 && linuxState < LINUX.length ? LINUX[linuxState] : UNKNOWN;
    }
}
