package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.testkit.CiAssume;

/** Real traffic over loopback through the real ring: exact payload counts, each packet once. */
class PacketFlowCounterLoopbackTest {

    private PacketFlowCounter counter;

    @BeforeEach
    void open() throws Exception {
        CiAssume.linux();
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 14);
    }

    @AfterEach
    void close() {
        if (counter != null) {
            counter.close();
        }
    }

    @Test
    void closeStopsTheCaptureThreadAndIsIdempotent() throws Exception {
        int tid = counter.captureThreadId();
        counter.drain();
        counter.close();
        counter.close();
        assertThrows(IOException.class, counter::drain);
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("sstop-capture") && t.isAlive()), "capture thread still running");
        if (tid > 0) {
            assertFalse(Files.exists(Path.of("/proc/self/task/" + tid)), "the native thread is gone");
        }
    }

    /**
     * Told to count nothing (a kernel counter counts), the capture thread closes the ring and
     * sleeps on a monitor (no wake-ups); what is sent meanwhile is never counted, even after it is
     * told to count again, when it opens a new ring and counts exactly; and close wakes it.
     */
    @Test
    void toldToCountNothingItSleepsWithoutARingAndCountsAfreshWhenToldAgain() throws Exception {
        counter.countOnly(EnumSet.noneOf(Protocol.class));
        Thread capture = captureThread();
        awaitTrue(() -> counter.ringBytes() == 0 && capture.getState() == Thread.State.WAITING, "the thread sleeps without a ring");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Endpoint idleSender;
        try (DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            idleSender = new Endpoint(IpAddress.of(lo), ((InetSocketAddress) tx.getLocalAddress()).getPort());
            for (int i = 0; i < 20; i++) {
                tx.send(ByteBuffer.allocate(500), rx.getLocalAddress());
            }
        }
        assertEquals(Thread.State.WAITING, capture.getState(), "traffic does not wake it");
        counter.countOnly(EnumSet.of(Protocol.UDP));
        awaitTrue(() -> counter.ringBytes() > 0, "a new ring");
        try (DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            tx.connect(rx.getLocalAddress());
            ByteBuffer buf = ByteBuffer.allocate(2048);
            for (int i = 0; i < 40; i++) {
                tx.write(ByteBuffer.allocate(1111));
                buf.clear();
                rx.receive(buf);
            }
            FlowTotals totals = new FlowTotals();
            assertLoopbackFlow(totals, "UDP", new Endpoint(IpAddress.of(lo), ((InetSocketAddress) tx.getLocalAddress()).getPort()),
                    new Endpoint(IpAddress.of(lo), ((InetSocketAddress) rx.getLocalAddress()).getPort()), 40 * 1111, 0);
            assertFalse(totals.flows.keySet().stream().anyMatch(k -> k.contains(idleSender.toString())),
                    "nothing sent while idle: " + totals.flows.keySet());
        }
        counter.countOnly(EnumSet.noneOf(Protocol.class));
        awaitTrue(() -> capture.getState() == Thread.State.WAITING, "asleep again");
        counter.close();
        capture.join(5_000);
        assertFalse(capture.isAlive(), "close wakes the sleeping thread, which ends");
    }

    private static Thread captureThread() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("sstop-capture") && t.isAlive())
                .findFirst().orElseThrow();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void permissionErrorsNameTheCapability() {
        assertEquals("needs CAP_NET_RAW (run as root or setcap cap_net_raw)",
                PacketRing.socketError(1));
        assertTrue(PacketRing.socketError(97).contains("errno 97"));
    }

    @Test
    void tcpOverIpv4LoopbackIsCountedOnceExactly() throws Exception {
        tcpExchange(InetAddress.getByName("127.0.0.1"), 1_000_003, 77_777);
    }

    @Test
    void tcpOverIpv6LoopbackIsCountedOnceExactly() throws Exception {
        tcpExchange(InetAddress.getByName("::1"), 2_345_679, 12_345);
    }

    private void tcpExchange(InetAddress address, int up, int down) throws Exception {
        Endpoint client;
        Endpoint server;
        try (ServerSocket ss = new ServerSocket(0, 1, address);
                Socket c = new Socket(address, ss.getLocalPort());
                Socket s = ss.accept()) {
            client = new Endpoint(IpAddress.of(address), c.getLocalPort());
            server = new Endpoint(IpAddress.of(address), ss.getLocalPort());
            Thread reader = new Thread(() -> {
                try {
                    s.getInputStream().skipNBytes(up);
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[down]);
                    out.flush();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, "test-server");
            reader.start();
            c.getOutputStream().write(new byte[up]);
            c.getOutputStream().flush();
            InputStream in = c.getInputStream();
            byte[] buf = new byte[65536];
            long got = 0;
            while (got < down) {
                int r = in.read(buf);
                assertTrue(r > 0, "server closed early");
                got += r;
            }
            reader.join();
        }
        // Exactly the payload, even if the sender retransmitted (tail loss probes on a loaded machine):
        // loopback segments are seen as sent, so retransmitted bytes are recognised and not recounted.
        assertLoopbackFlow("TCP", client, server, up, down);
    }

    @Test
    void connectedUdpOverLoopbackIsCountedOnceExactly() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int datagrams = 200;
        int size = 1200;
        int replies = 30;
        int replySize = 333;
        try (DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            tx.connect(rx.getLocalAddress());
            ByteBuffer buf = ByteBuffer.allocate(65536);
            InetSocketAddress from = null;
            for (int i = 0; i < datagrams; i++) {
                tx.write(ByteBuffer.allocate(size));
                buf.clear();
                from = (InetSocketAddress) rx.receive(buf); // one at a time: the socket never overflows
                assertEquals(size, buf.position());
            }
            for (int i = 0; i < replies; i++) {
                rx.send(ByteBuffer.allocate(replySize), from);
                buf.clear();
                tx.read(buf);
            }
            Endpoint client = new Endpoint(IpAddress.of(lo), ((InetSocketAddress) tx.getLocalAddress()).getPort());
            Endpoint server = new Endpoint(IpAddress.of(lo), ((InetSocketAddress) rx.getLocalAddress()).getPort());
            assertLoopbackFlow("UDP", client, server, (long) datagrams * size, (long) replies * replySize);
        }
    }

    @Test
    void unconnectedUdpSenderYieldsOneFlowPerPeer() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel rx1 = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel rx2 = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            for (int i = 0; i < 50; i++) {
                tx.send(ByteBuffer.allocate(1000), rx1.getLocalAddress());
                buf.clear();
                rx1.receive(buf);
                tx.send(ByteBuffer.allocate(1), rx2.getLocalAddress());
                buf.clear();
                rx2.receive(buf);
            }
            Endpoint sender = new Endpoint(IpAddress.of(lo), ((InetSocketAddress) tx.getLocalAddress()).getPort());
            FlowTotals totals = new FlowTotals(); // one drain may hold both flows
            assertLoopbackFlow(totals, "UDP", sender,
                    new Endpoint(IpAddress.of(lo), ((InetSocketAddress) rx1.getLocalAddress()).getPort()), 50_000, 0);
            assertLoopbackFlow(totals, "UDP", sender,
                    new Endpoint(IpAddress.of(lo), ((InetSocketAddress) rx2.getLocalAddress()).getPort()), 50, 0);
        }
    }

    private void assertLoopbackFlow(String protocol, Endpoint client, Endpoint server, long up, long down)
            throws Exception {
        assertLoopbackFlow(new FlowTotals(), protocol, client, server, up, down);
    }

    private void assertLoopbackFlow(FlowTotals totals, String protocol, Endpoint client, Endpoint server, long up,
            long down) throws Exception {
        // The flow's local end is the lower endpoint; find whichever orientation it is in.
        boolean clientIsLocal = compare(client, server) < 0;
        Endpoint local = clientIsLocal ? client : server;
        Endpoint remote = clientIsLocal ? server : client;
        long out = clientIsLocal ? up : down;
        long in = clientIsLocal ? down : up;
        String key = protocol + " " + local + " " + remote;
        totals.drainUntil(counter, t -> t.get(key) != null && t.get(key).bytesOut >= out && t.get(key).bytesIn >= in);
        FlowTotals.Sum sum = totals.get(key);
        assertNotNull(sum, "no flow " + key + " among " + totals.flows.keySet());
        assertEquals(out, sum.bytesOut, "bytes from " + local);
        assertEquals(in, sum.bytesIn, "bytes to " + local);
        assertTrue(sum.loopback, "marked loopback");
        assertEquals(null, totals.get(protocol + " " + remote + " " + local), "the reverse orientation must not appear");
        assertEquals(0, totals.drops, "ring drops");
    }

    private static int compare(Endpoint a, Endpoint b) {
        int c = Long.compareUnsigned(a.address().high(), b.address().high());
        if (c == 0) {
            c = Long.compareUnsigned(a.address().low(), b.address().low());
        }
        return c != 0 ? c : Integer.compare(a.port(), b.port());
    }
}
