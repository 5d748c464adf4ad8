package org.sstop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;

/**
 * sstop's promise checked the way a user would: real processes move a known number of bytes to
 * a peer host (a network namespace), and the monitor, with the real backends the ServiceLoader
 * finds, must report them on the right pid.
 */
class AccuracyTest {

    private static final long RATE = 5_000_000;
    private static final int SECONDS = 20;

    private static TestNetwork net;
    private static int port;

    /** A snapshot and the monotonic time it arrived. */
    private record Timed(long nanos, Snapshot snapshot) {
    }

    @BeforeAll
    static void peer() throws Exception {
        port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
        net = TestNetwork.create(port);
    }

    @AfterAll
    static void cleanup() {
        if (net != null) {
            net.close();
        }
    }

    private static NetMonitor monitor(List<Timed> into) throws Exception {
        NetMonitor m = NetMonitor.builder()
                .interval(Duration.ofSeconds(1))
                .listener(s -> into.add(new Timed(System.nanoTime(), s)))
                .build();
        m.start();
        return m;
    }

    private static Optional<ProcessStats> process(Snapshot s, long pid) {
        return s.processes().stream().filter(p -> p.pid() == pid).findFirst();
    }

    private static void assertWithin(double expected, double actual, double fraction, String what) {
        double error = Math.abs(actual - expected) / expected;
        assertTrue(error <= fraction, () -> String.format("%s: expected %.0f within %.1f%%, got %.0f (%.2f%% off)",
                what, expected, fraction * 100, actual, error * 100));
    }

    /** Waits until at least two more samples have arrived, so the last bytes are in. */
    private static Snapshot settle(List<Timed> snaps) throws InterruptedException {
        int seen = snaps.size();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (snaps.size() < seen + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(snaps.size() >= seen + 3, "the monitor stopped sampling");
        return snaps.get(snaps.size() - 1).snapshot();
    }

    private void steadyUpload(boolean upload) throws Exception {
        List<Timed> snaps = new CopyOnWriteArrayList<>();
        try (NetMonitor m = monitor(snaps)) {
            long t0 = System.nanoTime();
            TestNetwork.Gen gen = net.run(upload ? "upload" : "download", net.peerAddress, Integer.toString(port),
                    Long.toString(RATE), Integer.toString(SECONDS));
            long moved = gen.awaitDone(SECONDS + 30);
            Snapshot last = settle(snaps);

            ProcessStats p = process(last, gen.pid()).orElseThrow(() -> new AssertionError("pid " + gen.pid() + " missing"));
            assertWithin(moved, upload ? p.traffic().upBytes() : p.traffic().downBytes(), 0.01,
                    (upload ? "up" : "down") + "_bytes of pid " + gen.pid());

            int steady = 0;
            for (Timed t : snaps) {
                double at = (t.nanos() - t0) / 1e9;
                if (at < 6 || at > SECONDS - 2) {
                    continue;
                }
                ProcessStats s = process(t.snapshot(), gen.pid()).orElseThrow();
                assertWithin(RATE, upload ? s.traffic().upRate() : s.traffic().downRate(), 0.03,
                        String.format("%s_rate at %.1f s", upload ? "up" : "down", at));
                steady++;
            }
            assertTrue(steady >= 10, "too few steady-state samples: " + steady);
        }
    }

    @Test
    void steadyUploadIsCountedOnItsPid() throws Exception {
        steadyUpload(true);
    }

    @Test
    void steadyDownloadIsCountedOnItsPid() throws Exception {
        steadyUpload(false);
    }

    @Test
    void burstBeforeExitStaysOnThePid() throws Exception {
        List<Timed> snaps = new CopyOnWriteArrayList<>();
        try (NetMonitor m = monitor(snaps)) {
            TestNetwork.Gen gen = net.run("burst", net.peerAddress, Integer.toString(port), "2000", "30000000");
            long moved = gen.awaitDone(30);
            assertEquals(30_000_001, moved);
            Snapshot last = settle(snaps);
            ProcessStats p = process(last, gen.pid()).orElseThrow(() -> new AssertionError("exited pid " + gen.pid() + " missing"));
            assertTrue(p.traffic().upBytes() >= 0.99 * moved,
                    "only " + p.traffic().upBytes() + " of " + moved + " bytes on pid " + gen.pid());
            assertTrue(p.traffic().upBytes() <= moved * 1.01, "more bytes than were sent: " + p.traffic().upBytes());
        }
    }

    @Test
    void connectionShorterThanOneIntervalIsNotLost() throws Exception {
        List<Timed> snaps = new CopyOnWriteArrayList<>();
        try (NetMonitor m = monitor(snaps)) {
            while (snaps.isEmpty()) {
                Thread.sleep(20);
            }
            long before = snaps.get(snaps.size() - 1).snapshot().totals().upBytes();
            TestNetwork.Gen gen = net.run("burst", net.peerAddress, Integer.toString(port), "0", "4000000");
            long moved = gen.awaitDone(30);
            Snapshot last = settle(snaps);
            long counted = last.totals().upBytes() - before;
            assertTrue(counted >= moved, "a short connection's " + moved + " bytes were lost: totals grew by " + counted);
            assertTrue(counted <= moved * 1.01 + 100_000, "more than was sent: totals grew by " + counted);
        }
    }
}
