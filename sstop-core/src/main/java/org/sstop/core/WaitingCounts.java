package org.sstop.core;

import java.util.Arrays;

/**
 * Socket byte counts kept from one sample to the next, by cookie: a growable set of parallel
 * arrays, cleared each sample, so that keeping them makes no garbage. At most {@link #MAX} are
 * kept (the eBPF counter's socket table holds 65,536); past that, counts are not kept. Written and
 * read by the {@link Accountant} alone.
 */
final class WaitingCounts {

    /** Most counts kept. */
    static final int MAX = 65_536;

    private long[] cookies = new long[16];
    private long[] ups = new long[16];
    private long[] downs = new long[16];
    /** Of each count, the share of its bytes per second the process that moved them took into its rate; NaN if unknown. */
    private double[] shares = new double[16];
    private int size;

    void add(long cookie, long up, long down, double share) {
        if (size == MAX) {
            return;
        }
        if (size == cookies.length) {
            int n = Math.min(MAX, size * 2);
            cookies = Arrays.copyOf(cookies, n);
            ups = Arrays.copyOf(ups, n);
            downs = Arrays.copyOf(downs, n);
            shares = Arrays.copyOf(shares, n);
        }
        cookies[size] = cookie;
        ups[size] = up;
        downs[size] = down;
        shares[size] = share;
        size++;
    }

    /** What the count's bytes added to its process's rate (bytes per second times the share), or NaN. */
    double upRate(int i) {
        return shares[i] * ups[i];
    }

    double downRate(int i) {
        return shares[i] * downs[i];
    }

    int size() {
        return size;
    }

    long cookie(int i) {
        return cookies[i];
    }

    long up(int i) {
        return ups[i];
    }

    long down(int i) {
        return downs[i];
    }

    void clear() {
        size = 0;
    }
}
