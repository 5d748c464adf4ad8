package org.sstop.core;

import java.time.Instant;

/**
 * When one sample happens, as every stage needs it.
 *
 * @param sequence 1 for the first sample, then counting up
 * @param wall wall-clock time of the sample
 * @param nowNanos the monotonic clock's reading
 * @param fromNanos monitor time (since the monitor started) of the previous sample
 * @param toNanos monitor time of this sample
 * @param seconds measured time since the previous sample, in seconds; 0 for the first sample,
 *     the baseline, which measures no interval: a rate is set by the first interval measured, not
 *     averaged up from a 0 that the baseline would set (which showed a steady stream at 30 % of its
 *     rate in the first sample, 51 % in the second ...)
 * @param alpha the smoothing factor for {@code seconds} ({@link Ema#alpha(double)})
 */
record SampleTime(long sequence, Instant wall, long nowNanos, long fromNanos, long toNanos, double seconds, double alpha) {

    /** The first sample of a monitor started at {@code startNanos}, or the one after {@code previous}. */
    static SampleTime next(SampleTime previous, long startNanos, long nowNanos, Instant wall) {
        long from = previous == null ? 0 : previous.toNanos;
        long to = Math.max(from, nowNanos - startNanos);
        double seconds = previous == null ? 0 : (to - from) / 1e9;
        return new SampleTime(previous == null ? 1 : previous.sequence + 1, wall, nowNanos, from, to, seconds,
                Ema.alpha(seconds));
    }

    /** Measured time since the previous sample, in nanoseconds. */
    long elapsedNanos() {
        return toNanos - fromNanos;
    }
}
