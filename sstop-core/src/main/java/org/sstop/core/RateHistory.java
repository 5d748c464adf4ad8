package org.sstop.core;

import java.util.Arrays;

/**
 * Bytes per second over the last {@link #CAPACITY} seconds, oldest first: one point per
 * whole second of monitor time. Immutable.
 */
public final class RateHistory {

    /** Points kept: one per second for a minute. */
    public static final int CAPACITY = 60;

    /** No history. */
    public static final RateHistory EMPTY = new RateHistory(new long[0], new long[0]);

    private final long[] up;
    private final long[] down;

    private RateHistory(long[] up, long[] down) {
        this.up = up;
        this.down = down;
    }

    /**
     * A history from per-second byte counts, oldest first (copied).
     *
     * @param up upload bytes per second
     * @param down download bytes per second, same length as {@code up}
     * @return the history
     */
    public static RateHistory of(long[] up, long[] down) {
        if (up.length != down.length) {
            throw new IllegalArgumentException("up and down differ in length");
        }
        return new RateHistory(up.clone(), down.clone());
    }

    /** Takes ownership of the arrays without copying; for the engine, which never touches them again. */
    static RateHistory wrap(long[] up, long[] down) {
        if (up.length != down.length) {
            throw new IllegalArgumentException("up and down differ in length");
        }
        return new RateHistory(up, down);
    }

    /** Number of points, at most {@link #CAPACITY}. */
    public int size() {
        return up.length;
    }

    /** Upload bytes in the second at {@code index} (0 = oldest). */
    public long up(int index) {
        return up[index];
    }

    /** Download bytes in the second at {@code index} (0 = oldest). */
    public long down(int index) {
        return down[index];
    }

    /** Upload plus download bytes in the second at {@code index}. */
    public long total(int index) {
        return up[index] + down[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RateHistory h && Arrays.equals(up, h.up) && Arrays.equals(down, h.down);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(up) + Arrays.hashCode(down);
    }

    @Override
    public String toString() {
        return "RateHistory[up=" + Arrays.toString(up) + ", down=" + Arrays.toString(down) + "]";
    }
}
