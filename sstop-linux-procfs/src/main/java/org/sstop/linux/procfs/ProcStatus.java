package org.sstop.linux.procfs;

/**
 * Parsers for the lines of {@code /proc/<pid>/status} that sstop uses: {@code Uid:} and
 * {@code CapEff:}. Pure functions over the file's text.
 */
final class ProcStatus {

    /** Marks a value that is absent or malformed. */
    static final int UNKNOWN = -1;

    /** Capability bit of CAP_DAC_READ_SEARCH: lets a process list other users' fd directories. */
    static final int CAP_DAC_READ_SEARCH = 2;

    /** Capability bit of CAP_SYS_PTRACE: lets a process read other users' fd links. */
    static final int CAP_SYS_PTRACE = 19;

    private ProcStatus() {
    }

    /**
     * The real user id ({@code Uid:} first column).
     *
     * @param status the file's text
     * @return the uid, or {@link #UNKNOWN}
     */
    static int realUid(CharSequence status) {
        return uidColumn(status, 0);
    }

    /**
     * The effective user id ({@code Uid:} second column).
     *
     * @param status the file's text
     * @return the uid, or {@link #UNKNOWN}
     */
    static int effectiveUid(CharSequence status) {
        return uidColumn(status, 1);
    }

    /**
     * The effective capability set ({@code CapEff:}, hexadecimal).
     *
     * @param status the file's text
     * @return the bit set, or -1 when absent or malformed (-1 is never a real set: bit 63 is unused)
     */
    static long effectiveCapabilities(CharSequence status) {
        int at = lineValue(status, "CapEff:");
        if (at < 0) {
            return -1;
        }
        int end = at;
        while (end < status.length() && (status.charAt(end) == '\t' || status.charAt(end) == ' ')) {
            end++;
        }
        long value = 0;
        int digits = 0;
        while (end < status.length() && status.charAt(end) != '\n') {
            int d = Character.digit(status.charAt(end), 16);
            if (d < 0 || ++digits > 16) {
                return -1;
            }
            value = (value << 4) | d;
            end++;
        }
        return digits == 0 ? -1 : value;
    }

    /**
     * Whether a capability set lets a process map every user's sockets.
     *
     * @param capEff the effective set from {@link #effectiveCapabilities}
     * @return true when both CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH are held
     */
    static boolean canReadAllFds(long capEff) {
        long needed = (1L << CAP_SYS_PTRACE) | (1L << CAP_DAC_READ_SEARCH);
        return capEff != -1 && (capEff & needed) == needed;
    }

    private static int uidColumn(CharSequence status, int column) {
        int pos = lineValue(status, "Uid:");
        if (pos < 0) {
            return UNKNOWN;
        }
        int len = status.length();
        for (int col = 0; ; col++) {
            while (pos < len && (status.charAt(pos) == '\t' || status.charAt(pos) == ' ')) {
                pos++;
            }
            int start = pos;
            long value = 0;
            while (pos < len && status.charAt(pos) >= '0' && status.charAt(pos) <= '9') {
                value = value * 10 + (status.charAt(pos) - '0');
                if (value > 0xffff_ffffL) {
                    return UNKNOWN;
                }
                pos++;
            }
            if (pos == start) {
                return UNKNOWN;
            }
            if (pos < len && status.charAt(pos) != '\t' && status.charAt(pos) != ' '
                    && status.charAt(pos) != '\n') {
                return UNKNOWN;
            }
            if (col == column) {
                // uid_t is unsigned; (uid_t) -1 is never a real owner, and -1 means unknown here.
                return value > Integer.MAX_VALUE ? UNKNOWN : (int) value;
            }
        }
    }

    /** Index just after {@code key} at the start of a line, or -1. */
    private static int lineValue(CharSequence text, String key) {
        int len = text.length();
        int lineStart = 0;
        while (lineStart < len) {
            if (startsWith(text, lineStart, key)) {
                return lineStart + key.length();
            }
            int nl = lineStart;
            while (nl < len && text.charAt(nl) != '\n') {
                nl++;
            }
            lineStart = nl + 1;
        }
        return -1;
    }

    private static boolean startsWith(CharSequence text, int at, String key) {
        if (at + key.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (text.charAt(at + i) != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
