package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedding example the README quotes. It compiles and runs against whatever backends are
 * on the class path (here: the test providers registered in META-INF/services).
 */
class EmbeddingExampleTest {

    @Test
    void pullAndPush() throws Exception {
        // --- README example begins ---
        // Pull: take snapshots when you want them.
        try (NetMonitor monitor = NetMonitor.builder().build()) {
            Snapshot snapshot = monitor.sample();
            for (ProcessStats p : snapshot.processes()) {
                System.Logger log = System.getLogger("example");
                log.log(System.Logger.Level.INFO, "%d %s up %.0f B/s down %.0f B/s".formatted(
                        p.pid(), p.name(), p.traffic().upRate(), p.traffic().downRate()));
            }
            assertEquals("test-available", snapshot.backends().selected("sockets"));
        }

        // Push: the monitor samples on its own thread and calls you back.
        BlockingQueue<Snapshot> received = new ArrayBlockingQueue<>(16);
        try (NetMonitor monitor = NetMonitor.builder()
                .interval(Duration.ofMillis(500))
                .listener(received::offer)
                .build()) {
            monitor.start();
            Snapshot first = received.poll(30, TimeUnit.SECONDS);
            // --- README example ends ---
            assertFalse(first == null, "a snapshot was pushed");
            assertEquals(Duration.ofMillis(500), first.interval());
        }
    }
}
