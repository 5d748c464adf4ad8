package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.testkit.KernelSockets.readFully;
import static org.sstop.testkit.KernelSockets.writeFully;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketState;
import org.sstop.testkit.KernelSockets;
import org.sstop.testkit.NamespaceThread;
import org.sstop.testkit.TestNetwork;

/**
 * Over a veth pair between two namespaces this test creates (real segmentation and offloads, not
 * loopback): a source opened inside namespace A lists exactly A's sockets, with exact payload
 * bytes, and reports the connection's final bytes when it closes.
 */
class NetlinkSocketSourceNetnsTest {

    private static final int UP = 3_000_000;
    private static final int DOWN = 1_000_001;

    @Test
    void sourceInANamespaceSeesExactlyItsSocketsAndBytes() throws Exception {
        try (TestNetwork net = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.KERNEL_DEFAULT)) {
            String a = net.near().address();
            String b = net.far().address();
            Setns setns = new Setns();

            CountDownLatch listening = new CountDownLatch(1);
            CountDownLatch closeNow = new CountDownLatch(1);
            NamespaceThread<Void> server = net.far().startThread(setns, () -> {
                try (ServerSocketChannel l = ServerSocketChannel.open()) {
                    l.bind(new InetSocketAddress(b, 7777));
                    listening.countDown();
                    try (SocketChannel s = l.accept()) {
                        readFully(s, UP);
                        writeFully(s, DOWN);
                        closeNow.await(30, TimeUnit.SECONDS);
                        readFully(s, 4321);
                        assertEquals(-1, s.read(ByteBuffer.allocate(1)));
                    }
                }
                return null;
            });
            assertTrue(listening.await(30, TimeUnit.SECONDS));

            NamespaceThread<Void> client = net.near().startThread(setns, () -> {
                try (NetlinkSocketSource source = NetlinkSocketSource.open(true)) {
                    SocketInfo live;
                    try (SocketChannel c = SocketChannel.open(new InetSocketAddress(b, 7777))) {
                        writeFully(c, UP);
                        readFully(c, DOWN);
                        int port = c.socket().getLocalPort();
                        live = KernelSockets.await(() -> source.sample().sockets(), s -> s.local().port() == port,
                                s -> s.bytesSent() == UP && s.bytesReceived() == DOWN);
                        List<SocketInfo> all = source.sample().sockets().stream().filter(s -> s.netns() == 0).toList();
                        assertEquals(1, all.size(), "namespace A (the source's own) holds this one socket only: " + all);
                        assertNotNull(live);
                        assertEquals(new Endpoint(IpAddress.parse(a), port), live.local());
                        assertEquals(new Endpoint(IpAddress.parse(b), 7777), live.remote());
                        assertEquals(SocketState.ESTABLISHED, live.state());
                        assertEquals(UP, live.bytesSent());
                        assertEquals(DOWN, live.bytesReceived());
                        writeFully(c, 4321); // after the last sample: only the notification has it
                    }
                    closeNow.countDown();
                    if (source.subscribed()) {
                        Map<Long, SocketInfo> closed = new HashMap<>();
                        long deadline = System.nanoTime() + 5_000_000_000L;
                        while (!closed.containsKey(live.cookie()) && System.nanoTime() < deadline) {
                            SocketSample s = source.sample();
                            s.closed().forEach(x -> closed.put(x.cookie(), x));
                            Thread.sleep(20);
                        }
                        SocketInfo fin = closed.get(live.cookie());
                        assertNotNull(fin, "destroy notification in the namespace");
                        assertEquals(UP + 4321, fin.bytesSent());
                        // The client closed first and is destroyed once its FIN is acked, maybe
                        // before the server's FIN arrives: the kernel does not say which, so the
                        // count is the lower bound, at most one byte low (see TcpCounters).
                        assertTrue(fin.bytesReceived() == DOWN || fin.bytesReceived() == DOWN - 1,
                                "received " + fin.bytesReceived());
                    }
                }
                return null;
            });
            client.join();
            server.join();
        }
    }
}
