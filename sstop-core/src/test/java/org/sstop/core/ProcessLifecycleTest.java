package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.findProcess;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessLifecycleTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.mapper.own(100, proc(42, "curl", 1));
        w.start(false);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void exitedProcessIsKeptThirtySecondsWithItsTotalsThenDropped() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 4000, 1000));
        w.step(1000);
        // the process exits: its socket disappears and it is no longer alive
        w.sockets.remove(1);
        w.mapper.processes.remove(42);
        Snapshot s = w.step(1000);
        ProcessStats p = findProcess(s, 42).orElseThrow();
        assertEquals(ProcessState.EXITED, p.state());
        assertEquals(Fakes.TestClock.EPOCH.plusNanos(w.clock.nanos), p.exitedAt());
        assertEquals(5000, p.traffic().totalBytes());
        assertEquals(5000, s.totals().totalBytes(), "totals survive the exit");

        s = w.step(29_000);
        assertTrue(findProcess(s, 42).isPresent(), "kept for 30 s");
        s = w.step(1000);
        assertTrue(findProcess(s, 42).isEmpty(), "dropped after 30 s");
        assertEquals(5000, s.totals().totalBytes());
    }

    @Test
    void ownerFoundLateGetsTheSocketsEarlierBytes() throws Exception {
        w.step(1000);
        // a new socket of pid 42 whose inode the mapper cannot find at first (a rescan was due later)
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 200, 3000, 1000));
        Snapshot s = w.step(1000);
        assertEquals(4000, s.unattributed().totalBytes(), "unowned bytes are unattributed meanwhile");
        w.mapper.own(200, proc(42, "curl", 1));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 200, 5000, 1500));
        s = w.step(2000);
        ProcessStats p = findProcess(s, 42).orElseThrow();
        assertEquals(5000, p.traffic().upBytes(), "the bytes before the owner was found are the owner's");
        assertEquals(1500, p.traffic().downBytes());
        assertEquals(4000, s.unattributed().totalBytes(), "unattributed when counted: a cumulative figure never goes down");
        assertEquals(4000, s.external().reattributed().totalBytes(), "moved to the owner since");
        assertEquals(4000, s.external().reattributedByReason().get(UnattributedReason.NO_PROCESS).totalBytes());
        assertEquals(6500, s.external().attributedBytes());
        assertEquals(6500, s.totals().totalBytes(), "system totals count every byte once");
    }

    @Test
    void aLateOwnerTakesTheSocketsRateFromTheUnattributedRate() throws Exception {
        w.step(1000);
        long up = 0;
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 200, up, 0));
        w.step(1000);
        for (int i = 0; i < 3; i++) { // 1000 B/s with no owner
            up += 1000;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 200, up, 0));
            w.step(1000);
        }
        w.mapper.own(200, proc(42, "curl", 1));
        int owned = 0;
        for (int i = 0; i < 8 && owned < 3; i++) { // the mapper is asked again after a back-off
            up += 1000;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 200, up, 0));
            Snapshot s = w.step(1000);
            if (Fakes.findProcess(s, 42).isEmpty()) {
                continue;
            }
            owned++;
            assertTrue(s.external().reattributed().upBytes() > 0);
            assertEquals(0, s.unattributed().upRate(), 1e-6, "the socket's rate is the owner's alone, not counted twice");
            assertEquals(s.totals().upRate(), process(s, 42).traffic().upRate(), 1e-6);
        }
        assertEquals(3, owned);
    }

    @Test
    void aConnectionPerSecondIsCountedAtItsRateNotThreeTimesIt() throws Exception {
        w.step(1000);
        Snapshot s = null;
        for (int i = 1; i <= 15; i++) { // each connection moves 1000 bytes in its one interval, then is gone
            w.mapper.own(1000 + i, proc(42, "curl", 1));
            w.sockets.live.clear();
            w.sockets.put(tcp(i, "10.0.0.1", 5000 + i, "10.0.0.9", 80, 1000 + i, 1000, 0));
            s = w.step(1000);
        }
        assertEquals(1000, process(s, 42).traffic().upRate(), 1, "the process");
        assertEquals(1000, s.totals().upRate(), 1, "the system");
        HostStats host = s.hosts().stream().filter(h -> h.address().toString().equals("10.0.0.9")).findFirst().orElseThrow();
        assertEquals(1000, host.traffic().upRate(), 1, "the host");
    }

    @Test
    void processWithoutSocketsButAliveStaysRunning() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.remove(1);
        Snapshot s = w.step(1000);
        ProcessStats p = findProcess(s, 42).orElseThrow();
        assertEquals(ProcessState.RUNNING, p.state());
        assertNull(p.exitedAt());
        assertEquals(0, p.connections());
    }

    @Test
    void reusedPidIsANewProcess() throws Exception {
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 100, 0));
        w.step(1000);
        // pid 42 exits while the socket list still lags; a new process gets pid 42
        w.sockets.remove(1);
        w.mapper.own(555, proc(42, "other", 99));
        w.sockets.put(tcp(2, "10.0.0.1", 6000, "10.0.0.9", 80, 555, 7, 0));
        Snapshot s = w.step(1000);
        assertEquals(2, Fakes.rows(s, 42).size());
        ProcessStats old = Fakes.process(s, 42, 1);
        ProcessStats fresh = Fakes.process(s, 42, 99);
        assertEquals(ProcessState.EXITED, old.state());
        assertNotNull(old.exitedAt());
        assertEquals(100, old.traffic().upBytes());
        assertEquals(ProcessState.RUNNING, fresh.state());
        assertEquals("other", fresh.name());
        assertEquals(7, fresh.traffic().upBytes());
    }

    @Test
    void retentionIsConfigurable() throws Exception {
        w.close();
        Fakes.World w2 = new Fakes.World();
        w2.mapper.own(100, proc(42, "curl", 1));
        w2.monitor = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, w2.sockets), new Fakes.MapperProvider("m", 1, w2.mapper)))
                .nanoClock(w2.clock).wallClock(w2.clock).exitedRetention(java.time.Duration.ofSeconds(2)).build();
        try (w2) {
            w2.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
            w2.step(1000);
            w2.sockets.remove(1);
            w2.mapper.processes.remove(42);
            w2.step(1000);
            assertTrue(findProcess(w2.step(1000), 42).isPresent());
            assertTrue(findProcess(w2.step(1000), 42).isEmpty());
        }
    }
}
