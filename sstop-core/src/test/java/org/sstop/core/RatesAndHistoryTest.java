package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RatesAndHistoryTest {

    private static final long SEC = 1_000_000_000L;

    @Test
    void firstUpdateIsDeltaOverElapsed() {
        Ema e = new Ema();
        e.update(500, 250, 0.5, Ema.alpha(0.5));
        assertEquals(1000, e.up(), 1e-9);
        assertEquals(500, e.down(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 10_000})
    void smoothingPerSecondIsTheSameAtEveryInterval(int intervalMs) {
        // A step from 0 to 1 MB/s: after 10 s the rate is 1 MB/s * (1 - 0.7^10) at any interval.
        Ema e = new Ema();
        double dt = intervalMs / 1000.0;
        e.update(0, 0, dt, Ema.alpha(dt));
        int steps = 10_000 / intervalMs;
        long bytes = 1_000_000L * intervalMs / 1000;
        for (int i = 0; i < steps; i++) {
            e.update(bytes, 0, dt, Ema.alpha(dt));
        }
        assertEquals(1_000_000 * (1 - Math.pow(0.7, 10)), e.up(), 1e-3);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, 10_000})
    void monitorRatesUseMeasuredElapsedTime(int intervalMs) throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.mapper.own(100, proc(42, "x", 1));
            w.start(false);
            long sent = 0;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, sent, 0));
            w.step(intervalMs);
            Snapshot s = null;
            for (int i = 0; i < 10_000 / intervalMs; i++) {
                sent += 2_000_000L * intervalMs / 1000;
                w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, sent, 0));
                s = w.step(intervalMs);
                // The first measured interval sets the rate (the baseline measured none): a steady
                // stream shows its rate from the first sample on, not 30 % of it.
                assertEquals(2_000_000, process(s, 42).traffic().upRate(), 1, "sample " + s.sequence());
                assertEquals(2_000_000, s.totals().upRate(), 1, "sample " + s.sequence());
            }
            assertEquals(20_000_000, process(s, 42).traffic().upBytes());
        }
    }

    @Test
    void historyHasOnePointPerCompletedSecond() {
        HistoryLog h = new HistoryLog();
        h.add(100, 10, 0, SEC);
        h.add(200, 20, SEC, 2 * SEC);
        RateHistory r = h.history(2 * SEC + 1);
        assertEquals(2, r.size());
        assertEquals(100, r.up(0));
        assertEquals(200, r.up(1));
        assertEquals(20, r.down(1));
    }

    @Test
    void aSampleSpanningSecondsSpreadsItsBytesProportionally() {
        HistoryLog h = new HistoryLog();
        // 4 s sample from 0.5 s to 4.5 s: 1/8, 1/4, 1/4, 1/4, 1/8
        h.add(8000, 0, SEC / 2, 4 * SEC + SEC / 2);
        RateHistory r = h.history(5 * SEC);
        assertArrayEquals(new long[] {1000, 2000, 2000, 2000, 1000}, ups(r));
    }

    @Test
    void spreadingNeverLosesOrInventsBytes() {
        HistoryLog h = new HistoryLog();
        h.add(1001, 7, SEC / 3, 3 * SEC + SEC / 7);
        RateHistory r = h.history(10 * SEC);
        long up = 0;
        long down = 0;
        for (int i = 0; i < r.size(); i++) {
            up += r.up(i);
            down += r.down(i);
        }
        assertEquals(1001, up);
        assertEquals(7, down);
    }

    @Test
    void subSecondSamplesAccumulateIntoTheirSecond() {
        HistoryLog h = new HistoryLog();
        for (int i = 0; i < 10; i++) {
            h.add(50, 0, i * SEC / 10, (i + 1) * SEC / 10);
        }
        assertEquals(0, h.history(SEC - 1).size()); // second 0 not complete yet
        RateHistory r = h.history(SEC + SEC / 10);
        assertEquals(1, r.size());
        assertEquals(500, r.up(0));
    }

    @Test
    void historyKeepsTheLastMinute() {
        HistoryLog h = new HistoryLog();
        for (int s = 0; s < 100; s++) {
            h.add(s, 0, s * SEC, (s + 1) * SEC);
        }
        RateHistory r = h.history(100 * SEC);
        assertEquals(RateHistory.CAPACITY, r.size());
        assertEquals(40, r.up(0));
        assertEquals(99, r.up(59));
    }

    @Test
    void quietSecondsAreZeroAfterAGap() {
        HistoryLog h = new HistoryLog();
        h.add(100, 0, 0, SEC);
        h.add(0, 0, SEC, 70 * SEC);
        h.add(5, 0, 70 * SEC, 71 * SEC);
        RateHistory r = h.history(71 * SEC);
        assertEquals(5, r.up(59));
        for (int i = 0; i < 59; i++) {
            assertEquals(0, r.up(i));
        }
    }

    @Test
    void trendThresholds() {
        assertEquals(Trend.RISING, HistoryLog.trendOf(121, 100));
        assertEquals(Trend.STABLE, HistoryLog.trendOf(120, 100));
        assertEquals(Trend.STABLE, HistoryLog.trendOf(80, 100));
        assertEquals(Trend.FALLING, HistoryLog.trendOf(79, 100));
        assertEquals(Trend.RISING, HistoryLog.trendOf(1, 0), "anything after nothing is rising");
        assertEquals(Trend.STABLE, HistoryLog.trendOf(0, 0));
        assertEquals(Trend.FALLING, HistoryLog.trendOf(0, 100));
    }

    @Test
    void trendComparesTheLastFiveSecondsWithTheFiveBefore() {
        HistoryLog h = new HistoryLog();
        for (int s = 0; s < 5; s++) {
            h.add(100, 0, s * SEC, (s + 1) * SEC);
        }
        for (int s = 5; s < 10; s++) {
            h.add(200, 0, s * SEC, (s + 1) * SEC);
        }
        assertEquals(Trend.STABLE, h.trend(9 * SEC), "not ten whole seconds yet");
        assertEquals(Trend.RISING, h.trend(10 * SEC));
        for (int s = 10; s < 15; s++) {
            h.add(100, 0, s * SEC, (s + 1) * SEC);
        }
        assertEquals(Trend.FALLING, h.trend(15 * SEC));
    }

    @Test
    void monitorHistoryIsSystemWideAndPerProcess() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.mapper.own(100, proc(42, "x", 1));
            w.start(false);
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            w.step(1000);
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 3000, 0));
            Snapshot s = w.step(2000); // monitor time 1 s .. 3 s
            assertArrayEquals(new long[] {0, 1500, 1500}, ups(s.history()));
            assertArrayEquals(new long[] {0, 1500, 1500}, ups(process(s, 42).history()));
        }
    }

    private static long[] ups(RateHistory r) {
        long[] u = new long[r.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = r.up(i);
        }
        return u;
    }
}
