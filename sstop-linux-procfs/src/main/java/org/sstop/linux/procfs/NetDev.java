package org.sstop.linux.procfs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code /proc/net/dev}: two header lines, then one line per interface,
 * {@code name: rx_bytes rx_packets errs drop fifo frame compressed multicast tx_bytes
 * tx_packets ...}.
 */
final class NetDev {

    /** Interface names are at most 15 bytes (IFNAMSIZ - 1); longer ones are hostile, skipped. */
    static final int MAX_NAME_LENGTH = 15;

    /** Counter columns per line since Linux 2.6; at least the first ten are required. */
    private static final int MIN_COLUMNS = 10;

    /**
     * One interface's counters.
     *
     * @param name interface name
     * @param rxBytes bytes received
     * @param rxPackets packets received
     * @param txBytes bytes sent
     * @param txPackets packets sent
     */
    record Entry(String name, long rxBytes, long rxPackets, long txBytes, long txPackets) {
    }

    private NetDev() {
    }

    /**
     * Parses the file. Lines that are not well formed (no colon, missing or non-numeric counters,
     * a name that is empty or too long, a duplicate name) are skipped.
     *
     * @param text the file's content
     * @return the interfaces in file order
     */
    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>(); // not a scan of entries: a host may have 100,000 interfaces
        long[] values = new long[MIN_COLUMNS];
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.indexOf('|') >= 0) {
                continue; // header lines have '|'
            }
            String name = line.substring(0, colon).strip();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || hasSpace(name)
                    || !counters(line, colon + 1, values)) {
                continue;
            }
            if (names.add(name)) {
                entries.add(new Entry(name, values[0], values[1], values[8], values[9]));
            }
        }
        return entries;
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Reads the first {@code out.length} whitespace-separated unsigned numbers from {@code from}. */
    private static boolean counters(String line, int from, long[] out) {
        int pos = from;
        int len = line.length();
        for (int col = 0; col < out.length; col++) {
            while (pos < len && line.charAt(pos) == ' ') {
                pos++;
            }
            int start = pos;
            long value = 0;
            while (pos < len && line.charAt(pos) != ' ') {
                int d = line.charAt(pos) - '0';
                if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                    return false;
                }
                value = value * 10 + d;
                pos++;
            }
            if (pos == start) {
                return false;
            }
            out[col] = value;
        }
        return true;
    }
}
