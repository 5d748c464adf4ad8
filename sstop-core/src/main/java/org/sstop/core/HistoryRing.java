package org.sstop.core;

/**
 * Bytes per whole second of monitor time for the last {@link RateHistory#CAPACITY} seconds.
 * A sample spanning several seconds spreads its bytes over them in proportion to the overlap
 * (rounded so that the parts add up exactly); samples shorter than a second accumulate into the
 * second they end in. Only completed seconds are published.
 */
final class HistoryRing {

    static final long SECOND = 1_000_000_000L;
    private static final int N = RateHistory.CAPACITY;
    /** The published minute plus the second in progress. */
    private static final int SLOTS = N + 1;
    /** Seconds compared by the trend: the last 5 against the 5 before. */
    static final int TREND_WINDOW = 5;
    /** Relative change beyond which a trend is rising or falling. */
    static final double TREND_THRESHOLD = 0.20;

    /** Upload and download of each second side by side ({@code [2i]}, {@code [2i+1]}): one cache line, not two. */
    private final long[] slots = new long[2 * SLOTS];
    /** The latest second whose slot is current; every slot of an older second was cleared. */
    private long head = -1;
    private RateHistory cached;
    private long cachedSecond = -1;

    /**
     * Adds the bytes of one sample covering monitor time {@code [from, to)} in nanoseconds.
     */
    void add(long bytesUp, long bytesDown, long fromNanos, long toNanos) {
        if (bytesUp == 0 && bytesDown == 0) {
            roll(Math.max(0, toNanos) / SECOND);
            return;
        }
        cached = null;
        if (toNanos <= fromNanos) {
            long s = Math.max(0, toNanos) / SECOND;
            roll(s);
            put(s, bytesUp, bytesDown);
            return;
        }
        long first = Math.max(0, fromNanos) / SECOND;
        long last = (toNanos - 1) / SECOND;
        roll(last);
        double span = toNanos - fromNanos;
        long doneUp = 0;
        long doneDown = 0;
        for (long s = Math.max(first, last - N + 1); s <= last; s++) {
            long end = Math.min(toNanos, (s + 1) * SECOND);
            double f = (end - fromNanos) / span;
            long cumUp = s == last ? bytesUp : Math.round(bytesUp * f);
            long cumDown = s == last ? bytesDown : Math.round(bytesDown * f);
            if (s == Math.max(first, last - N + 1)) {
                // bytes of seconds that fell out of the window are not kept
                long start = Math.max(fromNanos, s * SECOND);
                double f0 = (start - fromNanos) / span;
                doneUp = Math.round(bytesUp * f0);
                doneDown = Math.round(bytesDown * f0);
            }
            put(s, cumUp - doneUp, cumDown - doneDown);
            doneUp = cumUp;
            doneDown = cumDown;
        }
    }

    private void put(long second, long u, long d) {
        if (second <= head - SLOTS) {
            return;
        }
        int i = 2 * (int) (second % SLOTS);
        slots[i] += u;
        slots[i + 1] += d;
    }

    private void roll(long second) {
        if (second <= head) {
            return;
        }
        long from = Math.max(head + 1, second - SLOTS + 1);
        for (long s = from; s <= second; s++) {
            int i = 2 * (int) (s % SLOTS);
            slots[i] = 0;
            slots[i + 1] = 0;
        }
        head = second;
    }

    /** The completed seconds before {@code nowNanos}, oldest first (at most a minute). */
    RateHistory history(long nowNanos) {
        long c = Math.max(0, nowNanos) / SECOND;
        roll(c);
        if (cached != null && cachedSecond == c) {
            return cached;
        }
        int n = (int) Math.min(c, N);
        long[] u = new long[n];
        long[] d = new long[n];
        for (int k = 0; k < n; k++) {
            int i = 2 * (int) ((c - n + k) % SLOTS);
            u[k] = slots[i];
            d[k] = slots[i + 1];
        }
        cached = RateHistory.wrap(u, d);
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
        roll(c);
        long recent = 0;
        long before = 0;
        for (int k = 1; k <= TREND_WINDOW; k++) {
            int i = 2 * (int) ((c - k) % SLOTS);
            int j = 2 * (int) ((c - k - TREND_WINDOW) % SLOTS);
            recent += slots[i] + slots[i + 1];
            before += slots[j] + slots[j + 1];
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
