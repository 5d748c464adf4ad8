package org.sstop.linux.netlink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What tells, without a sock_diag dump, that no TCP socket of a network namespace changed: the
 * namespace's TCP counters ({@code net/snmp}: opens, resets, segments in and out) and its socket
 * counts ({@code net/sockstat}: in use, orphans, TIME_WAIT, memory). A socket's byte counters move
 * only with a segment, a new connection sends or receives one, and a new listener or a socket
 * leaving TIME_WAIT changes the counts, so while both lines stay the same the last dump's TCP
 * sockets are still exactly what a new dump would list.
 *
 * <p>While a kernel traffic counter counts the bytes, the dump's counters are not used, and the
 * segments and memory are left out: then the list stays right for every socket that opens,
 * closes, resets or leaves ESTABLISHED, and a move between two closing states (FIN_WAIT1 to
 * FIN_WAIT2) can show a dump later, within the caller's safety interval.
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
     * @param segments whether segments and socket memory count as activity (they must while the
     *     dump's byte counters are used); without them, only what changes the socket list does:
     *     opens, failed and reset connections, established and other socket counts
     * @return the {@code Tcp:} values of {@code snmp} and the {@code TCP:} line of {@code sockstat},
     *     or null when either cannot be read or has no such line (then the caller dumps)
     */
    static String read(Path netDir, boolean segments) {
        try {
            String snmp = text(netDir.resolve("snmp"));
            String counters = segments ? valuesLine(snmp, "Tcp: ") : socketCounters(snmp);
            String sockstat = firstLine(text(netDir.resolve("sockstat")), "TCP: ");
            if (!segments && sockstat != null) {
                int mem = sockstat.indexOf(" mem ");
                sockstat = mem < 0 ? sockstat : sockstat.substring(0, mem);
            }
            return counters == null || sockstat == null ? null : counters + "\n" + sockstat;
        } catch (IOException | RuntimeException e) {
            return null; // the process is gone, or the files are not ours to read
        }
    }

    /** The {@code snmp} counters that move when a TCP socket opens, fails, resets or leaves ESTABLISHED. */
    private static final List<String> SOCKET_COUNTERS =
            List.of("ActiveOpens", "PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab");

    /** The {@link #SOCKET_COUNTERS} values, found by name in the header line; null when one is missing. */
    private static String socketCounters(String snmp) {
        String header = line(snmp, lineStarting(snmp, "Tcp: ", 0));
        String values = valuesLine(snmp, "Tcp: ");
        if (header == null || values == null) {
            return null;
        }
        List<String> names = List.of(header.split(" ", 64));
        String[] value = values.split(" ", 64);
        StringBuilder out = new StringBuilder(64);
        for (String counter : SOCKET_COUNTERS) {
            int at = names.indexOf(counter);
            if (at < 1 || at >= value.length) {
                return null;
            }
            out.append(value[at]).append(' ');
        }
        return out.toString();
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
