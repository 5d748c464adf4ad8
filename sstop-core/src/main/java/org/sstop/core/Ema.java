package org.sstop.core;

/**
 * Time-based exponential moving average of an upload and a download rate: alpha = 0.3 per second
 * of elapsed time ({@code alpha_eff = 1 - 0.7^(dt/1s)}), so the smoothing per second is the same
 * whatever the sampling interval. The first update sets the rate to delta / elapsed.
 * ({@link TrafficMeter} extends it so that a socket's meter is one object, not two: the engine
 * walks ten thousand of them per sample.)
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
        if (dtSeconds <= 0) {
            return;
        }
        double ru = deltaUp / dtSeconds;
        double rd = deltaDown / dtSeconds;
        if (!primed) {
            up = ru;
            down = rd;
            primed = true;
            return;
        }
        up += alpha * (ru - up);
        down += alpha * (rd - down);
    }

    double up() {
        return up;
    }

    double down() {
        return down;
    }
}
