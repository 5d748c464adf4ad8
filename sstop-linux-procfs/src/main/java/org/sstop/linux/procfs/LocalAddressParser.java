package org.sstop.linux.procfs;

import java.util.Arrays;

/**
 * Pure parsers for the two files that list this host's addresses: {@code /proc/net/fib_trie}
 * (IPv4: the {@code /32 host LOCAL} entries of the local table) and {@code /proc/net/if_inet6}
 * (IPv6). Both append (high, low) pairs as in {@link org.sstop.api.IpAddress}; malformed lines are
 * skipped.
 */
final class LocalAddressParser {

    private long[] pairs = new long[32];
    private int count;

    /** The pairs collected so far, as a set. */
    LocalAddresses build() {
        return LocalAddresses.of(pairs, count);
    }

    /** The collected (high, low) pairs, a copy. */
    long[] toPairs() {
        return Arrays.copyOf(pairs, 2 * count);
    }

    /** How many addresses were collected (duplicates included). */
    int count() {
        return count;
    }

    /** Adds one address, as the two longs of {@link org.sstop.api.IpAddress}. */
    void add(long high, long low) {
        if (2 * count + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * count] = high;
        pairs[2 * count + 1] = low;
        count++;
    }

    /**
     * Parses {@code /proc/net/fib_trie}: a {@code |-- a.b.c.d} leaf line followed by a
     * {@code /32 host LOCAL} line names a local IPv4 address.
     *
     * @param text the file's content
     */
    void parseFibTrie(CharSequence text) {
        int pos = 0;
        int len = text.length();
        int leaf = 0;
        boolean haveLeaf = false;
        while (pos < len) {
            int eol = pos;
            while (eol < len && text.charAt(eol) != '\n') {
                eol++;
            }
            int i = pos;
            while (i < eol && text.charAt(i) == ' ') {
                i++;
            }
            if (startsWith(text, i, eol, "|-- ")) {
                long a = dotted(text, i + 4, eol);
                haveLeaf = a >= 0;
                leaf = (int) a;
            } else if (haveLeaf && startsWith(text, i, eol, "/32 host LOCAL")) {
                add(0, LocalAddresses.v4Low(leaf));
            } else if (i < eol && text.charAt(i) != '/') {
                haveLeaf = false;
            }
            pos = eol + 1;
        }
    }

    /**
     * Parses {@code /proc/net/if_inet6}: each line starts with the address as 32 hex digits in
     * network order.
     *
     * @param text the file's content
     */
    void parseIfInet6(CharSequence text) {
        int pos = 0;
        int len = text.length();
        while (pos < len) {
            int eol = pos;
            while (eol < len && text.charAt(eol) != '\n') {
                eol++;
            }
            if (eol - pos >= 32 && (eol - pos == 32 || text.charAt(pos + 32) == ' ')) {
                long h = hex16(text, pos);
                long l = hex16(text, pos + 16);
                boolean ok = h != Long.MIN_VALUE && l != Long.MIN_VALUE;
                if (ok) {
                    add(h, l);
                }
            }
            pos = eol + 1;
        }
    }

    private static boolean startsWith(CharSequence t, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (t.charAt(from + k) != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A dotted quad up to the end of the token, as an unsigned int in network order, or -1. */
    private static long dotted(CharSequence t, int from, int to) {
        long v = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int digits = 0;
            int octet = 0;
            while (i < to && Character.isDigit(t.charAt(i)) && digits < 4) {
                octet = octet * 10 + (t.charAt(i) - '0');
                i++;
                digits++;
            }
            if (digits == 0 || digits > 3 || octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= to || t.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return (i == to || t.charAt(i) == ' ') ? v : -1;
    }

    /** 16 hex digits as a long, or Long.MIN_VALUE when any is not hex. */
    private static long hex16(CharSequence t, int from) {
        long v = 0;
        for (int k = 0; k < 16; k++) {
            int d = Character.digit(t.charAt(from + k), 16);
            if (d < 0) {
                return Long.MIN_VALUE;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
