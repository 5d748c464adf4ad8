package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.tcp;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.SocketInfo;

/**
 * A socket's holder can change after the engine gave it an owner: the pid a source named is
 * reused, the source names another pid, or the process that made it exits while a child keeps it
 * (a daemon that forks). Each case failed before its fix (a second review of the engine).
 */
class OwnerChangeTest {

    private final Fakes.World w = new Fakes.World();

    @AfterEach
    void tearDown() {
        w.close();
    }

    /** A socket whose source names its process (as the macOS sources and a kernel counter do). */
    private static SocketInfo ownedBy(int pid, SocketInfo s) {
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), s.state(), s.ownerKey(), s.uid(), pid,
                s.bytesSent(), s.bytesReceived());
    }

    @Test
    void aPidTheSourceNamesAgainAfterItWasReusedIsANewProcess() throws Exception {
        w.mapper.processes.put(7, proc(7, "old", 100));
        w.start(false);
        w.step(1000);
        w.sockets.put(ownedBy(7, tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 0, 0)));
        w.step(1000);
        w.sockets.put(ownedBy(7, tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 1000, 0)));
        w.step(1000);
        w.sockets.remove(1);
        w.mapper.processes.put(7, proc(7, "new", 200)); // pid 7 is another process now
        w.sockets.put(ownedBy(7, tcp(2, "10.0.0.1", 6000, "10.0.0.9", 80, 0, 5000, 0)));
        Snapshot s = w.step(1000);
        List<ProcessStats> sevens = Fakes.rows(s, 7);
        assertEquals(2, sevens.size(), sevens.toString());
        ProcessStats old = Fakes.process(s, 7, 100);
        ProcessStats young = Fakes.process(s, 7, 200);
        assertEquals(ProcessState.EXITED, old.state());
        assertEquals(1000, old.traffic().upBytes());
        assertEquals(ProcessState.RUNNING, young.state());
        assertEquals("new", young.name());
        assertEquals(5000, young.traffic().upBytes());
    }

    @Test
    void aSocketTheSourceNowNamesAnotherProcessForMovesToIt() throws Exception {
        w.mapper.processes.put(7, proc(7, "parent", 100));
        w.mapper.processes.put(8, proc(8, "child", 101));
        w.start(false);
        w.step(1000);
        w.sockets.put(ownedBy(7, tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 1000, 0)));
        w.step(1000);
        w.mapper.processes.remove(7);
        w.sockets.put(ownedBy(8, tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 1500, 0)));
        w.step(1000);
        w.sockets.put(ownedBy(8, tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 1800, 0)));
        Snapshot s = w.step(1000);
        ProcessStats child = Fakes.process(s, 8);
        assertEquals(ProcessState.RUNNING, child.state());
        assertEquals(1, child.connections(), "the socket is the child's");
        assertEquals(800, child.traffic().upBytes(), "what moved since it held it");
        ProcessStats parent = Fakes.process(s, 7);
        assertEquals(ProcessState.EXITED, parent.state(), "not running for as long as the socket lives");
        assertEquals(0, parent.connections());
        assertEquals(1800, s.totals().upBytes());
    }

    @Test
    void aDaemonsSocketGoesToTheChildThatHoldsItWhenTheParentExits() throws Exception {
        w.mapper.own(100, proc(42, "parent", 1));
        w.start(false);
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.step(1000);
        // fork, and the parent exits: the child holds socket inode 100 now
        w.mapper.processes.remove(42);
        w.mapper.own(100, proc(43, "child", 2));
        long up = 1000;
        Snapshot s = null;
        for (int i = 0; i < 4; i++) { // the holder's life is checked every 2 s
            up += 100;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, up, 0));
            s = w.step(1000);
        }
        ProcessStats parent = Fakes.process(s, 42);
        assertEquals(ProcessState.EXITED, parent.state());
        assertEquals(0, parent.connections());
        ProcessStats child = Fakes.process(s, 43);
        assertEquals(ProcessState.RUNNING, child.state());
        assertEquals(1, child.connections());
        assertTrue(child.traffic().upBytes() >= 100, "the child moves its bytes: " + child.traffic());
        assertEquals(up, parent.traffic().upBytes() + child.traffic().upBytes() + s.unattributed().upBytes()
                - s.external().reattributed().upBytes(), "every byte once");
        assertEquals(up, s.totals().upBytes());
    }

    @Test
    void aKernelCountersLastBytesOfAProcessAlreadyExitedJoinItsRow() throws Exception {
        w.withCounter = true;
        w.mapper.own(100, proc(42, "curl", 4242));
        w.start(true);
        w.step(1000);
        w.counter.process(42, 4242, "curl", 1000, 0, 0, 0);
        w.step(1000);
        w.mapper.processes.remove(42); // it exits; the counter has not read its last bytes yet
        w.step(1000);
        w.counter.process(42, 4242, "curl", 300, 0, 0, 0);
        Snapshot s = w.step(1000);
        List<ProcessStats> rows = Fakes.rows(s, 42);
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(ProcessState.EXITED, rows.get(0).state());
        assertEquals(1300, rows.get(0).traffic().upBytes());
        assertEquals("curl --flag", rows.get(0).cmdline(), "still described as it was");
    }

    /**
     * With a kernel counter, the socket goes to the process that moves its bytes: a parent made the
     * connection, forked, and let its child use it (and let go of its copy, or not). The mapper
     * still names the parent: nothing tells it that the parent's fd is gone.
     */
    @Test
    void aSocketAChildUsesAfterAForkIsTheChildsConnectionWithAKernelCounter() throws Exception {
        w.withCounter = true;
        w.mapper.own(100, proc(42, "parent", 4242));
        w.mapper.processes.put(43, proc(43, "child", 4343));
        w.start(true);
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.counter.moved(42, 4242, "parent", 1, 100_000);
        Snapshot s = w.step(1000);
        assertEquals(1, Fakes.process(s, 42).connections(), "the parent's while it moves its bytes");
        for (int i = 0; i < 2; i++) {
            w.counter.moved(43, 4343, "child", 1, 50_000);
            s = w.step(1000);
        }
        ProcessStats parent = Fakes.process(s, 42);
        ProcessStats child = Fakes.process(s, 43);
        assertEquals(0, parent.connections(), "the parent moves nothing on it");
        assertEquals(1, child.connections(), "the child's connection now");
        assertEquals(200_000, child.sockets().get(0).traffic().upBytes(), "the socket keeps all its bytes");
        assertEquals(100_000, parent.traffic().upBytes());
        assertEquals(100_000, child.traffic().upBytes());
        assertEquals(ProcessState.RUNNING, parent.state());
    }

    /**
     * Without a kernel counter: a parent made the connection, forked, and closed its copy; it lives
     * on, and the child uses the socket. The mapper is asked again every 10 s, names the child, and
     * the socket (its later bytes, and its rate) goes to the child.
     */
    @Test
    void aSocketAParentHandedToAChildGoesToTheChildWhenTheMapperIsAskedAgain() throws Exception {
        w.mapper.own(100, proc(42, "parent", 4242));
        w.mapper.processes.put(43, proc(43, "child", 4343));
        w.start(false);
        w.step(1000);
        long up = 0;
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, up, 0));
        w.step(1000);
        w.mapper.own(100, proc(43, "child", 4343)); // the parent let go: only the child holds inode 100
        Snapshot s = null;
        for (int i = 0; i < 12; i++) {
            up += 10_000;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, up, 0));
            s = w.step(1000);
        }
        ProcessStats parent = Fakes.process(s, 42);
        ProcessStats child = Fakes.process(s, 43);
        assertEquals(ProcessState.RUNNING, parent.state(), "the parent lives on");
        assertEquals(0, parent.connections());
        assertEquals(1, child.connections(), "asked again within 10 s, the mapper names the child");
        assertTrue(child.traffic().upBytes() >= 10_000 && child.traffic().upBytes() < up, child.traffic().toString());
        assertEquals(up, parent.traffic().upBytes() + child.traffic().upBytes(), "every byte once");
        assertEquals(s.totals().upRate(), child.traffic().upRate(), 1e-6, "the socket's rate went along");
        assertTrue(child.traffic().upRate() > 9_000, child.traffic().toString());
        assertEquals(0, parent.traffic().upRate(), 1e-6);
    }
}
