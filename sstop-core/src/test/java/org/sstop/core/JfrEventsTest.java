package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sstop.api.ProcessInfo;

/**
 * The monitor's JFR events, recorded with {@link Recording}, dumped, read back with
 * {@link RecordingFile} and checked field by field against the snapshots the samples returned.
 */
class JfrEventsTest {

    private static final String SAMPLE = "org.sstop.NetworkSample";
    private static final String PROCESS = "org.sstop.ProcessTraffic";

    @TempDir
    Path dir;

    /** Runs four samples of known traffic under a recording; returns the snapshots and the events. */
    private List<Snapshot> run(boolean jfr, List<RecordedEvent> events) throws Exception {
        try (Fakes.World w = new Fakes.World(); Recording recording = new Recording()) {
            w.configure = b -> b.jfrEvents(jfr).jfrProcessThreshold(2000);
            w.mapper.own(100, proc(42, "curl", 1));
            w.mapper.own(200, proc(7, "sshd", 2));
            w.mapper.own(300, new ProcessInfo(9, 1, "evil\u001b[2J", "", 0, "root", 3, null, ""));
            w.start(false);
            recording.enable(SAMPLE);
            recording.enable(PROCESS);
            recording.start();
            List<Snapshot> snapshots = new ArrayList<>();
            w.interfaces.set("eth0", 0, 0, false);
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            w.sockets.put(tcp(2, "10.0.0.1", 22, "10.0.0.8", 51000, 200, 0, 0));
            w.sockets.put(tcp(3, "10.0.0.1", 6000, "10.0.0.7", 80, 300, 0, 0));
            snapshots.add(w.step(1000));
            long up = 0;
            long down = 0;
            for (int i = 1; i <= 3; i++) {
                up += 10_000;
                down += 50_000;
                w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, up, down));
                w.sockets.put(tcp(2, "10.0.0.1", 22, "10.0.0.8", 51000, 200, 10L * i, 20L * i)); // below the threshold
                w.sockets.put(tcp(3, "10.0.0.1", 6000, "10.0.0.7", 80, 300, 5000, 0)); // one burst, then quiet
                w.interfaces.set("eth0", down + 66 * 40L * i, up + 66 * 10L * i, false);
                snapshots.add(w.step(1000));
            }
            recording.stop();
            Path file = dir.resolve("sstop.jfr");
            recording.dump(file);
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (e.getEventType().getName().startsWith("org.sstop.")) {
                    events.add(e);
                }
            }
            return snapshots;
        }
    }

    @Test
    void everySampleIsAnEventWithItsTotalsAndCoverage() throws Exception {
        List<RecordedEvent> events = new ArrayList<>();
        List<Snapshot> snapshots = run(true, events);
        Map<Long, RecordedEvent> samples = new TreeMap<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(SAMPLE)) {
                assertEquals(null, samples.put(e.getLong("sequence"), e), "one event per sample");
            }
        }
        assertEquals(snapshots.stream().map(Snapshot::sequence).collect(Collectors.toSet()), samples.keySet());
        for (Snapshot s : snapshots) {
            RecordedEvent e = samples.get(s.sequence());
            Traffic t = s.totals();
            assertEquals(Math.round(t.upRate()), e.getLong("upRate"));
            assertEquals(Math.round(t.downRate()), e.getLong("downRate"));
            assertEquals(t.upDelta(), e.getLong("upDelta"));
            assertEquals(t.downDelta(), e.getLong("downDelta"));
            assertEquals(t.upBytes(), e.getLong("upBytes"));
            assertEquals(t.downBytes(), e.getLong("downBytes"));
            assertEquals(s.unattributed().upBytes(), e.getLong("unattributedUpBytes"));
            assertEquals(s.unattributed().downBytes(), e.getLong("unattributedDownBytes"));
            Coverage.Closure c = s.coverage().sample();
            assertEquals(c.payloadBytes(), e.getLong("payloadBytes"));
            assertEquals(c.interfaceBytes(), e.getLong("interfaceBytes"));
            assertEquals(c.estimatedHeaderBytes(), e.getLong("estimatedHeaderBytes"));
            assertEquals(c.forwardedBytes(), e.getLong("forwardedBytes"));
            assertEquals(c.ratio(), e.getDouble("coverage"), 0.0);
            assertEquals(s.coverage().total().ratio(), e.getDouble("totalCoverage"), 0.0);
            assertEquals(s.processes().size(), e.getInt("processes"));
            assertEquals(s.visibility().limited(), e.getBoolean("visibilityLimited"));
            assertFalse(e.getDuration().isNegative(), "the event spans the sample");
            assertEquals(null, e.getStackTrace(), "no stack trace: it would only show the sampling thread");
        }
        Snapshot last = snapshots.get(snapshots.size() - 1);
        assertEquals(30_000 + 30 + 5_000, last.totals().upBytes(), "the test moved what it meant to");
        assertTrue(last.coverage().sample().interfaceBytes() > 0);
        // Units, so that Mission Control shows bytes and bytes per second.
        assertEquals("jdk.jfr.DataAmount", samples.get(last.sequence()).getEventType().getField("upBytes").getContentType());
        assertNotNull(samples.get(last.sequence()).getEventType().getField("upRate").getAnnotation(jdk.jfr.Frequency.class));
    }

    @Test
    void processesAtTheThresholdAreEventsWithTheirRatesAndTotals() throws Exception {
        List<RecordedEvent> events = new ArrayList<>();
        List<Snapshot> snapshots = run(true, events);
        Map<Long, Map<Integer, RecordedEvent>> byPid = new TreeMap<>();
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals(PROCESS)) {
                assertEquals(null, byPid.computeIfAbsent(e.getLong("sequence"), k -> new TreeMap<>()).put(e.getInt("pid"), e));
            }
        }
        Set<Integer> evented = new HashSet<>();
        for (Snapshot s : snapshots) {
            Map<Integer, RecordedEvent> got = byPid.getOrDefault(s.sequence(), Map.of());
            for (ProcessStats p : s.processes()) {
                Traffic t = p.traffic();
                double perSecond = (t.upDelta() + t.downDelta()) / (s.elapsed().toNanos() / 1e9);
                boolean busy = t.totalRate() >= 2000 || perSecond >= 2000;
                RecordedEvent e = got.get(p.pid());
                assertEquals(busy, e != null, "pid " + p.pid() + " in sample " + s.sequence() + ": " + t);
                if (e == null) {
                    continue;
                }
                evented.add(p.pid());
                assertEquals(Math.round(t.upRate()), e.getLong("upRate"));
                assertEquals(Math.round(t.downRate()), e.getLong("downRate"));
                assertEquals(t.upDelta(), e.getLong("upDelta"));
                assertEquals(t.downDelta(), e.getLong("downDelta"));
                assertEquals(t.upBytes(), e.getLong("upBytes"));
                assertEquals(t.downBytes(), e.getLong("downBytes"));
                assertEquals(p.connections(), e.getInt("connections"));
                assertEquals(p.user(), e.getString("user"));
                assertEquals("", e.getString("container"));
                assertEquals(p.state() == ProcessState.EXITED, e.getBoolean("exited"));
            }
            assertEquals(got.size(), s.processes().stream().filter(p -> got.containsKey(p.pid())).count());
        }
        assertEquals(Set.of(42, 9), evented, "curl, and the burst while its rate stays at the threshold; sshd never (below it)");
        RecordedEvent evil = byPid.values().stream().map(m -> m.get(9)).filter(e -> e != null).findFirst().orElseThrow();
        assertEquals("evil\\e[2J", evil.getString("name"), "names are sanitized: jfr print writes them to a terminal");
        assertEquals("curl", byPid.get(snapshots.get(1).sequence()).get(42).getString("name"));
    }

    @Test
    void offByDefaultNothingIsEmittedEvenWhenARecordingAsks() throws Exception {
        List<RecordedEvent> events = new ArrayList<>();
        List<Snapshot> snapshots = run(false, events);
        assertEquals(4, snapshots.size());
        assertEquals(List.of(), events);
    }

    @Test
    void aNegativeThresholdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NetMonitor.builder().jfrProcessThreshold(-1));
        assertNotNull(NetMonitor.builder().jfrProcessThreshold(0));
    }
}
