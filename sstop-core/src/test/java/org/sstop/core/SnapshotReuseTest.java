package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

/** Idle processes and hosts cost a snapshot nothing: their figures are the objects of the sample before. */
class SnapshotReuseTest {

    private final Fakes.World w = new Fakes.World();

    @AfterEach
    void tearDown() {
        w.close();
    }

    private static HostStats host(Snapshot s, String address) {
        return s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse(address))).findFirst().orElseThrow();
    }

    @Test
    void idleFiguresAreReusedAndBusyOnesAreNew() throws Exception {
        w.mapper.own(100, proc(42, "curl", 1));
        w.mapper.own(200, proc(7, "sshd", 2));
        w.configure = b -> b.socketDetail(false);
        w.start(false);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 22, "10.0.0.7", 51000, 200, 0, 0));
        Snapshot before = w.step(1000);
        Snapshot after = before;
        for (int i = 1; i <= 70; i++) { // past a minute: the idle ones' histories are all zeros by then
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000L * i, 0));
            before = after;
            after = w.step(1000);
        }
        assertSame(process(before, 7), process(after, 7), "idle sshd");
        assertSame(host(before, "10.0.0.7"), host(after, "10.0.0.7"), "the host only sshd talks to");
        assertNotSame(process(before, 42), process(after, 42), "busy curl");
        assertNotSame(host(before, "10.0.0.9"), host(after, "10.0.0.9"));
        assertEquals(70_000, process(after, 42).traffic().upBytes());

        w.sockets.put(tcp(2, "10.0.0.1", 22, "10.0.0.7", 51000, 200, 5, 0)); // sshd moves 5 bytes
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 70_000, 0));
        Snapshot moved = w.step(1000);
        assertNotSame(process(after, 7), process(moved, 7), "what moved is shown");
        assertEquals(5, process(moved, 7).traffic().upBytes());
        assertEquals(5, host(moved, "10.0.0.7").traffic().upBytes());
    }
}
