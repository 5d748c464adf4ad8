package org.sstop.linux.procfs;

import java.util.HashMap;
import java.util.Map;

/** Parses {@code /etc/passwd} text into a uid-to-name table. */
final class Passwd {

    /** Names longer than this are cut: real ones are at most 32 bytes. */
    static final int MAX_NAME_LENGTH = 64;

    private Passwd() {
    }

    /**
     * Reads every well-formed {@code name:password:uid:...} line; the first entry for a uid wins,
     * as with {@code getpwuid}. Comments, blank and malformed lines are skipped.
     *
     * @param text the file's content
     * @return uid to user name
     */
    static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == '+' || line.charAt(0) == '-') {
                continue; // NIS compat entries name no local user
            }
            int c1 = line.indexOf(':');
            int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
            int c3 = c2 < 0 ? -1 : line.indexOf(':', c2 + 1);
            if (c1 <= 0 || c3 < 0) {
                continue;
            }
            long uid = parseUid(line, c2 + 1, c3);
            if (uid < 0) {
                continue;
            }
            String name = line.substring(0, Math.min(c1, MAX_NAME_LENGTH));
            names.putIfAbsent((int) uid, name);
        }
        return names;
    }

    private static long parseUid(String s, int from, int to) {
        long value = to - from > 10 ? -1 : Decimal.parse(s, from, to);
        return value <= Integer.MAX_VALUE ? value : -1;
    }
}
