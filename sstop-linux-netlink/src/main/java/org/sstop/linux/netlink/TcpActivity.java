package org.sstop.linux.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What tells, without a sock_diag dump, that no TCP socket of a network namespace changed: the
 * namespace's TCP counters ({@code net/snmp}: opens, resets, segments in and out) and its socket
 * counts ({@code net/sockstat}: in use, orphans, TIME_WAIT, memory). A socket's byte counters move
 * only with a segment, a new connection sends or receives one, and a new listener or a socket
 * leaving TIME_WAIT changes the counts, so while both lines stay the same the last dump's TCP
 * sockets are still exactly what a new dump would list.
 *
 * <p>This matters because every TCP dump walks the host's whole established table (262,144
 * buckets here), whichever namespace asks: with many namespaces the walks, not the sockets,
 * are the cost. Pure function over files; reads at most {@link #MAX_BYTES} of each.
 */
final class TcpActivity {

    /** Both files are well under this on any kernel. */
    static final int MAX_BYTES = 16 * 1024;

    private TcpActivity() {
    }

    /**
     * The namespace's TCP activity as one comparable string.
     *
     * @param netDir the namespace's {@code net} directory ({@code /proc/<pid>/net})
     * @return the {@code Tcp:} values of {@code snmp} and the {@code TCP:} line of {@code sockstat},
     *     or null when either cannot be read or has no such line (then the caller dumps)
     */
    static String read(Path netDir) {
        try {
            String snmp = valuesLine(text(netDir.resolve("snmp")), "Tcp: ");
            String sockstat = firstLine(text(netDir.resolve("sockstat")), "TCP: ");
            return snmp == null || sockstat == null ? null : snmp + "\n" + sockstat;
        } catch (IOException | RuntimeException e) {
            return null; // the process is gone, or the files are not ours to read
        }
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.US_ASCII);
        }
    }

    /** The second line starting with {@code prefix} (snmp: the first names the counters, the second holds them). */
    static String valuesLine(String text, String prefix) {
        int header = lineStarting(text, prefix, 0);
        return header < 0 ? null : line(text, lineStarting(text, prefix, header + 1));
    }

    /** The first line starting with {@code prefix}. */
    static String firstLine(String text, String prefix) {
        return line(text, lineStarting(text, prefix, 0));
    }

    private static int lineStarting(String text, String prefix, int from) {
        for (int at = from; at >= 0 && at < text.length(); ) {
            if (text.startsWith(prefix, at)) {
                return at;
            }
            int eol = text.indexOf('\n', at);
            at = eol < 0 ? -1 : eol + 1;
        }
        return -1;
    }

    private static String line(String text, int at) {
        if (at < 0) {
            return null;
        }
        int eol = text.indexOf('\n', at);
        return eol < 0 ? null : text.substring(at, eol); // a line cut at MAX_BYTES is no line
    }
}
