package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MonitorLifecycleTest {

    private static List<Thread> samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sstop-sampler-") && t.isAlive()).toList();
    }

    @Test
    void startRunsANamedDaemonThreadThatCloseStops() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        CountDownLatch two = new CountDownLatch(2);
        List<String> threadNames = new CopyOnWriteArrayList<>();
        List<Snapshot> got = new CopyOnWriteArrayList<>();
        List<Thread> before = samplerThreads();
        NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets)))
                .interval(NetMonitor.MIN_INTERVAL)
                .listener(s -> {
                    threadNames.add(Thread.currentThread().getName());
                    got.add(s);
                    two.countDown();
                })
                .build();
        m.start();
        m.start(); // idempotent
        assertTrue(two.await(30, TimeUnit.SECONDS), "two snapshots pushed");
        List<Thread> mine = samplerThreads().stream().filter(t -> !before.contains(t)).toList();
        assertEquals(1, mine.size());
        assertTrue(mine.get(0).isDaemon());
        assertTrue(threadNames.get(0).matches("sstop-sampler-\\d+"), threadNames.get(0));
        assertEquals(got.get(0).sequence() + 1, got.get(1).sequence());
        assertTrue(m.latest().isPresent());

        m.close();
        assertFalse(mine.get(0).isAlive(), "the thread is gone after close()");
        assertTrue(sockets.closed, "backends are closed");
        m.close(); // idempotent
        assertThrows(IllegalStateException.class, m::sample);
    }

    @Test
    void closingDuringASlowSampleSaysTheSampleNotAListenerHeldIt() throws Exception {
        CountDownLatch inSample = new CountDownLatch(1);
        Fakes.Sockets slow = new Fakes.Sockets() {
            @Override
            public org.sstop.api.SocketSample sample() throws java.io.IOException {
                if (samples > 0) { // the start's own sample, then one that hangs
                    inSample.countDown();
                    try {
                        Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
                return super.sample();
            }
        };
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Sampler.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            NetMonitor m = NetMonitor.builder().providers(List.of(new Fakes.SocketsProvider("s", 1, slow)))
                    .interval(NetMonitor.MIN_INTERVAL).listener(x -> { }).build();
            m.start();
            assertTrue(inSample.await(30, TimeUnit.SECONDS));
            m.close();
        } finally {
            log.removeHandler(handler);
        }
        assertTrue(warnings.stream().anyMatch(w -> w.contains("is still in a sample after")), warnings.toString());
        assertFalse(warnings.stream().anyMatch(w -> w.contains("listener")), warnings.toString());
    }

    @Test
    void failedSamplesGoToOnErrorAndSamplingContinues() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        sockets.failNext = new java.io.IOException("transient");
        CountDownLatch error = new CountDownLatch(1);
        CountDownLatch snapshot = new CountDownLatch(1);
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets)))
                .interval(NetMonitor.MIN_INTERVAL)
                .listener(new SnapshotListener() {
                    @Override
                    public void onSnapshot(Snapshot s) {
                        snapshot.countDown();
                    }

                    @Override
                    public void onError(Throwable e) {
                        error.countDown();
                    }
                })
                .build()) {
            m.start();
            assertTrue(error.await(30, TimeUnit.SECONDS));
            assertTrue(snapshot.await(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void twoMonitorsInOneJvmAreIndependent() throws Exception {
        try (Fakes.World a = new Fakes.World(); Fakes.World b = new Fakes.World()) {
            a.mapper.own(100, proc(42, "a", 1));
            b.mapper.own(100, proc(42, "b", 1));
            a.start(false);
            b.start(false);
            a.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            b.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            a.step(1000);
            b.step(1000);
            a.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 111, 0));
            b.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 999, 0));
            Snapshot sa = a.step(1000);
            b.step(1000);
            Snapshot sb = b.step(1000);
            assertEquals(111, process(sa, 42).traffic().upBytes());
            assertEquals("a", process(sa, 42).name());
            assertEquals(999, process(sb, 42).traffic().upBytes());
            assertEquals("b", process(sb, 42).name());
            assertEquals(2, sa.sequence());
            assertEquals(3, sb.sequence());
            a.close();
            assertEquals(4, b.step(1000).sequence(), "closing one leaves the other running");
        }
    }

    @Test
    void intervalIsValidatedAndAppliesToTheNextSample() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.start(false);
            assertEquals(Duration.ofSeconds(1), w.monitor.interval());
            assertThrows(IllegalArgumentException.class, () -> w.monitor.setInterval(Duration.ofMillis(99)));
            assertThrows(IllegalArgumentException.class, () -> w.monitor.setInterval(Duration.ofSeconds(11)));
            assertThrows(IllegalArgumentException.class, () -> NetMonitor.builder().interval(Duration.ZERO));
            w.monitor.setInterval(Duration.ofMillis(250));
            Snapshot s = w.step(250);
            assertEquals(Duration.ofMillis(250), s.interval());
            assertEquals(Duration.ofMillis(250), s.elapsed());
            assertEquals(Fakes.TestClock.EPOCH.plusNanos(w.clock.nanos), s.time());
        }
    }

    @Test
    void startTakesTheBaselineBeforeReturning() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        CountDownLatch pushed = new CountDownLatch(1);
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets)))
                .interval(NetMonitor.MAX_INTERVAL)
                .listener(s -> pushed.countDown())
                .build()) {
            m.start();
            assertEquals(1, m.latest().orElseThrow().sequence());
            assertEquals(1, sockets.samples);
            assertTrue(pushed.await(30, TimeUnit.SECONDS), "the baseline is pushed too");
        }
    }
}
