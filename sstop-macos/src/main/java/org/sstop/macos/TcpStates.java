package org.sstop.macos;

import java.util.Locale;
import org.sstop.api.SocketState;

/** Maps the TCP state names of netstat ({@code tcpstates[]} of BSD {@code tcp_fsm.h}) and nettop to {@link SocketState}. */
final class TcpStates {

    private TcpStates() {
    }

    /**
     * @param name e.g. {@code ESTABLISHED}, {@code FIN_WAIT_1}, {@code SYN_RCVD} (netstat) or
     *     {@code Established}, {@code FinWait1}, {@code SynReceived} (nettop)
     * @return the state; {@link SocketState#UNKNOWN} for a name it does not know (netstat prints
     *     an out-of-range state as a number)
     */
    static SocketState of(String name) {
        String n = name.replace("_", "").toUpperCase(Locale.ROOT);
        switch (n) {
            case "ESTABLISHED": return SocketState.ESTABLISHED;
            case "LISTEN": return SocketState.LISTEN;
            case "SYNSENT": return SocketState.SYN_SENT;
            case "SYNRCVD":
            case "SYNRECEIVED": return SocketState.SYN_RECV;
            case "FINWAIT1": return SocketState.FIN_WAIT1;
            case "FINWAIT2": return SocketState.FIN_WAIT2;
            case "TIMEWAIT": return SocketState.TIME_WAIT;
            case "CLOSED": return SocketState.CLOSE;
            case "CLOSEWAIT": return SocketState.CLOSE_WAIT;
            case "LASTACK": return SocketState.LAST_ACK;
            case "CLOSING": return SocketState.CLOSING;
            default: return SocketState.UNKNOWN;
        }
    }
}
