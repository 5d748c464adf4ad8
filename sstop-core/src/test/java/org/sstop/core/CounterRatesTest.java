package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * With a kernel counter, where a socket's owner and the process that moved its bytes part ways
 * (an owner that exited, a fork): the README's promise still holds where the counter lets it. A
 * process's rate is the sum of its sockets' rates, the system's rate is the sum of the processes',
 * and a socket that closes takes its rate out of the sums, once; so too where processes and
 * sockets come and go together, and after the counter fails for good.
 */
class CounterRatesTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.withCounter = true;
        w.mapper.own(100, proc(42, "curl", 4242));
        w.start(true);
        w.step(1000); // baseline
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    private static double sumOfProcessRates(Snapshot s) {
        return s.processes().stream().mapToDouble(p -> p.traffic().totalRate()).sum();
    }

    private static double sumOfProcessUpRates(Snapshot s) {
        return s.processes().stream().mapToDouble(p -> p.traffic().upRate()).sum();
    }

    private static SocketInfo orphaned(SocketInfo s) {
        // what sock_diag lists once the process that held it is gone: no inode, closing state
        return new SocketInfo(s.cookie(), s.protocol(), s.local(), s.remote(), SocketState.FIN_WAIT1, 0, 0,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN);
    }

    /**
     * A process exits while its connection lingers as an orphan (FIN_WAIT, inode 0, owner kept):
     * the exited process's whole rate, the socket's included, left the totals one sample after the
     * exit; when the orphan leaves the dump, its rate must not leave them a second time.
     */
    @Test
    void anOrphanThatOutlivesItsExitedOwnerLeavesTheTotalsOnce() throws Exception {
        w.mapper.own(101, proc(88, "wget", 8888));
        SocketInfo curl = tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0);
        w.sockets.put(curl);
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0));
        for (int i = 0; i < 3; i++) { // first bytes in the sample that lists the sockets: rates exact at once
            w.counter.sent(42, 4242, "curl", 1, 100_000);
            w.counter.sent(88, 8888, "wget", 2, 10_000);
            w.step(1000);
        }
        // curl exits; its connection stays in the dump a few seconds as an orphan
        w.mapper.processes.remove(42);
        w.mapper.owners.remove(100L);
        w.sockets.put(orphaned(curl));
        Snapshot s = null;
        for (int i = 0; i < 4; i++) {
            w.counter.sent(88, 8888, "wget", 2, 10_000);
            s = w.step(1000);
        }
        assertEquals(ProcessState.EXITED, process(s, 42).state());
        assertEquals(10_000, process(s, 88).traffic().upRate(), 1e-6, "wget moves 10 kB/s");
        assertEquals(10_000, s.totals().upRate(), 1e-6, "before the orphan leaves, the totals are right");
        // the orphan leaves the dump
        w.sockets.remove(1);
        w.counter.sent(88, 8888, "wget", 2, 10_000);
        s = w.step(1000);
        Snapshot last = s;
        assertAll(
                () -> assertEquals(10_000, process(last, 88).traffic().upRate(), 1e-6, "wget still moves 10 kB/s"),
                () -> assertEquals(sumOfProcessUpRates(last), last.totals().upRate(), 1e-6,
                        "the system rate is the sum of the process rates"));
    }

    /**
     * A daemon forks and exits; its child keeps the connection (the mapper now names the child).
     * When the connection closes, its rate (in the daemon's, which left the totals when the daemon
     * exited) leaves neither the totals again nor the child, which has other traffic.
     */
    @Test
    void aConnectionInheritedFromAnExitedParentLeavesTheChildsRateAlone() throws Exception {
        w.mapper.processes.put(43, proc(43, "worker", 4343));
        w.mapper.own(101, proc(43, "worker", 4343));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0));
        for (int i = 0; i < 3; i++) { // first bytes in the sample that lists the sockets: rates exact at once
            w.counter.sent(42, 4242, "curl", 1, 100_000);
            w.counter.sent(43, 4343, "worker", 2, 10_000);
            w.step(1000);
        }
        // the parent exits: socket 1 is now held by the child only; the child goes on with socket 2
        w.mapper.processes.remove(42);
        w.mapper.owners.put(100L, 43);
        Snapshot s = null;
        for (int i = 0; i < 5; i++) {
            w.counter.sent(43, 4343, "worker", 2, 10_000);
            s = w.step(1000);
        }
        assertEquals(ProcessState.EXITED, process(s, 42).state());
        assertEquals(2, process(s, 43).connections(), "the child holds both");
        assertEquals(10_000, process(s, 43).traffic().upRate(), 1e-6, "before the close: the child's 10 kB/s");
        assertEquals(10_000, s.totals().upRate(), 1e-6, "and the totals agree");
        w.sockets.remove(1); // the inherited connection closes
        w.counter.sent(43, 4343, "worker", 2, 10_000);
        s = w.step(1000);
        Snapshot last = s;
        assertAll(
                () -> assertEquals(10_000, process(last, 43).traffic().upRate(), 1e-6,
                        "the child still moves 10 kB/s on socket 2"),
                () -> assertEquals(sumOfProcessUpRates(last), last.totals().upRate(), 1e-6,
                        "the system rate is the sum of the process rates"));
    }

    /**
     * A socket shared by a parent and its child (the mapper names the parent, the child does the
     * I/O, so the kernel counter charges the child). When it closes, nothing is taken from the
     * parent, which never had its rate. (The child keeps that rate, fading: this counter does not
     * say which process moved a socket's bytes, so no process is known to hold it.)
     */
    @Test
    void aSharedSocketsCloseTakesNothingFromTheNamedOwnerThatDidNotMoveItsBytes() throws Exception {
        w.mapper.processes.put(43, proc(43, "worker", 4343));
        w.mapper.own(101, proc(42, "curl", 4242));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0)); // shared; the mapper says curl
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0)); // curl's own
        Snapshot s = null;
        for (int i = 0; i < 4; i++) {
            w.counter.sent(42, 4242, "curl", 2, 10_000);
            w.counter.sent(43, 4343, "worker", 1, 50_000);
            s = w.step(1000);
        }
        assertEquals(50_000, process(s, 43).traffic().upRate(), 1e-6);
        assertEquals(10_000, process(s, 42).traffic().upRate(), 1e-6);
        assertEquals(60_000, s.totals().upRate(), 1e-6, "before the close, the sums agree");
        w.sockets.remove(1); // the shared connection closes
        w.counter.sent(42, 4242, "curl", 2, 10_000);
        s = w.step(1000);
        Snapshot last = s;
        assertAll(
                () -> assertEquals(10_000, process(last, 42).traffic().upRate(), 1e-6,
                        "curl still moves 10 kB/s on socket 2"),
                () -> assertEquals(sumOfProcessUpRates(last), last.totals().upRate(), 1e-6,
                        "the system rate is the sum of the process rates"));
    }

    /**
     * As above, with a counter that says which process moved a socket's bytes: the child's rate
     * holds the shared socket's, from its first interval (set outright, not averaged), and when the
     * socket closes it leaves the child's rate at once instead of fading.
     */
    @Test
    void aSharedSocketsRateFollowsTheProcessTheCounterSaysMovedItsBytes() throws Exception {
        w.mapper.processes.put(43, proc(43, "worker", 4343));
        w.mapper.own(101, proc(42, "curl", 4242));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0)); // shared; the mapper says curl
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0)); // curl's own
        w.counter.moved(42, 4242, "curl", 2, 10_000);
        w.counter.moved(43, 4343, "worker", 1, 50_000);
        Snapshot first = w.step(1000);
        assertAll(
                () -> assertEquals(50_000, process(first, 43).traffic().upRate(), 1e-6,
                        "the worker's rate takes the shared socket's first interval outright"),
                () -> assertEquals(10_000, process(first, 42).traffic().upRate(), 1e-6),
                () -> assertEquals(60_000, first.totals().upRate(), 1e-6));
        for (int i = 0; i < 3; i++) {
            w.counter.moved(42, 4242, "curl", 2, 10_000);
            w.counter.moved(43, 4343, "worker", 1, 50_000);
            w.step(1000);
        }
        w.sockets.remove(1); // the shared connection closes
        w.counter.moved(42, 4242, "curl", 2, 10_000);
        Snapshot last = w.step(1000);
        assertAll(
                () -> assertEquals(0, process(last, 43).traffic().upRate(), 1e-6,
                        "the worker moved nothing since the close: its rate went with the socket"),
                () -> assertEquals(10_000, process(last, 42).traffic().upRate(), 1e-6,
                        "curl still moves 10 kB/s on socket 2"),
                () -> assertEquals(sumOfProcessUpRates(last), last.totals().upRate(), 1e-6,
                        "the system rate is the sum of the process rates"),
                () -> assertEquals(200_000, process(last, 43).traffic().upBytes(), "the worker's bytes stay"));
    }

    /**
     * Processes that move their last bytes and exit within one sample (a burst of short-lived
     * ones): in that sample their rates are shown and the system's rate is their sum; in the next,
     * both are 0.
     */
    @Test
    void processesThatExitShowTheirLastRateWhereTheSumsStillHoldIt() throws Exception {
        for (int pid = 60; pid < 63; pid++) {
            w.counter.process(pid, 6000 + pid, "burst", 10_000, 0, 0, 0); // gone before the sample: the mapper knows none
        }
        Snapshot s = w.step(1000);
        assertEquals(30_000, sumOfProcessUpRates(s), 1e-6, "three exited processes, 10 kB each in this sample");
        assertEquals(sumOfProcessUpRates(s), s.totals().upRate(), 1e-6, "the system rate is the sum of the process rates");
        Snapshot next = w.step(1000);
        assertEquals(0, sumOfProcessUpRates(next), 1e-6);
        assertEquals(0, next.totals().upRate(), 1e-6, "their rates left with them");
        assertEquals(30_000, next.totals().upBytes(), "their bytes stay");
    }

    /**
     * A new socket's first bytes noted on its owner when the counter does not report the owner
     * (its table was full, or another process did the I/O) do not carry over: the owner's later
     * bytes on an old socket are averaged, not taken as a first interval.
     */
    @Test
    void aFirstIntervalNotedOnAnOwnerTheCounterDidNotReportDoesNotCarryOver() throws Exception {
        w.mapper.own(101, proc(42, "curl", 4242));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000); // socket 1 averaged (rate 0)
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0));
        w.counter.unplacedUp = 50_000; // process table full: curl's bytes are unplaced
        w.counter.socket(2, 50_000, 0); // but its new socket is counted
        w.step(1000);
        w.sockets.remove(2);
        w.step(1000);
        w.step(1000);
        // later, room in the table again; curl uploads 10 kB on its old, averaged socket 1
        w.counter.sent(42, 4242, "curl", 1, 10_000);
        Snapshot s = w.step(1000);
        SocketStats socket1 = process(s, 42).sockets().stream().filter(x -> x.local().port() == 5000).findFirst().orElseThrow();
        assertEquals(3_000, socket1.traffic().upRate(), 1e-6, "the socket averages: 0.3 of 10 kB/s");
        assertEquals(socket1.traffic().upRate(), process(s, 42).traffic().upRate(), 1e-6,
                "curl's rate is its only socket's rate");
    }

    @Test
    void aSocketWhoseOwnerIsFoundLateTakesItsRateAlongWhenItCloses() throws Exception {
        // The mapper finds the socket's process only after its first counted bytes (a new socket
        // the process table looks up again later): its rate still leaves with it.
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 101, 0, 0));
        w.counter.sent(42, 4242, "curl", 1, 10_000);
        w.step(1000);
        w.mapper.own(101, proc(42, "curl", 4242));
        Snapshot s = null;
        for (int i = 0; i < 6; i++) {
            w.counter.sent(42, 4242, "curl", 1, 10_000);
            s = w.step(1000);
        }
        assertEquals(1, process(s, 42).connections(), "the owner was found");
        w.sockets.remove(1);
        s = w.step(1000);
        assertEquals(0, process(s, 42).traffic().upRate(), 1e-6, "its rate left with the socket");
        assertEquals(0, s.totals().upRate(), 1e-6);
    }

    @Test
    void bytesTheCounterReadsBetweenItsTablesDoNotCostTheSocketItsRateHolder() throws Exception {
        // The counter reads its process table a moment before its socket table: bytes moving in
        // between are in this sample's socket count and the next sample's process count.
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.counter.process(42, 4242, "curl", 9_000, 0, 0, 0);
        w.counter.socket(1, 10_000, 0);
        w.step(1000);
        w.counter.process(42, 4242, "curl", 11_000, 0, 0, 0);
        w.counter.socket(1, 10_000, 0);
        w.step(1000);
        for (int i = 0; i < 2; i++) {
            w.counter.sent(42, 4242, "curl", 1, 10_000);
            w.step(1000);
        }
        w.sockets.remove(1);
        Snapshot s = w.step(1000);
        assertEquals(40_000, process(s, 42).traffic().upBytes());
        assertEquals(0, process(s, 42).traffic().upRate(), 1e-6, "the closed socket took its rate along");
    }

    @Test
    void aProcessThatExitsAsItsSocketClosesLeavesTheTotalsOnce() throws Exception {
        w.mapper.own(101, proc(88, "wget", 8888));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.8", 80, 101, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.sent(42, 4242, "curl", 1, 100_000);
            w.counter.sent(88, 8888, "wget", 2, 10_000);
            w.step(1000);
        }
        w.mapper.processes.remove(42);
        w.mapper.owners.remove(100L);
        w.sockets.remove(1);
        for (int i = 0; i < 5; i++) {
            w.counter.sent(88, 8888, "wget", 2, 10_000);
            Snapshot s = w.step(1000);
            assertEquals(sumOfProcessRates(s), s.totals().totalRate(), 1e-6);
        }
    }

    @Test
    void loopbackBetweenTwoProcessesSumsAndEndsAtZero() throws Exception {
        w.mapper.own(101, proc(88, "wget", 8888));
        w.sockets.put(tcp(1, "127.0.0.1", 5000, "127.0.0.1", 6379, 100, 0, 0));
        w.sockets.put(tcp(2, "127.0.0.1", 6379, "127.0.0.1", 5000, 101, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.process(42, 4242, "curl", 0, 0, 20_000, 0);
            w.counter.socket(1, 20_000, 0);
            w.counter.process(88, 8888, "wget", 0, 0, 0, 20_000);
            w.counter.socket(2, 0, 20_000);
            Snapshot s = w.step(1000);
            assertEquals(sumOfProcessRates(s), s.loopback().total().totalRate(), 1e-6);
        }
        w.sockets.remove(1);
        w.sockets.remove(2);
        Snapshot s = w.step(1000);
        assertEquals(0, sumOfProcessRates(s), 1e-6);
        assertEquals(0, s.loopback().total().totalRate(), 1e-6);
    }

    @Test
    void afterTheCounterFailsForGoodTheTotalsAreStillTheSum() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.sent(42, 4242, "curl", 1, 10_000);
            w.step(1000);
        }
        w.counter.failNext = new PermanentFailureException("BPF link gone", null);
        long sent = 30_000;
        for (int i = 0; i < 8; i++) {
            sent += 10_000;
            w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, sent, 0));
            Snapshot s = w.step(1000);
            assertEquals(sumOfProcessRates(s), s.totals().totalRate(), 1e-6);
        }
    }
}
