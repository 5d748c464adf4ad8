package org.sstop.core;

/**
 * Bytes per whole second of monitor time for the last {@link RateHistory#CAPACITY} seconds.
 * A sample spanning several seconds spreads its bytes over them in proportion to the overlap
 * (rounded so that the parts add up exactly); samples shorter than a second accumulate into the
 * second they end in. Only completed seconds are published.
 *
 * <p>Seconds are kept in an append-only buffer: a completed second is never written again, so a
 * published {@link RateHistory} is a view of the buffer, not a copy (a snapshot costs one small
 * object per history, not a minute of numbers). When the buffer is full, the last minute moves to
 * a new one; views of the old one stay valid. Written by the one {@link TrafficMeter} that owns it.
 */
final class HistoryLog {

    static final long SECOND = 1_000_000_000L;
    private static final int N = RateHistory.CAPACITY;
    /**
     * Room to append beyond the published minute: a little in the first buffer (most hosts and
     * many processes are seen for a moment), three minutes in the next ones (a buffer is copied
     * once per room: more room, less copying per second, 21 bytes a second with three minutes).
     */
    private static final int FIRST_ROOM = 8;
    private static final int ROOM = 3 * N;
    /** Seconds compared by the trend: the last 5 against the 5 before. */
    static final int TREND_WINDOW = 5;
    /** Relative change beyond which a trend is rising or falling. */
    static final double TREND_THRESHOLD = 0.20;

    /** Upload and download of second {@code start + i} at {@code [2i]} and {@code [2i+1]}; null until the first bytes. */
    private long[] buffer;
    /** Seconds the buffer holds. */
    private int capacity;
    private long start;
    /** Seconds before this one are complete (published or publishable) and never written again. */
    private long completed;
    private RateHistory cached;
    private long cachedSecond = -1;

    /** Adds the bytes of one sample covering monitor time {@code [from, to)} in nanoseconds. */
    void add(long bytesUp, long bytesDown, long fromNanos, long toNanos) {
        if (bytesUp == 0 && bytesDown == 0) {
            return;
        }
        if (toNanos <= fromNanos) {
            put(Math.max(0, toNanos) / SECOND, bytesUp, bytesDown);
            return;
        }
        long first = Math.max(0, fromNanos) / SECOND;
        long last = (toNanos - 1) / SECOND;
        long kept = Math.max(first, last - N + 1); // bytes of seconds already out of the window are not kept
        double span = toNanos - fromNanos;
        long startFrom = Math.max(fromNanos, kept * SECOND);
        long doneUp = Math.round(bytesUp * ((startFrom - fromNanos) / span));
        long doneDown = Math.round(bytesDown * ((startFrom - fromNanos) / span));
        for (long s = kept; s <= last; s++) {
            double f = (Math.min(toNanos, (s + 1) * SECOND) - fromNanos) / span;
            long cumUp = s == last ? bytesUp : Math.round(bytesUp * f);
            long cumDown = s == last ? bytesDown : Math.round(bytesDown * f);
            put(s, cumUp - doneUp, cumDown - doneDown);
            doneUp = cumUp;
            doneDown = cumDown;
        }
    }

    private void put(long second, long up, long down) {
        if (second < completed || up == 0 && down == 0) {
            return; // a completed second is final (only reached with out-of-order times)
        }
        cover(second);
        int i = 2 * (int) (second - start);
        buffer[i] += up;
        buffer[i + 1] += down;
    }

    /** Makes the buffer hold {@code second} and the minute before it, moving to a new buffer when full. */
    private void cover(long second) {
        if (buffer != null && second < start + capacity) {
            return;
        }
        long newStart = Math.max(0, second - N);
        int newCapacity = N + 1 + (buffer == null ? FIRST_ROOM : ROOM);
        long[] next = new long[2 * newCapacity];
        if (buffer != null) {
            long from = Math.max(newStart, start);
            long to = start + capacity;
            if (from < to) {
                System.arraycopy(buffer, 2 * (int) (from - start), next, 2 * (int) (from - newStart), 2 * (int) (to - from));
            }
        }
        buffer = next;
        capacity = newCapacity;
        start = newStart;
    }

    /** Marks the seconds before {@code second} complete. */
    private void complete(long second) {
        if (second > completed) {
            completed = second;
        }
    }

    /** The completed seconds before {@code nowNanos}, oldest first (at most a minute). */
    RateHistory history(long nowNanos) {
        long c = Math.max(0, nowNanos) / SECOND;
        complete(c);
        if (cached != null && cachedSecond == c) {
            return cached;
        }
        int n = (int) Math.min(c, N);
        if (buffer == null || c - n >= start + capacity) {
            cached = RateHistory.zeros(n); // nothing in the last minute
        } else {
            cover(c - 1);
            cached = RateHistory.view(buffer, (int) (c - n - start), n);
        }
        cachedSecond = c;
        return cached;
    }

    /**
     * The last {@value #TREND_WINDOW} completed seconds against the {@value #TREND_WINDOW} before.
     * Stable until ten whole seconds of monitor time exist; with nothing before, any traffic now is
     * rising.
     */
    Trend trend(long nowNanos) {
        long c = Math.max(0, nowNanos) / SECOND;
        if (c < 2L * TREND_WINDOW) {
            return Trend.STABLE;
        }
        RateHistory h = history(nowNanos);
        int n = h.size();
        long recent = 0;
        long before = 0;
        for (int k = 1; k <= TREND_WINDOW; k++) {
            recent += h.total(n - k);
            before += h.total(n - k - TREND_WINDOW);
        }
        return trendOf(recent, before);
    }

    static Trend trendOf(long recent, long before) {
        if (before == 0) {
            return recent > 0 ? Trend.RISING : Trend.STABLE;
        }
        double change = (double) (recent - before) / before;
        if (change > TREND_THRESHOLD) {
            return Trend.RISING;
        }
        if (change < -TREND_THRESHOLD) {
            return Trend.FALLING;
        }
        return Trend.STABLE;
    }
}
