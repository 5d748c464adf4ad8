package org.sstop.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.sstop.core.NetMonitor;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.KernelSockets;

/**
 * The binder on a real, started monitor over the Linux backends: this JVM moves a known number of
 * bytes through a loopback TCP connection, and its process counters in a SimpleMeterRegistry say so.
 */
class SstopMetricsKernelTest {

    private static final long BYTES = 3_000_000;
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    @Test
    void bytesThisProcessMovesOverLoopbackAreOnItsCounters() throws Exception {
        CiAssume.linux();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (NetMonitor monitor = NetMonitor.builder().interval(Duration.ofMillis(200)).build();
                SstopMetrics metrics = new SstopMetrics(monitor)) {
            metrics.bindTo(registry);
            monitor.start(); // the baseline is taken here: the connection below counts in full
            try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                        SocketChannel accepted = server.accept()) {
                    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                        try {
                            KernelSockets.readFully(accepted, BYTES);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    KernelSockets.writeFully(client, BYTES);
                    reader.get();
                    // Counted while the connection is still open (sock_diag's counters of a live socket).
                    DoubleSupplier sent = () -> count(registry, "sstop.process.sent");
                    DoubleSupplier received = () -> count(registry, "sstop.process.received");
                    long deadline = System.nanoTime() + 15_000_000_000L;
                    while ((sent.getAsDouble() < BYTES || received.getAsDouble() < BYTES) && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    assertWithinOnePercent(sent.getAsDouble(), "sent");
                    assertWithinOnePercent(received.getAsDouble(), "received");
                    FunctionCounter c = registry.get("sstop.process.sent").tag("pid", PID).functionCounter();
                    assertEquals("java", c.getId().getTag("name"));
                    assertTrue(registry.get("sstop.samples").functionCounter().count() >= 2);
                    assertTrue(registry.get("sstop.sample.duration").timeGauge().value() > 0, "a real sample takes time");
                }
            }
            assertTrue(registry.get("sstop.process.connections").tag("pid", PID).gauge().value() >= 0);
        }
        assertEquals(0, registry.getMeters().size(), "closing the binder removed every meter");
    }

    private static double count(MeterRegistry registry, String name) {
        FunctionCounter c = registry.find(name).tag("pid", PID).functionCounter();
        return c == null ? 0 : c.count();
    }

    private static void assertWithinOnePercent(double counted, String what) {
        assertNotNull(counted);
        assertTrue(counted >= BYTES && counted <= BYTES * 1.01,
                what + ": " + (long) counted + " bytes counted for " + BYTES + " moved");
    }
}
