package org.sstop.linux.procfs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The fields sstop uses from one {@code /proc/<pid>/stat} line, and its parser.
 *
 * <p>The line is {@code pid (comm) state ppid ... starttime ...}. {@code comm} is chosen by the
 * process itself and may contain spaces, parentheses and any byte, so the parser takes the text
 * between the first {@code '('} and the <em>last</em> {@code ')'}, and counts fields after that.
 *
 * @param pid the process id
 * @param comm the short name, at most {@link #MAX_COMM_BYTES} bytes decoded as UTF-8 (untrusted)
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z}...)
 * @param ppid the parent process id
 * @param startTime start time in clock ticks since boot (field 22)
 */
record ProcStat(int pid, String comm, char state, int ppid, long startTime) {

    /** The kernel's comm is at most 15 bytes; anything longer than this is hostile input, cut. */
    static final int MAX_COMM_BYTES = 64;

    /** Index of ppid among the fields after the comm's closing parenthesis (state is 0). */
    private static final int PPID_FIELD = 1;

    /** Index of starttime (stat field 22) among the fields after the comm (state is 0). */
    private static final int START_TIME_FIELD = 19;

    /**
     * Parses a stat line.
     *
     * @param buf the bytes read from the file
     * @param len how many of them are valid
     * @return the fields, or empty when the line is malformed or truncated
     */
    static Optional<ProcStat> parse(byte[] buf, int len) {
        int open = indexOf(buf, 0, len, (byte) '(');
        int close = lastIndexOf(buf, len, (byte) ')');
        if (open <= 0 || close < open) {
            return Optional.empty();
        }
        long pid = Decimal.parse(buf, 0, trimEnd(buf, 0, open));
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int fields = close + 1;
        if (fields + 2 > len || buf[fields] != ' ') {
            return Optional.empty();
        }
        char state = (char) (buf[fields + 1] & 0xff);
        long ppid = field(buf, fields, len, PPID_FIELD);
        long start = field(buf, fields, len, START_TIME_FIELD);
        if (ppid < 0 || ppid > Integer.MAX_VALUE || start < 0) {
            return Optional.empty();
        }
        int commLen = Math.min(close - open - 1, MAX_COMM_BYTES);
        String comm = new String(buf, open + 1, commLen, StandardCharsets.UTF_8);
        return Optional.of(new ProcStat((int) pid, comm, state, (int) ppid, start));
    }

    /**
     * Extracts only the start time, without allocating: the cheap liveness check.
     *
     * @param buf the bytes read from the file
     * @param len how many of them are valid
     * @return the start time in clock ticks, or -1 when the line is malformed
     */
    static long parseStartTime(byte[] buf, int len) {
        int close = lastIndexOf(buf, len, (byte) ')');
        if (close < 0 || close + 2 > len || buf[close + 1] != ' ') {
            return -1;
        }
        return field(buf, close + 1, len, START_TIME_FIELD);
    }

    /**
     * Extracts only the state letter, without allocating.
     *
     * @param buf the bytes read from the file
     * @param len how many of them are valid
     * @return the state ({@code R}, {@code S}, {@code Z}...), or 0 when the line is malformed
     */
    static char parseState(byte[] buf, int len) {
        int close = lastIndexOf(buf, len, (byte) ')');
        if (close < 0 || close + 2 >= len || buf[close + 1] != ' ') {
            return 0;
        }
        return (char) (buf[close + 2] & 0xff);
    }

    /**
     * The numeric value of field {@code index} in the space-separated list that starts with a
     * space at {@code from} (field 0 follows that space).
     *
     * @return the value, or -1 when absent or not a non-negative decimal number
     */
    private static long field(byte[] buf, int from, int len, int index) {
        int pos = from;
        for (int i = 0; i <= index; i++) {
            if (pos >= len || buf[pos] != ' ') {
                return -1;
            }
            pos++;
            int end = pos;
            while (end < len && buf[end] != ' ' && buf[end] != '\n') {
                end++;
            }
            if (i == index) {
                // A number must be followed by a space: a line cut inside it must not yield a
                // smaller, wrong value (real lines have 52 fields, starttime is the 22nd).
                return end < len && buf[end] == ' ' ? Decimal.parse(buf, pos, end) : -1;
            }
            pos = end;
        }
        return -1;
    }

    private static int trimEnd(byte[] buf, int from, int to) {
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        return to;
    }

    private static int indexOf(byte[] buf, int from, int len, byte b) {
        for (int i = from; i < len; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] buf, int len, byte b) {
        for (int i = len - 1; i >= 0; i--) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
