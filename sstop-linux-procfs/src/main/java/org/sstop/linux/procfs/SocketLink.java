package org.sstop.linux.procfs;

/**
 * Parses the target of a {@code /proc/<pid>/fd/<n>} symbolic link: {@code socket:[12345]} for a
 * socket, anything else ({@code /dev/null}, {@code pipe:[7]}, {@code anon_inode:[eventfd]}) for
 * other descriptors. This runs once per file descriptor of every scanned process, so it neither
 * allocates nor uses regular expressions.
 */
final class SocketLink {

    private static final byte[] PREFIX = {'s', 'o', 'c', 'k', 'e', 't', ':', '['};

    /** Largest inode accepted: the kernel's inode numbers are unsigned longs, kept positive here. */
    private static final long MAX_INODE = Long.MAX_VALUE;

    private SocketLink() {
    }

    /**
     * The socket inode a link target names.
     *
     * @param target the link target's bytes
     * @param len how many of them are valid
     * @return the inode, or -1 when the target is not a well-formed socket link
     */
    static long inode(byte[] target, int len) {
        int n = PREFIX.length;
        if (len < n + 2 || target[len - 1] != ']') {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (target[i] != PREFIX[i]) {
                return -1;
            }
        }
        long value = Decimal.parse(target, n, len - 1);
        return value > 0 && value <= MAX_INODE ? value : -1;
    }

    /**
     * The socket inode a link target names, from text (the JNA-less fallback path).
     *
     * @param target the link target
     * @return the inode, or -1 when the target is not a well-formed socket link
     */
    static long inode(CharSequence target) {
        int len = target.length();
        int n = PREFIX.length;
        if (len < n + 2 || len > 40 || target.charAt(len - 1) != ']') {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (target.charAt(i) != PREFIX[i]) {
                return -1;
            }
        }
        long value = Decimal.parse(target, n, len - 1);
        return value > 0 ? value : -1;
    }
}
