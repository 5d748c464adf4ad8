package org.sstop.core;

/**
 * Bytes per second over the last {@link #CAPACITY} seconds, oldest first: one point per
 * whole second of monitor time. Immutable.
 */
public final class RateHistory {

    /** Points kept: one per second for a minute. */
    public static final int CAPACITY = 60;

    /** No history. */
    public static final RateHistory EMPTY = new RateHistory(new long[0], 0, 0);

    private static final long[] NO_TRAFFIC = new long[2 * CAPACITY];
    private static final RateHistory[] ZEROS = new RateHistory[CAPACITY + 1];

    static {
        for (int n = 0; n <= CAPACITY; n++) {
            ZEROS[n] = new RateHistory(NO_TRAFFIC, 0, n);
        }
    }

    /** Upload and download of point {@code i} at {@code [2(offset+i)]} and {@code [2(offset+i)+1]}; never written once shared. */
    private final long[] points;
    private final int offset;
    private final int size;

    private RateHistory(long[] points, int offset, int size) {
        this.points = points;
        this.offset = offset;
        this.size = size;
    }

    /**
     * A history from per-second byte counts, oldest first (copied).
     *
     * @param up upload bytes per second
     * @param down download bytes per second, same length as {@code up}, at most {@link #CAPACITY}
     * @return the history
     */
    public static RateHistory of(long[] up, long[] down) {
        if (up.length != down.length || up.length > CAPACITY) {
            throw new IllegalArgumentException("up and down must have the same length, at most " + CAPACITY
                    + " (" + up.length + ", " + down.length + ")");
        }
        long[] p = new long[2 * up.length];
        for (int i = 0; i < up.length; i++) {
            p[2 * i] = up[i];
            p[2 * i + 1] = down[i];
        }
        return new RateHistory(p, 0, up.length);
    }

    /** {@code n} quiet seconds; shared instances. */
    static RateHistory zeros(int n) {
        return ZEROS[n];
    }

    /** A view of {@code n} seconds of an append-only buffer whose seconds from {@code offset} on are never written again. */
    static RateHistory view(long[] buffer, int offset, int n) {
        return new RateHistory(buffer, offset, n);
    }

    /** Number of points, at most {@link #CAPACITY}. */
    public int size() {
        return size;
    }

    /** Upload bytes in the second at {@code index} (0 = oldest). */
    public long up(int index) {
        return points[2 * at(index)];
    }

    /** Download bytes in the second at {@code index} (0 = oldest). */
    public long down(int index) {
        return points[2 * at(index) + 1];
    }

    /** Upload plus download bytes in the second at {@code index}. */
    public long total(int index) {
        int i = 2 * at(index);
        return points[i] + points[i + 1];
    }

    private int at(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return offset + index;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RateHistory h) || h.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (up(i) != h.up(i) || down(i) != h.down(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + Long.hashCode(up(i));
            h = 31 * h + Long.hashCode(down(i));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("RateHistory[");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(up(i)).append('/').append(down(i));
        }
        return b.append(']').toString();
    }
}
