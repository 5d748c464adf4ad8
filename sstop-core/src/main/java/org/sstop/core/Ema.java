package org.sstop.core;

/**
 * Time-based exponential moving average of an upload and a download rate: alpha = 0.3 per second
 * of elapsed time ({@code alpha_eff = 1 - 0.7^(dt/1s)}), so the smoothing per second is the same
 * whatever the sampling interval. The first update sets the rate to delta / elapsed.
 *
 * <p>The average is linear, so the rate of a sum of things (a process and its sockets) equals the
 * sum of their rates, provided bytes of a member's first interval, which set that member's rate
 * outright, enter the sum's rate outright too: those are the {@code primed} bytes of
 * {@link #update(long, long, long, long, double, double)}. ({@link TrafficMeter} extends this class
 * so that a socket's meter is one object, not two: the engine walks ten thousand of them.)
 */
class Ema {

    /** What remains of the old rate after one second. */
    static final double DECAY_PER_SECOND = 0.7;

    private double up;
    private double down;
    private boolean primed;

    /** The effective alpha for an elapsed time; computed once per sample, shared by every meter. */
    static double alpha(double dtSeconds) {
        return 1 - Math.pow(DECAY_PER_SECOND, dtSeconds);
    }

    /**
     * Folds in one sample.
     *
     * @param deltaUp bytes uploaded during the interval
     * @param deltaDown bytes downloaded during the interval
     * @param dtSeconds measured interval; nothing changes when it is not positive
     * @param alpha {@link #alpha(double)} of {@code dtSeconds}
     */
    void update(long deltaUp, long deltaDown, double dtSeconds, double alpha) {
        update(deltaUp, deltaDown, 0, 0, dtSeconds, alpha);
    }

    /**
     * Folds in one sample whose bytes partly come from members seen for the first time.
     *
     * @param deltaUp bytes uploaded during the interval by members already averaged
     * @param deltaDown bytes downloaded by members already averaged
     * @param primedUp bytes uploaded by members in their first interval: they enter the rate as is
     * @param primedDown bytes downloaded by members in their first interval
     * @param dtSeconds measured interval; nothing changes when it is not positive
     * @param alpha {@link #alpha(double)} of {@code dtSeconds}
     */
    void update(long deltaUp, long deltaDown, long primedUp, long primedDown, double dtSeconds, double alpha) {
        if (dtSeconds <= 0) {
            return;
        }
        if (!primed) {
            up = (deltaUp + primedUp) / dtSeconds;
            down = (deltaDown + primedDown) / dtSeconds;
            primed = true;
            return;
        }
        up = settle(up + alpha * (deltaUp / dtSeconds - up) + primedUp / dtSeconds);
        down = settle(down + alpha * (deltaDown / dtSeconds - down) + primedDown / dtSeconds);
    }

    /** A fading rate reaches 0 instead of dwindling forever (a millionth of a byte a second is no rate), so idle things stop changing. */
    private static double settle(double rate) {
        return rate < 1e-6 ? 0 : rate;
    }

    /**
     * Sets the first rates of an average that has none yet (a member whose first interval was
     * counted before it was known takes the rate its sum took in for it then); else does nothing.
     */
    void startAt(double upRate, double downRate) {
        if (!primed) {
            up = upRate;
            down = downRate;
            primed = true;
        }
    }

    /**
     * Takes over another average's rates (a member that joins late brings its rate along): added to
     * this one's, or this one's first rates when it has none yet.
     */
    void adoptRate(Ema member) {
        if (!member.primed) {
            return;
        }
        up = primed ? up + member.up : member.up;
        down = primed ? down + member.down : member.down;
        primed = true;
    }

    /**
     * Gives back a member's rate that this average took in with its bytes (a member that leaves
     * for another average, which adopts it): {@code share} of it, never below 0.
     */
    void shedRate(Ema member, double share) {
        if (!member.primed || !primed) {
            return;
        }
        up = settle(Math.max(0, up - share * member.up));
        down = settle(Math.max(0, down - share * member.down));
    }

    /** Whether the first update happened (the rate is an average, not a placeholder 0). */
    boolean primed() {
        return primed;
    }

    double up() {
        return up;
    }

    double down() {
        return down;
    }
}
