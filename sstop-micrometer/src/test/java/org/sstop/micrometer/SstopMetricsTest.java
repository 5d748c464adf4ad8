package org.sstop.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.micrometer.Snapshots.process;
import static org.sstop.micrometer.Snapshots.snapshot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.core.NetMonitor;
import org.sstop.core.ProcessStats;

/** The binder on synthetic snapshots, against a SimpleMeterRegistry. */
class SstopMetricsTest {

    private static final long SECOND = 1_000_000_000L;

    private NetMonitor monitor;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        monitor = Snapshots.idleMonitor();
    }

    @AfterEach
    void tearDown() {
        monitor.close();
    }

    private SstopMetrics metrics(int top) {
        SstopMetrics m = new SstopMetrics(monitor, Tags.of("host", "h1"), top, Duration.ofSeconds(60), () -> now);
        m.bindTo(registry);
        return m;
    }

    private Double sent(String pid) {
        FunctionCounter c = registry.find("sstop.process.sent").tag("pid", pid).functionCounter();
        return c == null ? null : c.count();
    }

    private double value(String name, String... tags) {
        Meter m = registry.find(name).tags(tags).meter();
        assertNotNull(m, name + " " + List.of(tags));
        return m.measure().iterator().next().getValue();
    }

    @Test
    void theTopNHaveMetersOfTheirOwnTheRestIsOther() {
        SstopMetrics m = metrics(2);
        m.onSnapshot(snapshot(1, List.of(
                process(10, 1, "a", 300, 3000, 30, false),
                process(11, 1, "b", 200, 2000, 20, false, new ContainerInfo("docker", "abc", "web", null, null)),
                process(12, 1, "c", 100, 1000, 10, false))));
        assertEquals(3000.0, sent("10"));
        assertEquals(2000.0, sent("11"));
        assertNull(sent("12"), "not in the top 2");
        assertEquals(1000.0, sent("other"));
        assertEquals(10.0, registry.get("sstop.process.received").tag("pid", "other").functionCounter().count());
        FunctionCounter a = registry.get("sstop.process.sent").tag("pid", "10").functionCounter();
        assertEquals(Tags.of("host", "h1", "pid", "10", "name", "a", "user", "root", "container", "none"),
                Tags.of(a.getId().getTags()));
        assertEquals("bytes", a.getId().getBaseUnit());
        assertEquals("web", registry.get("sstop.process.sent").tag("pid", "11").functionCounter().getId().getTag("container"));
        assertEquals(300.0, value("sstop.process.sent.rate", "pid", "10"));
        assertEquals(150.0, value("sstop.process.received.rate", "pid", "10"));
        assertEquals(3.0, value("sstop.process.connections", "pid", "10"));
        assertEquals(1.0, value("sstop.process.listening.sockets", "pid", "10"));
        assertEquals(3.0, value("sstop.process.connections", "pid", "other"), "the sum over the processes in other");
        assertEquals(100.0, value("sstop.process.sent.rate", "pid", "other"));
    }

    @Test
    void theSystemMetersFollowTheSnapshot() {
        SstopMetrics m = metrics(2);
        assertEquals(0.0, value("sstop.sent"), "registered at bind, zero before any snapshot");
        assertTrue(Double.isNaN(value("sstop.coverage.ratio")));
        m.onSnapshot(snapshot(1, List.of()));
        assertEquals(5000.0, value("sstop.sent"));
        assertEquals(7000.0, value("sstop.received"));
        assertEquals(10.0, value("sstop.sent.rate"));
        assertEquals(20.0, value("sstop.received.rate"));
        assertEquals(300.0, value("sstop.unattributed.sent", "reason", "no_permission"));
        assertEquals(100.0, value("sstop.unattributed.received", "reason", "no_permission"));
        assertEquals(0.0, value("sstop.unattributed.sent", "reason", "short_lived"), "every reason has its meter");
        assertEquals(40.0, value("sstop.reattributed.sent", "reason", "short_lived"));
        assertEquals(12_000.0, value("sstop.coverage.payload"));
        assertEquals(20_000.0, value("sstop.coverage.interface"));
        assertEquals(6_600.0, value("sstop.coverage.estimated.header"));
        assertEquals(400.0, value("sstop.coverage.forwarded"));
        assertEquals(12_000.0 / (20_000 - 6_600 - 400), value("sstop.coverage.ratio"), 1e-12);
        assertEquals(1.0, value("sstop.visibility.limited"));
        assertEquals(3.0, value("sstop.capture.dropped"));
        assertEquals(4.0, value("sstop.close.notifications.lost"));
        assertEquals(11.0, value("sstop.interface.sent", "interface", "eth0", "netns", "0"));
        assertEquals(22.0, value("sstop.interface.received", "interface", "eth0"));
        assertEquals(6.0, value("sstop.interface.received.rate", "interface", "eth0"));
        assertEquals(1.0, value("sstop.samples"));
        assertNotNull(registry.find("sstop.sample.duration").timeGauge());
        assertEquals(TimeUnit.SECONDS, registry.get("sstop.sample.duration").timeGauge().baseTimeUnit());
        for (Meter meter : registry.getMeters()) {
            assertEquals("h1", meter.getId().getTag("host"), "the binder's tags on every meter: " + meter.getId());
        }
    }

    @Test
    void aSnapshotGivenTwiceCountsOnce() {
        SstopMetrics m = metrics(1);
        m.onSnapshot(snapshot(1, List.of(process(10, 1, "a", 300, 100, 0, false), process(11, 1, "b", 1, 50, 0, false))));
        m.onSnapshot(snapshot(2, List.of(process(10, 1, "a", 300, 200, 0, false), process(11, 1, "b", 1, 80, 0, false))));
        m.onSnapshot(snapshot(2, List.of(process(10, 1, "a", 300, 200, 0, false), process(11, 1, "b", 1, 80, 0, false))));
        m.onSnapshot(snapshot(1, List.of(process(10, 1, "a", 300, 100, 0, false), process(11, 1, "b", 1, 50, 0, false))));
        assertEquals(200.0, sent("10"));
        assertEquals(80.0, sent("other"));
        assertEquals(2.0, value("sstop.samples"));
    }

    /** Random churn through the top N: no counter ever goes down, other included, and the process meters stay bounded. */
    @Test
    void countersNeverGoDownAndTheSeriesStayBounded() {
        int top = 3;
        SstopMetrics m = metrics(top);
        Random random = new Random(12);
        long[] up = new long[30];
        List<ProcessStats> last = List.of();
        java.util.Map<Meter.Id, Double> seen = new java.util.HashMap<>();
        for (int sample = 1; sample <= 300; sample++) {
            now += SECOND;
            List<ProcessStats> ps = new ArrayList<>();
            for (int pid = 0; pid < up.length; pid++) {
                // Core lists a process until it exited and its retention passed: never absent, then back.
                long step = random.nextInt(4) == 0 ? 0 : random.nextInt(1000);
                up[pid] += step;
                ps.add(process(pid + 100, 1, "p" + pid, step, up[pid], 0, false));
            }
            m.onSnapshot(snapshot(sample, ps));
            last = ps;
            assertTrue(m.processSeries() <= 2 * top + 1, "at most 2N series and other: " + m.processSeries());
            for (FunctionCounter c : registry.find("sstop.process.sent").functionCounters()) {
                Double before = seen.put(c.getId(), c.count());
                assertTrue(before == null || c.count() >= before, c.getId() + " went from " + before + " to " + c.count());
            }
        }
        assertFalse(last.isEmpty());
    }

    @Test
    void anExitedProcessKeepsItsMetersForTheRetentionThenTheyAreRemoved() {
        SstopMetrics m = metrics(2);
        m.onSnapshot(snapshot(1, List.of(process(10, 1, "a", 300, 3000, 0, false))));
        now += SECOND;
        m.onSnapshot(snapshot(2, List.of(process(10, 1, "a", 0, 3500, 0, true))));
        assertEquals(3500.0, sent("10"), "its final total");
        now += 58 * SECOND;
        m.onSnapshot(snapshot(3, List.of(process(10, 1, "a", 0, 3500, 0, true))));
        assertEquals(3500.0, sent("10"), "kept for the retention after it last was in the top N");
        now += 2 * SECOND;
        m.onSnapshot(snapshot(4, List.of()));
        assertNull(sent("10"));
        assertNull(registry.find("sstop.process.connections").tag("pid", "10").gauge(), "every meter of it goes");
        assertEquals(0.0, sent("other"));
    }

    @Test
    void aReusedPidWithTheSameTagsGetsANewCounterNeverOneThatGoesDown() {
        SstopMetrics m = metrics(2);
        m.onSnapshot(snapshot(1, List.of(process(10, 1, "a", 300, 3000, 0, false))));
        FunctionCounter old = registry.get("sstop.process.sent").tag("pid", "10").functionCounter();
        now += SECOND;
        m.onSnapshot(snapshot(2, List.of(process(10, 1, "a", 0, 3000, 0, true), process(10, 2, "a", 50, 70, 0, false))));
        FunctionCounter fresh = registry.get("sstop.process.sent").tag("pid", "10").functionCounter();
        assertEquals(70.0, fresh.count());
        assertFalse(old == fresh, "a new meter: a registry that keeps the last value never sees 3000 -> 70 on one counter");
        assertEquals(1, registry.find("sstop.process.sent").tag("pid", "10").functionCounters().size());
    }

    @Test
    void everyMeterOfANameHasTheSameTagKeysAndHostileTextIsMadeSafe() {
        SstopMetrics m = metrics(3);
        m.onSnapshot(snapshot(1, List.of(
                process(10, 1, "\u001b]0;pwned\u0007", 300, 3000, 0, false),
                process(11, 1, null, 200, 2000, 0, false),
                process(12, 1, "x".repeat(500), 100, 1000, 0, false),
                process(13, 1, "d", 1, 1, 0, false))));
        for (String name : List.of("sstop.process.sent", "sstop.process.received", "sstop.process.sent.rate",
                "sstop.process.connections", "sstop.process.listening.sockets")) {
            Set<Set<String>> keys = new HashSet<>();
            for (Meter meter : registry.find(name).meters()) {
                keys.add(meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet()));
            }
            assertEquals(Set.of(Set.of("host", "pid", "name", "user", "container")), keys, name);
        }
        assertEquals("\\e]0;pwned\\a", registry.get("sstop.process.sent").tag("pid", "10").functionCounter().getId().getTag("name"));
        assertEquals(Things.UNKNOWN, registry.get("sstop.process.sent").tag("pid", "11").functionCounter().getId().getTag("name"));
        assertEquals(128, registry.get("sstop.process.sent").tag("pid", "12").functionCounter().getId().getTag("name").length());
    }

    @Test
    void closeReleasesTheListenerAndEveryMeterOfEveryRegistry() throws Exception {
        MeterRegistry second = new SimpleMeterRegistry();
        SstopMetrics m = metrics(2);
        m.bindTo(second);
        m.onSnapshot(snapshot(1, List.of(process(10, 1, "a", 300, 3000, 0, false))));
        assertEquals(3000.0, second.get("sstop.process.sent").tag("pid", "10").functionCounter().count(),
                "a process that appeared after both binds is in both");
        assertFalse(registry.getMeters().isEmpty());
        m.close();
        assertEquals(List.of(), registry.getMeters());
        assertEquals(List.of(), second.getMeters());
        assertFalse(monitor.removeListener(m), "no longer a listener of the monitor");
        m.onSnapshot(snapshot(2, List.of(process(10, 1, "a", 300, 4000, 0, false))));
        assertEquals(List.of(), registry.getMeters(), "a snapshot after close registers nothing");
        assertThrows(IllegalStateException.class, () -> m.bindTo(new SimpleMeterRegistry()));
        m.close(); // idempotent
    }

    @Test
    void bindingListensToTheMonitorOnce() throws Exception {
        SstopMetrics m = metrics(2);
        m.bindTo(new SimpleMeterRegistry());
        assertTrue(monitor.removeListener(m), "bound: listening");
        assertFalse(monitor.removeListener(m), "once, however many registries");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SstopMetrics(monitor, Tags.empty(), 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SstopMetrics(monitor, Tags.empty(), 10_001, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new SstopMetrics(monitor, Tags.empty(), 5, Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new SstopMetrics(null));
    }
}
