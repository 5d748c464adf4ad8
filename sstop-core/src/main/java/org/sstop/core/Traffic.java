package org.sstop.core;

/**
 * Rates and totals of one thing (a process, host, socket, interface or the system).
 *
 * @param upRate smoothed upload rate, bytes per second
 * @param downRate smoothed download rate, bytes per second
 * @param upBytes bytes uploaded since the monitor started
 * @param downBytes bytes downloaded since the monitor started
 * @param upDelta how much {@code upBytes} grew in the last sample: the bytes uploaded since the
 *     previous sample, plus any counted late (an owner found a sample late); unsmoothed, so that an
 *     exporter can keep exact counters
 * @param downDelta how much {@code downBytes} grew in the last sample
 */
public record Traffic(double upRate, double downRate, long upBytes, long downBytes, long upDelta, long downDelta) {

    /** No traffic. */
    public static final Traffic ZERO = new Traffic(0, 0, 0, 0, 0, 0);

    /**
     * Rates and totals, with no bytes in the last sample.
     *
     * @param upRate smoothed upload rate
     * @param downRate smoothed download rate
     * @param upBytes bytes uploaded
     * @param downBytes bytes downloaded
     */
    public Traffic(double upRate, double downRate, long upBytes, long downBytes) {
        this(upRate, downRate, upBytes, downBytes, 0, 0);
    }

    /** Upload plus download rate. */
    public double totalRate() {
        return upRate + downRate;
    }

    /** Upload plus download bytes. */
    public long totalBytes() {
        return upBytes + downBytes;
    }

    /** The same totals with both rates 0 (a process that exited moves nothing any more). */
    Traffic stopped() {
        return upRate == 0 && downRate == 0 ? this : new Traffic(0, 0, upBytes, downBytes, upDelta, downDelta);
    }
}
