package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.FlowDelta;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/**
 * Growing the ring while traffic flows: a loopback UDP flow that spans two handovers (1 to 2 to
 * 4 MiB) is counted exactly, every datagram once, nothing dropped.
 */
class CaptureRingTest {

    private static final int DATAGRAMS = 9_000;
    private static final int SIZE = 200;

    @Test
    void aFlowSpanningTwoHandoversIsCountedExactlyOnce() throws Exception {
        CiAssume.that(Host.isLinux(), "needs Linux");
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        FrameProcessor processor = new FrameProcessor(LocalAddresses.empty());
        FlowTable table = new FlowTable(1 << 14);
        Object lock = new Object();
        PacketRing.FrameConsumer count = (b, mac, captured, wire, netOff, hatype, pkttype) ->
                processor.process(b, mac, captured, wire, netOff, hatype, pkttype, table);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (CaptureRing ring = CaptureRing.open(CaptureRing.START_BLOCKS, PacketFilter.UDP);
                DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            int port = ((InetSocketAddress) rx.getLocalAddress()).getPort();
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<IOException> sendError = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < DATAGRAMS; i++) {
                        tx.send(ByteBuffer.allocate(SIZE), rx.getLocalAddress());
                        sent.incrementAndGet();
                        if (i % 30 == 0) {
                            Thread.sleep(1); // a steady flow, not a burst: the ring never fills
                        }
                    }
                } catch (IOException e) {
                    sendError.set(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-sender");
            sender.start();
            int blocks = CaptureRing.START_BLOCKS;
            long deadline = System.nanoTime() + 30_000_000_000L;
            long expected = (long) DATAGRAMS * SIZE;
            while (System.nanoTime() < deadline && (sender.isAlive() || flowBytes(table, port) < expected)) {
                if (ring.blockReady()) {
                    ring.countBlock(count, lock);
                } else {
                    ring.poll(10);
                }
                if (blocks < 4 * CaptureRing.START_BLOCKS && sent.get() >= DATAGRAMS * blocks / (4 * CaptureRing.START_BLOCKS)) {
                    blocks *= 2; // a quarter and half way through the flow
                    ring.growTo(blocks, count, lock);
                    assertEquals((long) blocks * CaptureRing.BLOCK_SIZE, ring.size());
                }
            }
            sender.join();
            assertEquals(null, sendError.get());
            assertEquals(4L * CaptureRing.START_BLOCKS * CaptureRing.BLOCK_SIZE, ring.size(), "grown twice");
            assertEquals(0, ring.statistics()[1], "no drops, in any of the three rings");
            FlowDelta flow = flow(table, port);
            assertNotNull(flow, "the flow was counted");
            assertEquals(expected, flow.bytesOut() + flow.bytesIn(), "every byte once");
            assertEquals(DATAGRAMS, flow.packetsOut() + flow.packetsIn(), "every datagram once");
            assertTrue(flow.loopback());
        }
    }

    private static FlowDelta flow(FlowTable table, int port) {
        for (FlowDelta d : table.toDeltas()) {
            if (d.local().port() == port || d.remote().port() == port) {
                return d;
            }
        }
        return null;
    }

    private static long flowBytes(FlowTable table, int port) {
        FlowDelta d = flow(table, port);
        return d == null ? 0 : d.bytesOut() + d.bytesIn();
    }
}
