package org.sstop.tui.render;

import java.time.Duration;
import java.util.Locale;

/** Short human forms of byte counts, rates and durations. */
public final class Format {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private Format() {
    }

    /** Bytes with a 1024-based unit: {@code 0 B}, {@code 1.5 KB}, {@code 12 MB}. */
    public static String bytes(double value) {
        double v = Double.isFinite(value) ? Math.max(0, value) : 0;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        if (u == 0) {
            return String.format(Locale.ROOT, "%d B", Math.round(v));
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
    }

    /** A rate: {@code 1.5 KB/s}. */
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
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }

    /** A refresh interval: {@code 250ms}, {@code 1s}. */
    public static String interval(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
