package org.sstop.macos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * Parses the socket list of macOS {@code netstat -a -n -v -b -l -p tcp|udp}: a pure function
 * over the text.
 *
 * <p>Columns are found through the {@code Proto} header line, because the layout changed across
 * releases: {@code -b} adds {@code rxbytes txbytes}; {@code -v} adds {@code rhiwat shiwat pid epid
 * state options} (macOS 10.x/11), then also {@code gencnt flags flags1 usecnt rtncnt fltrs}, and
 * current releases replace {@code pid epid} by one {@code process:pid} column whose name part may
 * contain spaces. Fields are split on whitespace; UDP rows have no TCP state, so one field fewer.
 *
 * <p><b>Identity.</b> netstat prints no inode or cookie. Where the {@code gencnt} column exists
 * (the socket's generation count: the kernel numbers sockets as it creates them, never reusing a
 * number) it is the cookie. Otherwise the cookie is a 64-bit hash of protocol and 4-tuple; two
 * live sockets on the same tuple (several {@code *.5353} UDP listeners) are told apart by their
 * order of appearance. Such a cookie follows the tuple, not the socket: a new socket on the same
 * tuple shows up as a counter that went down. The same value is the socket's owner key: the
 * identity by which {@link LsofProcessMapper} remembers a socket it looked up by its tuple.
 *
 * <p><b>Owner.</b> The {@code process:pid} column (or, in older layouts, the numeric {@code pid}
 * column: the last process that used the socket) gives the pid without lsof and without root.
 *
 * <p><b>Cut IPv6 addresses.</b> Without {@code -l}, netstat prints at most 16 characters of an IPv6
 * host (12 with {@code -A}), so {@code 2601:646:8d80::1b2c:3d4e} comes out as
 * {@code 2601:646:8d80::1}: still an address, the wrong one. The header tells the layouts apart
 * (with {@code -l} the address columns are 45 wide, else 22 or 18), and in a narrow layout an IPv6
 * host of exactly the cut width is refused (the line counts as bad) rather than guessed.
 */
final class NetstatSocketParser {

    private NetstatSocketParser() {
    }

    /** Column positions found in a header line. */
    private static final class Layout {
        int stateCol = -1;          // index of "(state)" in the header fields
        int after;                  // number of columns after "(state)"
        int rx = -1;                // offsets after "(state)"
        int tx = -1;
        int pid = -1;
        boolean processPid;
        int gencnt = -1;
        int leading;                // -A adds "Socket Flowhash" before Proto
        int cutV6 = 16;             // IPv6 hosts of this length may be cut; 0 in the wide (-l) layout
    }

