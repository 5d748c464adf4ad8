package org.sstop.linux.netlink;

import java.nio.ByteBuffer;
import org.sstop.api.SocketInfo;

/**
 * Turns the kernel's {@code struct tcp_info} counters into transport payload bytes.
 *
 * <p>{@code tcpi_bytes_acked} and {@code tcpi_bytes_received} count sequence space, not payload:
 * the active opener's {@code bytes_acked} includes its SYN, and each side counts a FIN once it is
 * acked (sent side) or received (received side). Measured on Linux 6.18: a client that sent 1000
 * bytes shows {@code bytes_acked} 1001, 1002 after its FIN is acked; the peer shows
 * {@code bytes_received} 1001 after the FIN. So the sent side is derived from
 * {@code bytes_sent - bytes_retrans} (payload transmitted at least once, Linux 4.19+) minus what is
 * still in flight ({@code wqueue - notsent_bytes} = {@code snd_nxt - snd_una}, less a FIN in flight),
 * and never exceeds {@code bytes_acked}. The received side drops the FIN by state. Where the state
 * cannot tell (CLOSE, as in every destroy notification), the lower bound is given: the kernel does
 * not say whether a closed socket received its peer's FIN (a passive closer did; an active closer
 * destroyed before the peer's FIN arrived, or an aborted one, did not), so such a socket's final
 * received count may read one byte low. Never high: sstop does not invent bytes, and the engine's
 * delta against the last live sample (which is exact) then loses nothing.
 *
 * <p>Every field is read only when it lies within the attribute's length ({@code tcp_info} grows
 * across kernels); a field past the end makes the counter {@link SocketInfo#UNKNOWN}.
 */
final class TcpCounters {

    static final int OFF_BYTES_ACKED = 120;
    static final int OFF_BYTES_RECEIVED = 128;
    static final int OFF_NOTSENT_BYTES = 144;
    static final int OFF_BYTES_SENT = 200;
    static final int OFF_BYTES_RETRANS = 208;

    /** Linux TCP state numbers ({@code include/net/tcp_states.h}). */
    static final int FIN_WAIT1 = 4;
    static final int TIME_WAIT = 6;
    static final int CLOSE = 7;
    static final int CLOSE_WAIT = 8;
    static final int LAST_ACK = 9;
    static final int LISTEN = 10;
    static final int CLOSING = 11;

    private TcpCounters() {
    }

    /**
     * Payload bytes sent and acknowledged.
     *
     * @param b buffer in host byte order
     * @param info offset of the tcp_info payload
     * @param len the attribute's payload length
     * @param state the socket's Linux state
     * @param wqueue {@code idiag_wqueue} ({@code write_seq - snd_una}), unsigned
     * @return the count, or {@link SocketInfo#UNKNOWN}
     */
    static long sent(ByteBuffer b, int info, int len, int state, long wqueue) {
        if (len < OFF_BYTES_RETRANS + 8) {
            return SocketInfo.UNKNOWN;
        }
        long acked = b.getLong(info + OFF_BYTES_ACKED);
        long transmitted = b.getLong(info + OFF_BYTES_SENT) - b.getLong(info + OFF_BYTES_RETRANS);
        if (acked < 0 || transmitted < 0) {
            return SocketInfo.UNKNOWN; // beyond 2^63 or retrans > sent: not a kernel's numbers
        }
        long upper = Math.min(acked, transmitted);
        if (state == LISTEN) {
            return upper;
        }
        long notSent = b.getInt(info + OFF_NOTSENT_BYTES) & 0xffff_ffffL;
        long inFlight = wqueue - notSent; // snd_nxt - snd_una, sequence space
        if (inFlight <= 0) {
            return upper;
        }
        long withoutFin = transmitted - inFlight;
        long exact;
        if (state == CLOSE) {
            // Aborted with something in flight: the state no longer says whether our FIN was part
            // of it. bytes_acked = payload + (1 if we opened the connection), and payload is
            // withoutFin or withoutFin + 1: only acked == withoutFin + 2 proves the FIN was in
            // flight; otherwise take the lower bound.
            exact = acked == withoutFin + 2 ? withoutFin + 1 : withoutFin;
        } else {
            // Our FIN is sent but not acked in these states when nothing is left unsent (it is last).
            boolean finInFlight = (state == FIN_WAIT1 || state == CLOSING || state == LAST_ACK) && notSent == 0;
            exact = withoutFin + (finInFlight ? 1 : 0);
        }
        return Math.max(0, Math.min(exact, upper));
    }

    /**
     * Payload bytes received.
     *
     * @param b buffer in host byte order
     * @param info offset of the tcp_info payload
     * @param len the attribute's payload length
     * @param state the socket's Linux state
     * @return the count, or {@link SocketInfo#UNKNOWN}
     */
    static long received(ByteBuffer b, int info, int len, int state) {
        if (len < OFF_BYTES_RECEIVED + 8) {
            return SocketInfo.UNKNOWN;
        }
        long received = b.getLong(info + OFF_BYTES_RECEIVED);
        if (received < 0) {
            return SocketInfo.UNKNOWN;
        }
        boolean finReceived = state == CLOSE_WAIT || state == LAST_ACK || state == CLOSING
                || state == TIME_WAIT || state == CLOSE;
        return finReceived && received > 0 ? received - 1 : received;
    }
}
