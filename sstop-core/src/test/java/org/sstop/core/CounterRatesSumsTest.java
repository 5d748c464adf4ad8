package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.PermanentFailureException;

/** With a kernel counter, rates where processes and sockets come and go together: the sums hold. */
class CounterRatesSumsTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.withCounter = true;
        w.mapper.own(100, proc(42, "curl", 4242));
        w.mapper.own(101, proc(88, "wget", 8888));
        w.start(true);
        w.step(1000);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    private static double sum(Snapshot s) {
        return s.processes().stream().mapToDouble(p -> p.traffic().totalRate()).sum();
    }

    private static double loopSum(Snapshot s) {
        return s.processes().stream().mapToDouble(p -> p.traffic().totalRate()).sum();
    }

    @Test
    void aProcessThatExitsAsItsSocketClosesLeavesTheTotalsOnce() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.process(42, 4242, "curl", 100_000, 0, 0, 0);
            w.counter.socket(1, 100_000, 0);
            w.counter.process(88, 8888, "wget", 10_000, 0, 0, 0);
            w.counter.socket(2, 10_000, 0);
            w.step(1000);
        }
        w.mapper.processes.remove(42);
        w.mapper.owners.remove(100L);
        w.sockets.remove(1);
        for (int i = 0; i < 5; i++) {
            w.counter.process(88, 8888, "wget", 10_000, 0, 0, 0);
            w.counter.socket(2, 10_000, 0);
            Snapshot s = w.step(1000);
            System.out.printf("same-sample: curl %s %.1f wget %.1f total %.1f%n", process(s, 42).state(),
                    process(s, 42).traffic().upRate(), process(s, 88).traffic().upRate(), s.totals().upRate());
            assertEquals(sum(s), s.totals().totalRate(), 1e-6);
        }
    }

    @Test
    void loopbackBetweenTwoProcessesSumsAndEndsAtZero() throws Exception {
        w.sockets.put(tcp(1, "127.0.0.1", 5000, "127.0.0.1", 6379, 100, 0, 0));
        w.sockets.put(tcp(2, "127.0.0.1", 6379, "127.0.0.1", 5000, 101, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.process(42, 4242, "curl", 0, 0, 20_000, 0);
            w.counter.socket(1, 20_000, 0);
            w.counter.process(88, 8888, "wget", 0, 0, 0, 20_000);
            w.counter.socket(2, 0, 20_000);
            Snapshot s = w.step(1000);
            assertEquals(loopSum(s), s.loopback().total().totalRate(), 1e-6);
        }
        w.sockets.remove(1);
        w.sockets.remove(2);
        Snapshot s = w.step(1000);
        System.out.printf("loopback closed: %.1f %.1f loop %.1f%n", process(s, 42).traffic().totalRate(),
                process(s, 88).traffic().totalRate(), s.loopback().total().totalRate());
        assertEquals(0, loopSum(s), 1e-6);
        assertEquals(0, s.loopback().total().totalRate(), 1e-6);
    }

    @Test
    void afterTheCounterFailsForGoodTheTotalsAreStillTheSum() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.process(42, 4242, "curl", 10_000, 0, 0, 0);
            w.counter.socket(1, 10_000, 0);
            w.step(1000);
        }
        w.counter.failNext = new PermanentFailureException("BPF link gone", null);
        long sent = 30_000;
        for (int i = 0; i < 8; i++) {
            sent += 10_000;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, sent, 0));
            Snapshot s = w.step(1000);
            System.out.printf("fallback %d: curl %.1f total %.1f%n", i, process(s, 42).traffic().upRate(), s.totals().upRate());
            assertEquals(sum(s), s.totals().totalRate(), 1e-6);
        }
    }
}
