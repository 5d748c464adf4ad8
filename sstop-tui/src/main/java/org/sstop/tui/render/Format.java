package org.sstop.tui.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Short human forms of byte counts, rates, durations and the clock. Written out by hand rather
 * than with {@code String.format}, whose first use loads locale data: about 10 ms of sstop's
 * start-up, before the first frame.
 */
public final class Format {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Format() {
    }

    /** Bytes with a 1024-based (IEC) unit: {@code 0 B}, {@code 1.5 KiB}, {@code 12 MiB}. */
    public static String bytes(double value) {
        double v = Double.isFinite(value) ? Math.max(0, value) : 0;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return Math.round(v) + " B";
        }
        // One decimal below 10, none above, rounded half up from the shortest decimal form, as %.1f / %.0f do.
        return BigDecimal.valueOf(v).setScale(v < 10 ? 1 : 0, RoundingMode.HALF_UP).toPlainString() + " " + UNITS[u];
    }

    private static final String[] BIT_UNITS = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s", "Pbit/s"};
    private static final String[] FIXED = {"B", "KiB", "MiB"};

    /**
     * A rate in bits per second with a 1000-based (SI) unit, as link speeds are given:
     * {@code 0 bit/s}, {@code 1.5 kbit/s}, {@code 12 Mbit/s}.
     *
     * @param bytesPerSecond the rate in bytes per second
     * @return it in bits
     */
    public static String bits(double bytesPerSecond) {
        double v = Double.isFinite(bytesPerSecond) ? Math.max(0, bytesPerSecond) * 8 : 0;
        int u = 0;
        while (v >= 1000 && u < BIT_UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        if (u == 0) {
            return Math.round(v) + " bit/s";
        }
        return BigDecimal.valueOf(v).setScale(v < 10 ? 1 : 0, RoundingMode.HALF_UP).toPlainString() + " " + BIT_UNITS[u];
    }

    /**
     * Bytes in one fixed unit, as nethogs' total modes show them: {@code 1234567 B}, {@code 120.6 KiB},
     * {@code 1206 KiB}, {@code 1.2 MiB} (KiB and MiB with one decimal below 1000, so that a column stays narrow).
     *
     * @param value bytes
     * @param power 0 for B, 1 for KiB, 2 for MiB
     * @return the text
     */
    public static String bytesIn(double value, int power) {
        double v = Double.isFinite(value) ? Math.max(0, value) : 0;
        int p = Math.max(0, Math.min(FIXED.length - 1, power));
        if (p == 0) {
            return Math.round(v) + " B";
        }
        double in = v / Math.pow(1024, p);
        return BigDecimal.valueOf(in).setScale(in < 1000 ? 1 : 0, RoundingMode.HALF_UP).toPlainString() + " " + FIXED[p];
    }

    /** A rate: {@code 1.5 KiB/s}. */
    public static String rate(double bytesPerSecond) {
        return bytes(bytesPerSecond) + "/s";
    }

    /** A duration: {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
    public static String age(Duration d) {
        long s = d == null ? 0 : Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + two(s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + two((s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d" + two((s % 86400) / 3600) + "h";
    }

    /** The wall-clock time of {@code at} in {@code zone}: {@code 09:05:07}. */
    public static String clock(Instant at, ZoneId zone) {
        LocalTime t = LocalTime.ofInstant(at, zone);
        return two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    /** A refresh interval: {@code 250ms}, {@code 1s}. */
    public static String interval(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
