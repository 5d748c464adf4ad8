package org.sstop.core;

/**
 * Rates and totals of one thing (a process, host, connection, interface or the system).
 *
 * @param upRate smoothed upload rate, bytes per second
 * @param downRate smoothed download rate, bytes per second
 * @param upBytes bytes uploaded since the monitor started
 * @param downBytes bytes downloaded since the monitor started
 */
public record Traffic(double upRate, double downRate, long upBytes, long downBytes) {

    /** No traffic. */
    public static final Traffic ZERO = new Traffic(0, 0, 0, 0);

    /** Upload plus download rate. */
    public double totalRate() {
        return upRate + downRate;
    }

    /** Upload plus download bytes. */
    public long totalBytes() {
        return upBytes + downBytes;
    }
}
