package org.sstop.linux.procfs;

import java.nio.ByteOrder;
import java.util.List;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.IpAddressCache;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * Parses the text of {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6}: a pure
 * function over the file's bytes, so that it can be tested on captured fixtures.
 *
 * <p>The kernel prints each address as the hex of its 32-bit words as they lie in memory, i.e. in
 * host byte order per word ({@code 127.0.0.1} is {@code 0100007F} on x86), and ports, states and
 * the uid/inode columns in plain hex/decimal. Lines that do not have that shape are skipped and
 * counted, never thrown on.
 */
final class ProcNetParser {

    /** Tokens we look at: sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode. */
    private static final int TOKENS = 10;
    private static final int UID = 7;
    private static final int INODE = 9;

    private final ByteOrder hostOrder;
    /** Equal addresses of one listing and the next share one instance (the engine keeps them per socket). */
    private final IpAddressCache addresses = new IpAddressCache(256);
    private final int[] starts = new int[TOKENS];
    private final int[] ends = new int[TOKENS];

    /**
     * @param hostOrder the byte order of the host that wrote the text (the address words are
     *     printed in it); {@link ByteOrder#nativeOrder()} for the live system
     */
    ProcNetParser(ByteOrder hostOrder) {
        this.hostOrder = hostOrder;
    }

    /**
     * Parses one file's content.
     *
     * @param text the file's bytes (ASCII)
     * @param length how many bytes of {@code text} are valid
     * @param protocol TCP or UDP (which file this is)
     * @param ipv6 whether it is the {@code 6} variant (32-hex-digit addresses)
     * @param out receives one socket per well-formed line
     * @return how many lines were malformed and skipped (the header line is not counted)
     */
    int parse(byte[] text, int length, Protocol protocol, boolean ipv6, List<SocketInfo> out) {
        return parse(text, length, protocol, ipv6, 0, out);
    }

    /**
     * Parses one file's content of a given network namespace.
     *
     * @param text the file's bytes (ASCII)
     * @param length how many bytes of {@code text} are valid
     * @param protocol TCP or UDP (which file this is)
     * @param ipv6 whether it is the {@code 6} variant (32-hex-digit addresses)
     * @param netns the namespace the file lists, 0 for the monitor's own
     * @param out receives one socket per well-formed line
     * @return how many lines were malformed and skipped (the header line is not counted)
     */
    int parse(byte[] text, int length, Protocol protocol, boolean ipv6, long netns, List<SocketInfo> out) {
        int malformed = 0;
        int limit = Math.min(length, text.length);
        int pos = 0;
        while (pos < limit) {
            int eol = pos;
            while (eol < limit && text[eol] != '\n') {
                eol++;
            }
            if (!isBlankOrHeader(text, pos, eol)) {
                SocketInfo s = parseLine(text, pos, eol, protocol, ipv6, netns);
                if (s == null) {
                    malformed++;
                } else {
                    out.add(s);
                }
            }
            pos = eol + 1;
        }
        return malformed;
    }

    private static boolean isBlankOrHeader(byte[] t, int from, int to) {
        int i = from;
        while (i < to && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r')) {
            i++;
        }
        return i == to || (i + 1 < to && t[i] == 's' && t[i + 1] == 'l');
    }

    private SocketInfo parseLine(byte[] t, int from, int to, Protocol protocol, boolean ipv6, long netns) {
        int n = 0;
        int i = from;
        while (n < TOKENS) {
            while (i < to && (t[i] == ' ' || t[i] == '\t')) {
                i++;
            }
            if (i >= to) {
                return null;
            }
            starts[n] = i;
            while (i < to && t[i] != ' ' && t[i] != '\t' && t[i] != '\r') {
                i++;
            }
            ends[n++] = i;
        }
        Endpoint local = endpoint(t, starts[1], ends[1], ipv6);
        Endpoint remote = endpoint(t, starts[2], ends[2], ipv6);
        long st = hex(t, starts[3], ends[3], 2);
        long uid = decimal(t, starts[UID], ends[UID], 10);
        long inode = decimal(t, starts[INODE], ends[INODE], 18);
        if (local == null || remote == null || st < 0 || uid < 0 || uid > 0xffff_ffffL || inode < 0) {
            return null;
        }
        SocketState state = SocketState.fromLinux((int) st, protocol);
        // Without sock_diag cookies the inode is the identity; 0 (TIME_WAIT, orphans) means none.
        return new SocketInfo(inode, protocol, local, remote, state, inode, (int) uid,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, netns);
    }

    private Endpoint endpoint(byte[] t, int from, int to, boolean ipv6) {
        int digits = ipv6 ? 32 : 8;
        if (to - from != digits + 5 || t[from + digits] != ':') {
            return null;
        }
        long port = hex(t, from + digits + 1, to, 4);
        if (port < 0) {
            return null;
        }
        IpAddress address;
        if (ipv6) {
            long w0 = word(t, from);
            long w1 = word(t, from + 8);
            long w2 = word(t, from + 16);
            long w3 = word(t, from + 24);
            if (w0 < 0 || w1 < 0 || w2 < 0 || w3 < 0) {
                return null;
            }
            address = addresses.of((w0 << 32) | w1, (w2 << 32) | w3);
        } else {
            long w = word(t, from);
            if (w < 0) {
                return null;
            }
            address = addresses.ofV4((int) w);
        }
        return new Endpoint(address, (int) port);
    }

    /** One address word in network order (unsigned), or -1. */
    private long word(byte[] t, int from) {
        long v = hex(t, from, from + 8, 8);
        if (v < 0) {
            return -1;
        }
        int w = (int) v;
        if (hostOrder == ByteOrder.LITTLE_ENDIAN) {
            w = Integer.reverseBytes(w);
        }
        return w & 0xffff_ffffL;
    }

    private static long hex(byte[] t, int from, int to, int maxDigits) {
        if (to <= from || to - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = t[i];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    private static long decimal(byte[] t, int from, int to, int maxDigits) {
        return to - from > maxDigits ? -1 : Decimal.parse(t, from, to);
    }
}
