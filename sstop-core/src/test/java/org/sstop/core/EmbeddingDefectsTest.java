package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.core.Fakes.listen;
import static org.sstop.core.Fakes.proc;
import static org.sstop.core.Fakes.process;
import static org.sstop.core.Fakes.tcp;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** What embedders hit, tried as they would: each case failed before the engine became a ledger. */
class EmbeddingDefectsTest {

    private final Fakes.World w = new Fakes.World();

    @AfterEach
    void tearDown() {
        w.close();
    }

    /** A connection opened, used and closed between two samples on loopback, as only close notifications report it. */
    private static SocketInfo closedLoopback(long cookie, int lport, int rport, long sent, long received) {
        return new SocketInfo(cookie, Protocol.TCP, Fakes.ep("127.0.0.1", lport), Fakes.ep("127.0.0.1", rport),
                SocketState.CLOSE, 0, 0, SocketInfo.UNKNOWN, sent, received);
    }

    @Test
    void shortLoopbackConnectionsAreUnattributedNeverLost() throws Exception {
        w.mapper.own(500, proc(7, "server", 1));
        w.start(false);
        w.sockets.put(listen(1, "127.0.0.1", 8080, 500));
        w.step(1000);
        for (int i = 0; i < 40; i++) {
            w.sockets.closedNext.add(closedLoopback(100 + 2 * i, 40000 + i, 8080, 100_000, 50_000));
            w.sockets.closedNext.add(closedLoopback(101 + 2 * i, 8080, 40000 + i, 50_000, 100_000));
        }
        Snapshot s = w.step(1000);

        Traffic lost = s.loopback().unattributedByReason().get(UnattributedReason.SHORT_LIVED);
        assertEquals(40 * 150_000, lost.upBytes(), "no process was seen at either end: both are unattributed, short-lived");
        assertEquals(40 * 150_000, lost.downBytes());
        assertEquals(2 * 40 * 150_000, s.loopback().total().totalBytes(), "every byte on both ends is in the ledger");
        assertEquals(0, process(s, 7).traffic().totalBytes(), "the listener's owner is not guessed to have accepted them");
        assertEquals(0, s.totals().totalBytes(), "loopback stays out of the system totals");
    }

    @Test
    void loopbackFlowsThatMatchNoSocketAreUnattributedNoSocket() throws Exception {
        w.start(true);
        w.step(1000);
        w.flows.add(Protocol.UDP, Fakes.ep("127.0.0.1", 41000), Fakes.ep("127.0.0.1", 41001), 1_200, 0, true);
        Snapshot s = w.step(1000);
        Traffic t = s.loopback().unattributedByReason().get(UnattributedReason.NO_SOCKET);
        assertEquals(1_200, t.upBytes(), "the sending end");
        assertEquals(1_200, t.downBytes(), "the receiving end");
    }

