package org.sstop.linux.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code /proc/<pid>/cgroup}, one per hierarchy: {@code 0::<path>} for the unified
 * (v2) hierarchy, {@code <id>:<controllers>:<path>} for a v1 one, both on hybrid machines.
 * Malformed lines (no hierarchy id, fewer than two colons, empty path) are skipped, and at most
 * {@link #MAX_LINES} lines are looked at, so that hostile or huge text costs a bounded amount.
 */
final class CgroupLines {

    /** The most lines looked at: a real file has one per mounted hierarchy, about a dozen. */
    static final int MAX_LINES = 256;

    /** Which hierarchy a line belongs to; the order is the order of preference. */
    enum Hierarchy {
        /** The v2 hierarchy ({@code 0::}). */
        UNIFIED,
        /** systemd's named v1 hierarchy ({@code name=systemd}), which mirrors its units. */
        SYSTEMD,
        /** A v1 controller's hierarchy. */
        CONTROLLER
    }

    /**
     * One line.
     *
     * @param hierarchy which hierarchy
     * @param path the cgroup path, never empty, untrusted and of any length
     */
    record Line(Hierarchy hierarchy, String path) {
    }

    private CgroupLines() {
    }

    /**
     * The well-formed lines of a cgroup file, in file order.
     *
     * @param text the file's content
     * @return at most {@link #MAX_LINES} lines
     */
    static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        int from = 0;
        for (int n = 0; n < MAX_LINES && from < text.length(); n++) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            Line line = line(text, from, end);
            if (line != null) {
                lines.add(line);
            }
            from = end + 1;
        }
        return lines;
    }

    /** The line in {@code text[from, end)}, or null when it is malformed. */
    private static Line line(String text, int from, int end) {
        int c1 = text.indexOf(':', from);
        if (c1 <= from || c1 >= end) {
            return null;
        }
        int c2 = text.indexOf(':', c1 + 1);
        if (c2 < 0 || c2 + 1 >= end) {
            return null;
        }
        Hierarchy hierarchy;
        if (c2 == c1 + 1 && c1 == from + 1 && text.charAt(from) == '0') {
            hierarchy = Hierarchy.UNIFIED;
        } else if (text.startsWith("name=systemd", c1 + 1) && c2 == c1 + 1 + "name=systemd".length()) {
            hierarchy = Hierarchy.SYSTEMD;
        } else {
            hierarchy = Hierarchy.CONTROLLER;
        }
        return new Line(hierarchy, text.substring(c2 + 1, end));
    }
}
