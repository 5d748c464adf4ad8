package org.sstop.core;

/**
 * Totals, smoothed rates and (optionally) per-second history of one thing. Bytes are added
 * during a sample with {@link #add} and folded in once per sample with {@link #commit}.
 */
final class TrafficMeter extends Ema {

    private final HistoryRing history;
    private long upBytes;
    private long downBytes;
    private long pendingUp;
    private long pendingDown;
    /** Monitor time (ns) of the last commit that carried bytes. */
    private long lastActiveNanos;

    TrafficMeter(boolean withHistory) {
        this.history = withHistory ? new HistoryRing() : null;
    }

    void add(long up, long down) {
        pendingUp += up;
        pendingDown += down;
    }

    /**
     * Moves bytes counted earlier into (positive) or out of (negative) the totals, leaving rates
     * and history alone: used when a socket's owner is found after its bytes were counted.
     */
    void transferTotals(long up, long down) {
        upBytes = Math.max(0, upBytes + up);
        downBytes = Math.max(0, downBytes + down);
    }

    /** Folds in the bytes added since the previous commit, over monitor time {@code [from, to)}. */
    void commit(double dtSeconds, double alpha, long fromNanos, long toNanos) {
        long u = pendingUp;
        long d = pendingDown;
        pendingUp = 0;
        pendingDown = 0;
        upBytes += u;
        downBytes += d;
        if (u != 0 || d != 0) {
            lastActiveNanos = toNanos;
        }
        update(u, d, dtSeconds, alpha);
        if (history != null) {
            history.add(u, d, fromNanos, toNanos);
        }
    }

    Traffic traffic() {
        return new Traffic(up(), down(), upBytes, downBytes);
    }

    double totalRate() {
        return up() + down();
    }

    long lastActiveNanos() {
        return lastActiveNanos;
    }

    RateHistory history(long nowNanos) {
        return history == null ? RateHistory.EMPTY : history.history(nowNanos);
    }

    Trend trend(long nowNanos) {
        return history == null ? Trend.STABLE : history.trend(nowNanos);
    }
}
