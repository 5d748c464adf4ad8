package org.sstop.linux.procfs;

import java.nio.charset.StandardCharsets;

/** Parsers for the small per-process text files ({@code cmdline}, {@code cgroup}), links and {@code /proc/stat}. */
final class ProcText {

    /** The longest command line kept, in bytes; the rest is cut. */
    static final int MAX_CMDLINE_BYTES = 4096;

    /** The longest cgroup path kept, in characters. */
    static final int MAX_CGROUP_LENGTH = 1024;

    private ProcText() {
    }

    /**
     * Turns {@code /proc/<pid>/cmdline} (arguments separated and ended by NUL) into one line:
     * NULs become spaces, trailing NULs are dropped, at most {@link #MAX_CMDLINE_BYTES} bytes.
     *
     * @param buf the bytes read
     * @param len how many are valid
     * @return the command line, empty for kernel threads and zombies
     */
    static String cmdline(byte[] buf, int len) {
        int end = Math.min(len, MAX_CMDLINE_BYTES);
        while (end > 0 && buf[end - 1] == 0) {
            end--;
        }
        byte[] copy = new byte[end];
        for (int i = 0; i < end; i++) {
            copy[i] = buf[i] == 0 ? (byte) ' ' : buf[i];
        }
        return new String(copy, StandardCharsets.UTF_8);
    }

    /**
     * Picks the most telling path from {@code /proc/<pid>/cgroup}: the unified (v2, {@code 0::})
     * path when it is not the root, else the {@code name=systemd} one, else the first non-root
     * path of any hierarchy, else {@code "/"}. Malformed lines are skipped.
     *
     * @param text the file's content
     * @return the path (at most {@link #MAX_CGROUP_LENGTH} characters), empty if there is none
     */
    static String cgroup(String text) {
        String best = null;
        CgroupLines.Hierarchy bestHierarchy = null;
        boolean any = false;
        for (CgroupLines.Line line : CgroupLines.parse(text)) {
            any = true;
            if (line.path().equals("/")) {
                continue;
            }
            if (best == null || line.hierarchy().compareTo(bestHierarchy) < 0) {
                best = line.path();
                bestHierarchy = line.hierarchy();
            }
        }
        if (best == null) {
            return any ? "/" : "";
        }
        return best.length() > MAX_CGROUP_LENGTH ? best.substring(0, MAX_CGROUP_LENGTH) : best;
    }

    /**
     * The inode in a network namespace link's target ({@code net:[4026531840]}).
     *
     * @param link the target of {@code /proc/<pid>/ns/net}
     * @return the inode, or 0 when the target is not of that shape
     */
    static long netnsInode(String link) {
        if (link.length() > 32 || !link.startsWith("net:[") || !link.endsWith("]")) {
            return 0;
        }
        return Math.max(Decimal.parse(link, "net:[".length(), link.length() - 1), 0);
    }

    /**
     * The boot time from {@code /proc/stat} ({@code btime} line).
     *
     * @param text the file's content
     * @return seconds since the epoch, or -1 when absent or malformed
     */
    static long bootTime(String text) {
        int at = text.startsWith("btime ") ? 0 : text.indexOf("\nbtime ");
        if (at < 0) {
            return -1;
        }
        int from = text.indexOf(' ', at + 1) + 1;
        int to = from;
        while (to < text.length() && text.charAt(to) != '\n') {
            to++;
        }
        return to - from > 18 ? -1 : Decimal.parse(text, from, to);
    }
}
