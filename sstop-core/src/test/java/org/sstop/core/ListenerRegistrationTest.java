package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Listeners added to and removed from a built (and started) monitor; the last sample's duration. */
class ListenerRegistrationTest {

    @Test
    void aListenerAddedAfterBuildGetsPushesUntilItIsRemoved() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.start(false);
            NetMonitor m = w.monitor;
            assertEquals(Duration.ZERO, m.lastSampleDuration(), "no sample yet");
            LinkedBlockingQueue<Snapshot> got = new LinkedBlockingQueue<>();
            SnapshotListener l = got::add;
            m.addListener(l);
            m.setInterval(NetMonitor.MIN_INTERVAL);
            m.start();
            Snapshot first = got.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "pushed to the listener added after build()");
            assertNotNull(got.poll(30, TimeUnit.SECONDS), "and again");
            assertFalse(m.lastSampleDuration().isNegative());
            assertTrue(m.removeListener(l));
            assertFalse(m.removeListener(l), "only once");
            // A push already under way may still arrive; none after it.
            Thread.sleep(250);
            got.clear();
            long sequence = m.latest().orElseThrow().sequence();
            Thread.sleep(500);
            assertTrue(m.latest().orElseThrow().sequence() > sequence, "the monitor still samples");
            assertNull(got.poll(), "but the removed listener gets nothing");
        }
    }

    @Test
    void aPulledSampleSaysHowLongItTook() throws Exception {
        try (Fakes.World w = new Fakes.World()) {
            w.start(false);
            w.step(1000);
            Duration took = w.monitor.lastSampleDuration();
            assertTrue(took.compareTo(Duration.ZERO) > 0 && took.compareTo(Duration.ofSeconds(10)) < 0, took.toString());
        }
    }
}