    /**
     * Parses one or more netstat socket tables.
     *
     * @param text the command output
     * @return the sockets, and how many data lines were malformed
     */
    public static ParseResult<SocketInfo> parse(String text) {
        List<SocketInfo> out = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        int bad = 0;
        Layout layout = null;
        Tokens tokens = new Tokens();
        Lines lines = Lines.of(text);
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("Active ") || s.startsWith("Current listen") || s.startsWith("Some ")) {
                continue;
            }
            Tokens t = tokens.reset(line);
            if (isHeader(t)) {
                layout = layout(t);
                continue;
            }
            if (layout == null || t.size() <= layout.leading) {
                bad++;
                continue;
            }
            SocketInfo info = row(t, layout, seen);
            if (info == null) {
                bad++;
            } else {
                out.add(info);
            }
        }
        return new ParseResult<>(out, bad + lines.overlong());
    }

    private static boolean isHeader(Tokens t) {
        for (int i = 0; i < Math.min(3, t.size()); i++) {
            if (t.get(i).equals("Proto")) {
                return true;
            }
        }
        return false;
    }

    private static Layout layout(Tokens t) {
        List<String> cols = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            String f = t.get(i);
            if (f.equals("Address") && !cols.isEmpty()
                    && (cols.get(cols.size() - 1).equals("Local") || cols.get(cols.size() - 1).equals("Foreign"))) {
                cols.set(cols.size() - 1, cols.get(cols.size() - 1) + " Address");
            } else {
                cols.add(f);
            }
        }
        Layout l = new Layout();
        l.leading = Math.max(0, cols.indexOf("Proto"));
        l.cutV6 = wideAddresses(t) ? 0 : l.leading > 0 ? 12 : 16;
        l.stateCol = cols.indexOf("(state)");
        if (l.stateCol < 0) {
            l.stateCol = cols.indexOf("Foreign Address") + 1;
        }
        List<String> tail = cols.subList(Math.min(l.stateCol + 1, cols.size()), cols.size());
        l.after = tail.size();
        l.rx = tail.indexOf("rxbytes");
        l.tx = tail.indexOf("txbytes");
        l.pid = tail.indexOf("process:pid");
        l.processPid = l.pid >= 0;
        if (!l.processPid) {
            l.pid = tail.indexOf("pid");
        }
        l.gencnt = tail.indexOf("gencnt");
        return l;
    }

    /** Whether the header's address columns are the 45-wide ones of {@code -l} (22 or 18 without it). */
    private static boolean wideAddresses(Tokens t) {
        int local = -1;
        int foreign = -1;
        for (int i = 0; i < t.size(); i++) {
            String f = t.get(i);
            if (f.equals("Local") && local < 0) {
                local = t.start(i);
            } else if (f.equals("Foreign") && foreign < 0) {
                foreign = t.start(i);
            }
        }
        return local >= 0 && foreign - local >= 40;
    }

    /** Whether a netstat IPv6 endpoint's host may have been cut to the column width. */
    private static boolean maybeCut(String endpoint, Layout l) {
        int dot = endpoint.lastIndexOf('.');
        return l.cutV6 > 0 && dot == l.cutV6 && endpoint.indexOf(':') >= 0;
    }

    private static SocketInfo row(Tokens t, Layout l, Map<Long, Integer> seen) {
        int p = l.leading;
        String proto = t.get(p);
        Protocol protocol;
        if (proto.startsWith("tcp")) {
            protocol = Protocol.TCP;
        } else if (proto.startsWith("udp")) {
            protocol = Protocol.UDP;
        } else {
            return null;
        }
        boolean v6 = proto.indexOf('6', 3) >= 0;
        boolean tcp = protocol == Protocol.TCP;
        // Fields before the extra columns: Proto Recv-Q Send-Q Local Foreign [state].
        int base = p + (tcp ? 6 : 5);
        int expected = base + l.after;
        int n = t.size();
        if (l.processPid ? n < expected : n != expected) {
            return null;
        }
        if (Endpoints.parseCount(t.get(p + 1)) < 0 || Endpoints.parseCount(t.get(p + 2)) < 0) {
            return null;
        }
        if (v6 && (maybeCut(t.get(p + 3), l) || maybeCut(t.get(p + 4), l))) {
            return null; // refused rather than guessed
        }
        Endpoint local = Endpoints.netstat(t.get(p + 3), v6);
        Endpoint remote = Endpoints.netstat(t.get(p + 4), v6);
        if (local == null || remote == null) {
            return null;
        }
        SocketState state;
        if (tcp) {
            state = TcpStates.of(t.get(p + 5));
        } else {
            state = remote.isAny() ? SocketState.UNCONNECTED : SocketState.ESTABLISHED;
        }
        long rx = SocketInfo.UNKNOWN;
        long tx = SocketInfo.UNKNOWN;
        if (l.rx >= 0 && l.tx >= 0) {
            rx = Endpoints.parseCount(t.get(col(l, l.rx, base, n)));
            tx = Endpoints.parseCount(t.get(col(l, l.tx, base, n)));
            if (rx < 0 || tx < 0) {
                return null;
            }
        }
        int pid = SocketInfo.UNKNOWN;
        if (l.pid >= 0) {
            pid = l.processPid ? processPid(t, base + l.pid, n - (l.after - l.pid)) : pid(t.get(col(l, l.pid, base, n)));
            if (pid <= 0) {
                pid = SocketInfo.UNKNOWN;
            }
        }
        long cookie = 0;
        if (l.gencnt >= 0) {
            cookie = parseHex(t.get(col(l, l.gencnt, base, n)));
        }
        if (cookie <= 0) {
            cookie = tupleCookie(protocol, local, remote, seen);
        }
        return new SocketInfo(cookie, protocol, local, remote, state, cookie, SocketInfo.UNKNOWN, pid, tx, rx);
    }

    /** The field index of extra column {@code c}: counted from the front up to process:pid, from the end after it. */
    private static int col(Layout l, int c, int base, int n) {
        if (l.processPid && c > l.pid) {
            return n - (l.after - c);
        }
        return base + c;
    }

    /** A pid column: a number 1 to {@link Integer#MAX_VALUE}, else -1 (never cast: 4294967297 is not pid 1). */
    private static int pid(String field) {
        long pid = Endpoints.parseCount(field);
        return pid > 0 && pid <= Integer.MAX_VALUE ? (int) pid : -1;
    }

    /** The pid of a {@code name:pid} value spanning fields {@code from..to}; the name may hold spaces and colons. */
    private static int processPid(Tokens t, int from, int to) {
        if (to < from) {
            return -1;
        }
        String v = t.span(from, to);
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            return -1;
        }
        return pid(v.substring(colon + 1));
    }

    /**
     * The process name of a {@code process:pid} row, for tests and diagnostics.
     *
     * @param line one data line of a layout with {@code process:pid}
     * @param header its header line
     * @return the name, or null
     */
    static String processName(String header, String line) {
        Layout l = layout(new Tokens(header));
        Tokens t = new Tokens(line);
        if (!l.processPid || t.size() <= l.leading) {
            return null;
        }
        boolean tcp = t.get(l.leading).startsWith("tcp");
        int base = l.leading + (tcp ? 6 : 5);
        int to = t.size() - (l.after - l.pid);
        if (to < base + l.pid) {
            return null;
        }
        String v = t.span(base + l.pid, to);
        int colon = v.lastIndexOf(':');
        return colon < 0 ? null : v.substring(0, colon);
    }

    private static long parseHex(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** FNV-1a over protocol and tuple, kept positive and nonzero; repeats of a tuple get their ordinal mixed in. */
    static long tupleCookie(Protocol protocol, Endpoint local, Endpoint remote, Map<Long, Integer> seen) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, protocol.ordinal());
        h = mix(h, local.address().high());
        h = mix(h, local.address().low());
        h = mix(h, local.port());
        h = mix(h, remote.address().high());
        h = mix(h, remote.address().low());
        h = mix(h, remote.port());
        int ordinal = seen.merge(h, 1, Integer::sum) - 1;
        if (ordinal > 0) {
            h = mix(h, ordinal);
        }
        h &= Long.MAX_VALUE;
        return h == 0 ? 1 : h;
    }

    private static long mix(long h, long v) {
        for (int i = 0; i < 8; i++) {
            h ^= (v >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
