package org.sstop.core;

/**
 * Totals, smoothed rates and (optionally) per-second history of one thing: a socket, process,
 * host, interface, or a system account. Bytes are added during a sample with {@link #add} and
 * folded in once per sample with {@link #commit}. Written only by the sampling thread's stages
 * (the {@link Accountant} adds, the {@link Engine} commits); read by the {@link SnapshotAssembler}.
 */
final class TrafficMeter extends Ema {

    private final HistoryLog history;
    private long upBytes;
    private long downBytes;
    private long pendingUp;
    private long pendingDown;
    private long primedUp;
    private long primedDown;
    private long movedUp;
    private long movedDown;
    private long lastUp;
    private long lastDown;
    /** Monitor time (ns) of the last commit that carried bytes. */
    private long lastActiveNanos;
    private Traffic published;

    TrafficMeter(boolean withHistory) {
        this.history = withHistory ? new HistoryLog() : null;
    }

    /**
     * Adds bytes of this sample.
     *
     * @param primed whether they come from a member in its first interval (see {@link Ema}):
     *     a socket's first bytes, added to its process, host or account
     */
    void add(long up, long down, boolean primed) {
        if (primed) {
            primedUp += up;
            primedDown += down;
        } else {
            pendingUp += up;
            pendingDown += down;
        }
    }

    /**
     * Adds bytes moved earlier and counted now (an owner found late): they join the totals, not the
     * rates or the history, which stay as measured.
     */
    void addLate(long up, long down) {
        movedUp += up;
        movedDown += down;
    }

    /** Folds in the bytes added since the previous commit. */
    void commit(SampleTime t) {
        long u = pendingUp + primedUp;
        long d = pendingDown + primedDown;
        lastUp = u + movedUp;
        lastDown = d + movedDown;
        upBytes += lastUp;
        downBytes += lastDown;
        if (u != 0 || d != 0) {
            lastActiveNanos = t.toNanos();
        }
        update(pendingUp, pendingDown, primedUp, primedDown, t.seconds(), t.alpha());
        if (history != null) {
            history.add(u, d, t.fromNanos(), t.toNanos());
        }
        pendingUp = 0;
        pendingDown = 0;
        primedUp = 0;
        primedDown = 0;
        movedUp = 0;
        movedDown = 0;
    }

    /** The meter's traffic now; the same object as last time when nothing changed (idle things make no garbage). */
    Traffic traffic() {
        Traffic t = published;
        if (t == null || t.upRate() != up() || t.downRate() != down() || t.upBytes() != upBytes
                || t.downBytes() != downBytes || t.upDelta() != lastUp || t.downDelta() != lastDown) {
            t = new Traffic(up(), down(), upBytes, downBytes, lastUp, lastDown);
            published = t;
        }
        return t;
    }

    long upBytes() {
        return upBytes;
    }

    long downBytes() {
        return downBytes;
    }

    long totalBytes() {
        return upBytes + downBytes;
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
