package org.sstop.linux.procfs;

/**
 * Parses unsigned decimal numbers out of untrusted bytes and text, without allocating: the one
 * digit loop the /proc parsers share.
 */
final class Decimal {

    private Decimal() {
    }

    /**
     * The number in {@code buf[from, to)}.
     *
     * @return the value, or -1 when the range is empty, holds anything but digits, or exceeds a long
     */
    static long parse(byte[] buf, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /**
     * The number in {@code text[from, to)}.
     *
     * @return the value, or -1 when the range is empty, holds anything but digits, or exceeds a long
     */
    static long parse(CharSequence text, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9 || value > (Long.MAX_VALUE - d) / 10) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
