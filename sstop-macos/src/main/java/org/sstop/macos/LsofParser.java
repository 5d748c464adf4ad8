package org.sstop.macos;

import java.util.ArrayList;
import java.util.List;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

/**
 * Parses {@code lsof -i -n -P +c 0 -F pcRuLftPnT} output: one field per line, the first
 * character names it ({@code p} pid, {@code c} command, {@code R} ppid, {@code u} uid,
 * {@code L} login, {@code f} fd, {@code t} type, {@code P} protocol, {@code n} addresses,
 * {@code T} TCP info such as {@code TST=ESTABLISHED}). A {@code p} line starts a process set, an
 * {@code f} line a file set within it. Names arrive with lsof's {@code \xHH} escapes; they are
 * decoded and then treated as untrusted ({@link Text}). A pure function over the text.
 */
final class LsofParser {

    private LsofParser() {
    }

    /**
     * Parses lsof field output.
     *
     * @param text the output
     * @return the TCP and UDP sockets, and the count of lines that could not be understood
     *     (unknown field letters, bad numbers, unparsable addresses)
     */
    public static ParseResult<LsofSocket> parse(String text) {
        List<LsofSocket> out = new ArrayList<>();
        int bad = 0;
        int pid = -1;
        int ppid = 0;
        String command = "";
        int uid = -1;
        String login = "";
        File f = null;
        Lines lines = Lines.of(text);
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            char k = line.charAt(0);
            String v = line.substring(1);
            switch (k) {
                case 'p' -> {
                    bad += finish(f, pid, ppid, command, uid, login, out);
                    f = null;
                    long p = Endpoints.parseCount(v);
                    pid = p > 0 && p <= Integer.MAX_VALUE ? (int) p : -1;
                    if (pid < 0) {
                        bad++;
                    }
                    ppid = 0;
                    command = "";
                    uid = -1;
                    login = "";
                }
                case 'g', 'K', 'k', 'a', 'l', 'D', 'd', 'i', 'o', 's', 'S', 'G', 'N', 'Z' -> {
                    // Known fields sstop does not use.
                }
                case 'R' -> {
                    long p = Endpoints.parseCount(v);
                    if (p >= 0 && p <= Integer.MAX_VALUE) {
                        ppid = (int) p;
                    } else {
                        bad++;
                    }
                }
                case 'c' -> command = Text.lsofDecode(v);
                case 'u' -> {
                    long u = Endpoints.parseCount(v);
                    if (u >= 0 && u <= 0xffff_ffffL) {
                        uid = (int) u;
                    } else {
                        bad++;
                    }
                }
                case 'L' -> login = Text.lsofDecode(v);
                case 'f' -> {
                    bad += finish(f, pid, ppid, command, uid, login, out);
                    f = new File();
                    f.fd = Text.clean(v);
                }
                case 't', 'P' -> {
                    // Without f fields (an lsof that was not asked for them), t or P after a name starts the next file.
                    if (f == null || f.name != null) {
                        bad += finish(f, pid, ppid, command, uid, login, out);
                        f = new File();
                    }
                    if (k == 't') {
                        f.type = v;
                    } else {
                        f.proto = v;
                    }
                }
                case 'n' -> {
                    if (f == null) {
                        f = new File();
                    }
                    f.name = v;
                }
                case 'T' -> {
                    if (f != null && v.startsWith("ST=")) {
                        f.state = Text.clean(v.substring(3));
                    }
                }
                default -> bad++;
            }
        }
        bad += finish(f, pid, ppid, command, uid, login, out);
        return new ParseResult<>(out, bad + lines.overlong());
    }

    /** One file set being read. */
    private static final class File {
        String fd = "";
        String type = "";
        String proto = "";
        String name;
        String state = "";
    }

    /** Adds the file if it is a TCP or UDP socket; returns 1 if it should have been one but was malformed. */
    private static int finish(File f, int pid, int ppid, String command, int uid, String login, List<LsofSocket> out) {
        if (f == null || f.name == null) {
            return 0;
        }
        Protocol protocol;
        if (f.proto.equals("TCP")) {
            protocol = Protocol.TCP;
        } else if (f.proto.equals("UDP")) {
            protocol = Protocol.UDP;
        } else {
            return 0; // other internet files (ICMP, raw) are not sockets sstop tracks
        }
        if (pid <= 0) {
            return 1;
        }
        boolean v6 = f.type.equals("IPv6");
        String n = Text.lsofDecode(f.name);
        int arrow = n.indexOf("->");
        Endpoint local;
        Endpoint remote;
        if (arrow >= 0) {
            local = Endpoints.lsof(n.substring(0, arrow), v6);
            remote = Endpoints.lsof(n.substring(arrow + 2), v6);
        } else {
            local = Endpoints.lsof(n, v6);
            remote = new Endpoint(v6 ? IpAddress.ANY_V6 : IpAddress.ANY_V4, 0);
        }
        if (local == null || remote == null) {
            return 1;
        }
        out.add(new LsofSocket(pid, ppid, command, uid, login, f.fd, protocol, local, remote, f.state));
        return 0;
    }
}
