package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.PermanentFailureException;

/** While a kernel traffic counter runs, process bytes come from it alone. */
class CounterModeTest {

    private final Fakes.World w = new Fakes.World();

    @BeforeEach
    void setUp() throws Exception {
        w.withCounter = true;
        w.mapper.own(100, proc(42, "curl", 4242));
        w.start(true);
        w.counter.process(42, 4242, "curl", 999_999, 0, 0, 0); // before the monitor started: not counted
        w.step(1000);
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @Test
    void processBytesComeFromTheCounterReplacingSocketCounters() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 200));
        w.counter.process(42, 4242, "curl", 1000, 200, 0, 0);
        w.counter.socket(1, 1000, 200);
        Snapshot s = w.step(1000);
        assertEquals(1000, process(s, 42).traffic().upBytes(), "counted once, not by the socket counters too");
        assertEquals(1200, s.totals().totalBytes());
        assertEquals(1000, process(s, 42).sockets().get(0).traffic().upBytes(), "the socket's exact bytes");
        HostStats host = s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("10.0.0.9"))).findFirst().orElseThrow();
        assertEquals(1200, host.traffic().totalBytes());
        assertEquals(Set.of(), w.flows.countOnly, "nothing is counted from packets");
    }

    @Test
    void aSocketBornBetweenTheDumpAndTheDrainGetsItsFirstBytesWhenTheNextDumpListsIt() throws Exception {
        w.counter.sent(42, 4242, "curl", 7, 110_000); // no dump listed cookie 7 yet
        Snapshot s = w.step(1000);
        assertEquals(110_000, process(s, 42).traffic().upBytes(), "on its process at once");
        w.sockets.put(tcp(7, "10.0.0.1", 5007, "10.0.0.9", 443, 100, 0, 0));
        w.counter.sent(42, 4242, "curl", 7, 890_000);
        s = w.step(1000);
        assertEquals(1_000_000, process(s, 42).traffic().upBytes());
        assertEquals(1_000_000, process(s, 42).sockets().get(0).traffic().upBytes(), "the socket has all its bytes");
        HostStats host = s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("10.0.0.9"))).findFirst().orElseThrow();
        assertEquals(1_000_000, host.traffic().upBytes(), "and so has its host");
        assertEquals(1_000_000, s.totals().upBytes(), "the totals count them once");
    }

    /**
     * A new process's new connection, born between the dump and the drain: its first bytes set the
     * process's rate outright in that sample; when the next dump lists the socket, they must not do
     * so a second time. The process's rate stays the socket's, and the host's and the system's.
     */
    @Test
    void aSocketCountedBeforeAnyDumpListedItIsTakenInWholeOnce() throws Exception {
        w.mapper.own(101, proc(50, "fetch", 5050));
        w.counter.moved(50, 5050, "fetch", 9, 20_000); // no dump lists cookie 9 yet
        Snapshot s = w.step(1000);
        assertEquals(20_000, process(s, 50).traffic().upRate(), 1e-6, "a new process's first interval, outright");
        w.sockets.put(tcp(9, "10.0.0.1", 5009, "10.0.0.7", 443, 101, 0, 0));
        w.counter.moved(50, 5050, "fetch", 9, 20_000);
        Snapshot next = w.step(1000);
        ProcessStats p = process(next, 50);
        HostStats host = next.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("10.0.0.7"))).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(20_000, p.traffic().upRate(), 1e-6, "20 kB/s, not its first interval twice"),
                () -> assertEquals(p.traffic().upRate(), p.sockets().get(0).traffic().upRate(), 1e-6, "the socket's rate"),
                () -> assertEquals(p.traffic().upRate(), host.traffic().upRate(), 1e-6, "its host's rate"),
                () -> assertEquals(p.traffic().upRate(), next.totals().upRate(), 1e-6, "the system's rate"),
                () -> assertEquals(40_000, p.sockets().get(0).traffic().upBytes(), "the socket has all its bytes"));
    }

    /** As above for a process already counted: the socket's first bytes were averaged into its rate, and so start the socket's. */
    @Test
    void aSocketCountedBeforeAnyDumpListedItAddsToAnOldProcesssRateAsItsSocketsDo() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        for (int i = 0; i < 3; i++) {
            w.counter.moved(42, 4242, "curl", 1, 10_000);
            w.step(1000);
        }
        w.counter.process(42, 4242, "curl", 30_000, 0, 0, 0);
        w.counter.socket(1, 10_000, 0, 42);
        w.counter.socket(9, 20_000, 0, 42); // no dump lists it yet
        w.step(1000);
        w.mapper.own(101, proc(42, "curl", 4242));
        w.sockets.put(tcp(9, "10.0.0.1", 5009, "10.0.0.7", 443, 101, 0, 0));
        w.counter.process(42, 4242, "curl", 30_000, 0, 0, 0);
        w.counter.socket(1, 10_000, 0, 42);
        w.counter.socket(9, 20_000, 0, 42);
        Snapshot s = w.step(1000);
        ProcessStats p = process(s, 42);
        double sockets = p.sockets().stream().mapToDouble(k -> k.traffic().upRate()).sum();
        assertEquals(sockets, p.traffic().upRate(), 1e-6, "the process's rate is its sockets' rates");
        assertEquals(p.traffic().upRate(), s.totals().upRate(), 1e-6);
    }

    @Test
    void aTimeWaitEntryListedWhileTheCounterRanIsNotCountedAgainWhenTheCounterFails() throws Exception {
        org.sstop.api.SocketInfo sock = tcp(7, "10.0.0.1", 5007, "10.0.0.9", 443, 0, 1_000_000, 0);
        w.sockets.put(new org.sstop.api.SocketInfo(7, sock.protocol(), sock.local(), sock.remote(),
                org.sstop.api.SocketState.TIME_WAIT, 0, 0, org.sstop.api.SocketInfo.UNKNOWN,
                org.sstop.api.SocketInfo.UNKNOWN, org.sstop.api.SocketInfo.UNKNOWN));
        w.counter.process(42, 4242, "curl", 1_000_000, 0, 0, 0); // the counter counted its bytes
        Snapshot s = w.step(1000);
        assertEquals(1_000_000, s.totals().upBytes());
        w.counter.failNext = new PermanentFailureException("BPF link gone", null);
        w.sockets.closedNext.add(sock); // its fd closed: the close notification has its counters
        s = w.step(1000);
        assertEquals(1_000_000, s.totals().upBytes(), "counted once, by the counter, not again from the close");
    }

    @Test
    void theCountersLimitationsAreInTheVisibility() throws Exception {
        w.counter.limitations = java.util.List.of("process table full (8 processes)");
        Snapshot s = w.step(1000);
        assertTrue(s.visibility().limitations().contains("process table full (8 processes)"), s.visibility().toString());
        assertTrue(s.visibility().limited());
    }

    @Test
    void aProcessThatExitedBeforeAnySampleIsShownByNameWithItsBytes() throws Exception {
        w.counter.process(77, 7777, "burst", 2_000_000, 0, 0, 0);
        Snapshot s = w.step(1000);
        ProcessStats p = process(s, 77);
        assertEquals("burst", p.name());
        assertEquals(2_000_000, p.traffic().upBytes());
        assertEquals(7777, p.startTime());
        s = w.step(1000);
        assertEquals(ProcessState.EXITED, process(s, 77).state(), "the mapper does not know it: gone");
    }

    @Test
    void theTotalRateIsTheSumOfTheProcessRatesWhenANewProcessAppears() throws Exception {
        w.mapper.own(101, proc(88, "wget", 8888));
        w.counter.process(42, 4242, "curl", 10_000, 0, 0, 0);
        w.step(1000);
        w.counter.process(42, 4242, "curl", 10_000, 0, 0, 0);
        w.counter.process(88, 8888, "wget", 30_000, 0, 0, 0);
        Snapshot s = w.step(1000);
        assertEquals(30_000, process(s, 88).traffic().upRate(), 1e-6, "a new process's first interval sets its rate");
        assertEquals(process(s, 42).traffic().upRate() + process(s, 88).traffic().upRate(), s.totals().upRate(), 1e-6);
    }

    @Test
    void loopbackBytesStayOutOfTheTotalsAndUnplacedBytesAreUnattributed() throws Exception {
        w.counter.process(42, 4242, "curl", 0, 0, 700, 700);
        w.counter.unplacedUp = 55;
        w.counter.unplacedLoopbackUp = 30;
        Snapshot s = w.step(1000);
        assertEquals(1400, process(s, 42).traffic().totalBytes());
        assertEquals(1430, s.loopback().total().totalBytes());
        assertEquals(30, s.loopback().unattributedByReason().get(UnattributedReason.UNPLACED).upBytes());
        assertEquals(55, s.totals().totalBytes(), "unplaced loopback bytes stay out of the totals too");
        assertEquals(55, s.unattributedByReason().get(UnattributedReason.UNPLACED).upBytes());
    }

    @Test
    void aPidWithAnotherStartTimeIsAnotherProcess() throws Exception {
        w.counter.process(42, 4242, "curl", 100, 0, 0, 0);
        w.step(1000);
        w.counter.process(42, 9999, "other", 50, 0, 0, 0);
        Snapshot s = w.step(1000);
        long curl = s.processes().stream().filter(p -> p.pid() == 42 && p.startTime() == 4242).mapToLong(p -> p.traffic().upBytes()).sum();
        long other = s.processes().stream().filter(p -> p.pid() == 42 && p.startTime() == 9999).mapToLong(p -> p.traffic().upBytes()).sum();
        assertEquals(100, curl);
        assertEquals(50, other);
    }

    @Test
    void aFailedDrainCountsNothingThenAndTheNextDrainBringsItsBytesOnce() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.counter.process(42, 4242, "curl", 1000, 0, 0, 0); // kept by the counter while its drain fails
        w.counter.failNext = new java.io.IOException("batch read: ENOMEM");
        Snapshot s = w.step(1000);
        assertEquals("fake-counter", s.backends().selected(Service.COUNTERS), "still the counter");
        assertEquals(0, s.totals().totalBytes(), "no socket counters standing in for the counter");
        s = w.step(1000);
        assertEquals(1000, process(s, 42).traffic().upBytes(), "the counter's bytes, once");
        assertEquals(1000, s.totals().totalBytes());
    }

    @Test
    void whenTheCounterFailsForGoodSocketCountersTakeOverWithoutCountingTwice() throws Exception {
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.counter.process(42, 4242, "curl", 1000, 0, 0, 0);
        w.step(1000);
        w.counter.failNext = new PermanentFailureException("BPF link gone", null);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1500, 0));
        Snapshot s = w.step(1000);
        assertTrue(w.counter.closed);
        assertEquals(null, s.backends().selected(Service.COUNTERS));
        assertEquals(1500, process(s, 42).traffic().upBytes(), "from the socket counters again, from where the counter stopped");
    }

    @Test
    void theSocketSourceListsWithoutCountersWhileTheCounterRunsAndTheirReturnCountsNothingTwice() throws Exception {
        assertEquals(Boolean.FALSE, w.sockets.countersWanted, "told before its first dump");
        w.sockets.honourHint = true;
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1000, 0));
        w.counter.process(42, 4242, "curl", 1000, 0, 0, 0);
        assertEquals(1000, process(w.step(1000), 42).traffic().upBytes());
        w.counter.failNext = new PermanentFailureException("BPF link gone", null);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 1500, 0));
        Snapshot s = w.step(1000); // listed without counters: the failed drain's 500 bytes are not known to anyone
        assertEquals(1000, process(s, 42).traffic().upBytes());
        s = w.step(1000);
        assertEquals(Boolean.TRUE, w.sockets.countersWanted, "counters wanted again once the counter is gone");
        assertEquals(1000, process(s, 42).traffic().upBytes(), "the first counters are a baseline, not 1,500 bytes again");
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 2100, 0));
        assertEquals(1600, process(w.step(1000), 42).traffic().upBytes(), "then every byte, from the socket counters");
    }

    @Test
    void aProcessRateIsItsSocketsRatesAsOnTheSocketTiers() throws Exception {
        // A proxy with an idle connection (its rate 0, averaged): a new connection's first bytes set
        // the rate outright,
        w.mapper.own(101, proc(42, "curl", 4242));
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.8", 80, 100, 0, 0));
        w.step(1000);
        w.step(1000);
        w.sockets.put(tcp(2, "10.0.0.1", 5002, "10.0.0.9", 80, 101, 0, 0));
        w.counter.process(42, 4242, "curl", 0, 50_000, 0, 0);
        w.counter.socket(2, 0, 50_000);
        Snapshot s = w.step(1000);
        assertEquals(50_000, process(s, 42).traffic().downRate(), 1e-6, "the connection's first interval, outright");
        assertEquals(50_000, s.totals().downRate(), 1e-6);
        w.counter.process(42, 4242, "curl", 0, 50_000, 0, 0);
        w.counter.socket(2, 0, 50_000);
        s = w.step(1000);
        assertEquals(50_000, process(s, 42).traffic().downRate(), 1e-6, "steady");
        // and the rate goes with the connection: no phantom traffic decaying for 20 s after it closed
        w.sockets.remove(2);
        s = w.step(1000);
        assertEquals(0, process(s, 42).traffic().downRate(), 1e-6, "closed: its rate left the process");
        assertEquals(0, s.totals().downRate(), 1e-6, "and the totals");
        assertEquals(100_000, process(s, 42).traffic().downBytes(), "the bytes stay");
        HostStats host = s.hosts().stream().filter(h -> h.address().equals(IpAddress.parse("10.0.0.9"))).findFirst().orElseThrow();
        assertEquals(0, host.traffic().downRate(), 1e-6);
    }

    @Test
    void bytesOfSocketsNoDumpListedKeepTheProcessRateAveraged() throws Exception {
        // A client whose connections each live less than a sample: no dump lists them, the process
        // count alone has the bytes; its rate is the average of what it moves, not a multiple.
        Snapshot s = null;
        for (int i = 1; i <= 30; i++) {
            w.counter.process(42, 4242, "curl", 10_000, 0, 0, 0);
            s = w.step(1000);
        }
        assertEquals(10_000, process(s, 42).traffic().upRate(), 10);
        assertEquals(process(s, 42).traffic().upRate(), s.totals().upRate(), 1e-6);
    }

    @Test
    void aProcessPerSecondIsCountedAtItsRateNotThreeTimesIt() throws Exception {
        Snapshot s = null;
        for (int i = 1; i <= 15; i++) { // each process moves 1000 bytes and exits at once
            w.counter.process(1000 + i, 7000 + i, "probe", 1000, 0, 0, 0);
            s = w.step(1000);
        }
        assertEquals(1000, s.totals().upRate(), 1);
        assertEquals(15_000, s.totals().upBytes());
    }
}