    @Test
    void anErrorThrownByAListenerGoesToOnErrorAndPushModeGoesOn() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch pushed = new CountDownLatch(3);
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets)))
                .interval(NetMonitor.MIN_INTERVAL)
                .listener(new SnapshotListener() {
                    @Override
                    public void onSnapshot(Snapshot snapshot) {
                        pushed.countDown();
                        throw new StackOverflowError("listener bug");
                    }

                    @Override
                    public void onError(Throwable error) {
                        errors.add(error);
                    }
                })
                .build()) {
            m.start();
            assertTrue(pushed.await(30, TimeUnit.SECONDS), "snapshots keep coming after the listener threw an Error");
            assertTrue(errors.stream().anyMatch(e -> e instanceof StackOverflowError), "and each went to onError: " + errors);
        }
    }

    @Test
    @Timeout(60)
    void closeDoesNotWaitForeverForAListenerThatDoesNotReturn() throws Exception {
        Fakes.Sockets sockets = new Fakes.Sockets();
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, sockets)))
                .interval(NetMonitor.MIN_INTERVAL)
                .listener(snapshot -> {
                    inListener.countDown();
                    try {
                        release.await(); // only the test releases it, after close() returned
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();
        m.start();
        assertTrue(inListener.await(30, TimeUnit.SECONDS));
        m.close();
        assertTrue(sockets.closed, "close() returned and closed the backends while the listener still ran");
        release.countDown();
    }

    @Test
    void sampleOnAStartedMonitorIsRefusedWithAClearMessage() throws Exception {
        try (NetMonitor m = NetMonitor.builder()
                .providers(List.of(new Fakes.SocketsProvider("s", 1, new Fakes.Sockets()))).build()) {
            m.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, m::sample);
            assertTrue(e.getMessage().contains("latest()"), e.getMessage());
            assertTrue(m.latest().isPresent(), "the baseline taken by start() is there to read");
        }
    }

    @Test
    void aProcessRateIsTheSumOfItsSocketsRates() throws Exception {
        w.mapper.own(100, proc(42, "app", 1));
        w.mapper.own(101, proc(42, "app", 1));
        w.start(false);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        for (int i = 0; i < 5; i++) {
            w.step(1000); // an idle, long-known socket
        }
        long sent = 0;
        for (int i = 0; i < 5; i++) {
            sent += 2_000_000;
            w.sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 443, 101, sent, 0));
            Snapshot s = w.step(1000);
            ProcessStats p = process(s, 42);
            double sum = p.sockets().stream().mapToDouble(c -> c.traffic().upRate()).sum();
            assertEquals(sum, p.traffic().upRate(), 1e-6, "sample " + i);
            assertEquals(2_000_000, p.traffic().upDelta(), "the bytes of the last sample, unsmoothed");
        }
    }

    @Test
    void anExitedProcessHasNoRateFromTheSampleItIsGoneAndSortsLast() throws Exception {
        w.mapper.own(100, proc(42, "gone", 1));
        w.mapper.own(101, proc(43, "idle", 1));
        w.start(false);
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 0, 0));
        w.sockets.put(tcp(2, "10.0.0.1", 5001, "10.0.0.9", 80, 101, 0, 0));
        w.step(1000);
        w.sockets.put(tcp(1, "10.0.0.1", 5000, "10.0.0.9", 80, 100, 5_000_000, 0));
        w.step(1000);
        w.sockets.remove(1);
        w.mapper.processes.remove(42);
        Snapshot s = w.step(1000);
        ProcessStats gone = process(s, 42);
        assertEquals(ProcessState.EXITED, gone.state());
        assertEquals(0, gone.traffic().totalRate());
        assertEquals(5_000_000, gone.traffic().upBytes(), "its totals stay");
        assertEquals(43, s.processes().get(0).pid(), "running processes first");
    }

    @Test
    void aProviderCanBeAddedWithoutReplacingDiscoveryAndServicesTurnedOffOrForced() throws Exception {
        Fakes.Mapper fast = new Fakes.Mapper();
        Fakes.Mapper slow = new Fakes.Mapper();
        Fakes.FlowsProvider flows = new Fakes.FlowsProvider("packets", 1, new Fakes.Flows());
        try (NetMonitor m = NetMonitor.builder()
                .addProvider(new Fakes.MapperProvider("fast", 10, fast))
                .addProvider(new Fakes.MapperProvider("slow", 5, slow))
                .addProvider(flows)
                .force(Service.PROCESSES, "slow")
                .disable(Service.FLOWS)
                .build()) {
            BackendReport r = m.backends();
            assertEquals("test-available", r.selected(Service.SOCKETS), "the ServiceLoader's socket source is still found");
            assertEquals("slow", r.selected(Service.PROCESSES));
            assertNull(r.selected(Service.FLOWS));
            assertEquals(0, flows.opened, "a service turned off opens nothing (no capture thread, no ring)");
            assertEquals(0, flows.probed, "nor probes its providers (a probe may cost)");
            assertTrue(r.service(Service.FLOWS).candidates().get(0).reason().contains("turned off"));
        }
        assertThrows(IllegalArgumentException.class, () -> NetMonitor.builder().disable(Service.SOCKETS));
    }

    @Test
    void afterCloseTheReportSelectsNothing() throws Exception {
        NetMonitor m = NetMonitor.builder().providers(List.of(new Fakes.SocketsProvider("s", 1, new Fakes.Sockets()))).build();
        assertEquals("s", m.backends().selected(Service.SOCKETS));
        m.close();
        assertNull(m.backends().selected(Service.SOCKETS));
        assertEquals("closed with the monitor", m.backends().service(Service.SOCKETS).candidates().get(0).reason());
    }

    @Test
    void aForcedSourceThatFailsToOpenIsNotOfferedAsAvailable() {
        Fakes.SocketsProvider broken = new Fakes.SocketsProvider("broken", 10, new Fakes.Sockets());
        broken.openFailure = new IOException("EPERM");
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> NetMonitor.builder()
                .providers(List.of(broken, new Fakes.SocketsProvider("fine", 1, new Fakes.Sockets())))
                .socketSource("broken").build());
        assertTrue(e.getMessage().contains("could not be opened: open failed: EPERM"), e.getMessage());
        assertTrue(e.getMessage().endsWith("available: fine"), e.getMessage());
    }

    @Test
    void clocksAreNotPublicApi() {
        assertFalse(Arrays.stream(NetMonitor.Builder.class.getMethods())
                .anyMatch(m -> m.getName().contains("Clock") || m.getName().equals("localAddresses")),
                "test hooks stay package-private");
        assertTrue(Modifier.isPublic(NetMonitor.Builder.class.getModifiers()));
    }

    @Test
    void aReasonIsListedOnlyWithBytes() throws Exception {
        w.start(true);
        w.step(1000);
        w.flows.dropsNext = 5;
        Snapshot s = w.step(1000);
        assertTrue(s.unattributedByReason().isEmpty(), "dropped packets' bytes are unknown: no reason with 0 bytes");
        assertEquals(5, s.visibility().captureDrops());
    }
}
