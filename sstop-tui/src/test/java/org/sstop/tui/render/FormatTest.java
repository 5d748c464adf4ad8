package org.sstop.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written forms match what {@code String.format} printed before, digit for digit. */
class FormatTest {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    /** The former implementation, for comparison. */
    private static String formatted(double value) {
        double v = Math.max(0, value);
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%d B", Math.round(v))
                : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[u]);
    }

    @Test
    void bytesMatchTheFormatterIncludingHalfwayRounding() {
        double[] edges = {0, 0.4, 0.5, 1023, 1023.5, 1024, 1024 * 1.05, 1024 * 9.95, 1024 * 9.96, 1024 * 10.5,
            1024.0 * 1024 * 999.5, 1023.99 * 1024 * 1024, Math.pow(1024, 6) * 3};
        for (double v : edges) {
            assertEquals(formatted(v), Format.bytes(v), "at " + v);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double v = Math.pow(2, r.nextDouble(0, 50));
            assertEquals(formatted(v), Format.bytes(v), "at " + v);
        }
        assertEquals("0 B", Format.bytes(Double.NaN));
    }

    @Test
    void unitsAreIecAsTheyAre1024Based() {
        assertEquals("1023 B", Format.bytes(1023));
        assertEquals("1.0 KiB", Format.bytes(1024));
        assertEquals("1.5 MiB/s", Format.rate(1.5 * 1024 * 1024));
        assertEquals("8.0 GiB", Format.bytes(8L << 30));
    }

    @Test
    void bitsAreSiAndFixedUnitsStayFixed() {
        assertEquals("0 bit/s", Format.bits(0));
        assertEquals("992 bit/s", Format.bits(124));
        assertEquals("1.0 kbit/s", Format.bits(125));
        assertEquals("100 Mbit/s", Format.bits(12_500_000));
        assertEquals("8.0 Gbit/s", Format.bits(1e9));
        assertEquals("0 bit/s", Format.bits(Double.NaN));
        assertEquals("1048576 B", Format.bytesIn(1 << 20, 0));
        assertEquals("1.5 KiB", Format.bytesIn(1536, 1));
        assertEquals("1024 KiB", Format.bytesIn(1 << 20, 1));
        assertEquals("0.0 MiB", Format.bytesIn(1, 2));
        assertEquals("999.0 MiB", Format.bytesIn(999.0 * (1 << 20), 2));
    }

    @Test
    void ageAndClock() {
        assertEquals("45s", Format.age(Duration.ofSeconds(45)));
        assertEquals("3m07s", Format.age(Duration.ofSeconds(187)));
        assertEquals("2h05m", Format.age(Duration.ofMinutes(125)));
        assertEquals("3d04h", Format.age(Duration.ofHours(76)));
        assertEquals("09:05:07", Format.clock(Instant.parse("2026-11-21T09:05:07.900Z"), ZoneOffset.UTC));
        assertEquals("00:00:00", Format.clock(Instant.parse("2026-11-21T23:00:00Z"), ZoneOffset.ofHours(1)));
    }
}
