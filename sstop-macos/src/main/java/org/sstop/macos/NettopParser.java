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
 * Parses {@code nettop -L 1 -n -x -J bytes_in,bytes_out} CSV: a header
 * ({@code time,,bytes_in,bytes_out,} or, in releases without the time column,
 * {@code ,bytes_in,bytes_out,}), then for each process a row {@code name.pid,in,out,} followed by
 * one row per socket: {@code tcp4 10.0.0.5:52345<->17.57.146.52:443,in,out,} (IPv4 with
 * {@code :port} and {@code *:*}; IPv6 with {@code .port} and {@code *.*}). Every row ends with a
 * comma; the time column is there when stdout is not a terminal, as when sstop runs it. The
 * counters are cumulative bytes per flow, from the kernel's network statistics (empty cells, as
 * for listeners, mean none); no root is needed. A pure function over the text.
 *
 * <p>Process names may contain dots and commas: the pid is the number after the last dot, and the
 * counters are found from the end of the row. TCP state is not requested (one column less to go
 * wrong): a TCP socket with a wildcard peer is {@link SocketState#LISTEN}, others
 * {@link SocketState#ESTABLISHED}. {@code quic4}/{@code quic6} rows are counted as UDP unless the
 * same process also lists a {@code udp} row on the same tuple (the same datagrams, seen twice).
 * Identity is a hash of protocol and tuple, as in {@link NetstatSocketParser}, also used as the
 * owner key (nettop names each socket's process itself, so no mapper needs it).
 */
final class NettopParser {

    private NettopParser() {
    }

    /**
     * One process row.
     *
     * @param pid process id
     * @param name process name as nettop prints it (cut by nettop, untrusted)
     * @param bytesIn cumulative bytes in
     * @param bytesOut cumulative bytes out
     */
    public record NettopProcess(int pid, String name, long bytesIn, long bytesOut) {
    }

    /**
     * Everything in one nettop output.
     *
     * @param sockets socket rows, each with its process's pid
     * @param processes process rows
     * @param badLines rows that could not be parsed, skipped
     */
    public record Result(List<SocketInfo> sockets, List<NettopProcess> processes, int badLines) {
        /** Copies the lists. */
        public Result {
            sockets = List.copyOf(sockets);
            processes = List.copyOf(processes);
        }
    }

    /**
     * Parses nettop CSV; with several samples in the text, the last one wins.
     *
     * @param text the output
     * @return sockets, processes and the count of bad rows
     */
    public static Result parse(String text) {
        List<SocketInfo> sockets = new ArrayList<>();
        List<NettopProcess> processes = new ArrayList<>();
        Map<Long, Integer> seen = new HashMap<>();
        Map<String, Integer> udpRow = new HashMap<>();
        int bad = 0;
        int nameCol = -1;
        int inCol = -1;      // offset from the first data column
        int outCol = -1;
        int dataCols = 0;
        int pid = -1;
        Lines lines = Lines.of(text);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            int bi = indexOf(f, "bytes_in");
            if (bi >= 0 && indexOf(f, "bytes_out") >= 0) {
                // A header: a new sample starts.
                sockets.clear();
                processes.clear();
                seen.clear();
                udpRow.clear();
                bad = 0;
                pid = -1;
                nameCol = f[0].equals("time") ? 1 : 0;
                int last = f[f.length - 1].isEmpty() ? f.length - 1 : f.length;
                dataCols = last - nameCol - 1;
                inCol = bi - nameCol - 1;
                outCol = indexOf(f, "bytes_out") - nameCol - 1;
                continue;
            }
            if (nameCol < 0 || dataCols <= 0) {
                bad++;
                continue;
            }
            int last = f[f.length - 1].isEmpty() ? f.length - 1 : f.length;
            int firstData = last - dataCols;
            if (firstData <= nameCol) {
                bad++;
                continue;
            }
            String name = String.join(",", java.util.Arrays.asList(f).subList(nameCol, firstData));
            long in = counter(f[firstData + inCol]);
            long out = counter(f[firstData + outCol]);
            int arrow = name.indexOf("<->");
            if (arrow >= 0) {
                SocketInfo s = in < 0 || out < 0 || pid <= 0 ? null : socket(name, arrow, pid, in, out, seen);
                if (s == null) {
                    bad++;
                } else {
                    String key = pid + "|" + s.protocol() + "|" + s.local() + "|" + s.remote();
                    boolean quic = name.startsWith("quic");
                    Integer prior = udpRow.get(key);
                    if (s.protocol() == Protocol.UDP && prior != null) {
                        // quic and udp rows of one process on one tuple: the same datagrams; keep the larger.
                        SocketInfo p = sockets.get(prior);
                        if (s.bytesSent() + s.bytesReceived() > p.bytesSent() + p.bytesReceived()) {
                            sockets.set(prior, new SocketInfo(p.cookie(), p.protocol(), p.local(), p.remote(), p.state(),
                                    p.ownerKey(), p.uid(), p.pid(), s.bytesSent(), s.bytesReceived()));
                        }
                    } else {
                        if (s.protocol() == Protocol.UDP || quic) {
                            udpRow.put(key, sockets.size());
                        }
                        sockets.add(s);
                    }
                }
                continue;
            }
            int dot = name.lastIndexOf('.');
            long p = dot > 0 ? Endpoints.parseCount(name.substring(dot + 1)) : -1;
            if (p <= 0 || p > Integer.MAX_VALUE || in < 0 || out < 0) {
                // A process row we cannot read: its sockets that follow cannot be attributed either.
                pid = -1;
                bad++;
                continue;
            }
            pid = (int) p;
            processes.add(new NettopProcess(pid, Text.clean(name.substring(0, dot).strip()), in, out));
        }
        return new Result(sockets, processes, bad + lines.overlong());
    }

    private static SocketInfo socket(String label, int arrow, int pid, long in, long out, Map<Long, Integer> seen) {
        int space = label.indexOf(' ');
        if (space <= 0 || space > arrow) {
            return null;
        }
        String proto = label.substring(0, space);
        Protocol protocol;
        if (proto.startsWith("tcp")) {
            protocol = Protocol.TCP;
        } else if (proto.startsWith("udp") || proto.startsWith("quic")) {
            protocol = Protocol.UDP;
        } else {
            return null;
        }
        boolean v6 = proto.endsWith("6");
        Endpoint local = Endpoints.nettop(label.substring(space + 1, arrow).strip(), v6);
        Endpoint remote = Endpoints.nettop(label.substring(arrow + 3).strip(), v6);
        if (local == null || remote == null) {
            return null;
        }
        SocketState state = remote.isAny()
                ? (protocol == Protocol.TCP ? SocketState.LISTEN : SocketState.UNCONNECTED)
                : SocketState.ESTABLISHED;
        long cookie = NetstatSocketParser.tupleCookie(protocol, local, remote, seen);
        return new SocketInfo(cookie, protocol, local, remote, state, cookie, SocketInfo.UNKNOWN, pid, out, in);
    }

    /** A byte counter; nettop leaves the cells empty for flows without statistics (listeners): no bytes. */
    private static long counter(String cell) {
        String c = cell.strip();
        return c.isEmpty() ? 0 : Endpoints.parseCount(c);
    }

    private static int indexOf(String[] f, String s) {
        for (int i = 0; i < f.length; i++) {
            if (f[i].strip().equals(s)) {
                return i;
            }
        }
        return -1;
    }
}
