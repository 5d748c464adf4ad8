package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sstop.testkit.KernelSockets.find;
import static org.sstop.testkit.KernelSockets.readFully;
import static org.sstop.testkit.KernelSockets.withNewSocket;
import static org.sstop.testkit.KernelSockets.writeFully;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.api.PermanentFailureException;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketState;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.KernelSockets;

/**
 * The netlink source against the real kernel: sockets this test opens on loopback, known byte
 * counts, checked exactly once both sides have read everything.
 */
class NetlinkSocketSourceKernelTest {

    private static final int UP = 1_234_567;
    private static final int DOWN = 345_678;

    private NetlinkSocketSource source;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        CiAssume.linux();
        source = NetlinkSocketSource.open(true);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (source != null) {
            source.close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        toClose.add(c);
        return c;
    }

    /** A connected pair over {@code family} sockets with UP bytes client-to-server and DOWN back. */
    private record Pair(KernelSockets.WithInode<ServerSocketChannel> listener,
            KernelSockets.WithInode<SocketChannel> client, KernelSockets.WithInode<SocketChannel> server) {
        int serverPort() {
            return listener.value().socket().getLocalPort();
        }

        int clientPort() {
            return client.value().socket().getLocalPort();
        }
    }

    private Pair connectAndTransfer(ProtocolFamily family, String address) throws IOException {
        InetAddress bindTo = InetAddress.getByName(address);
        var listener = withNewSocket(() -> track(family == null ? ServerSocketChannel.open() : ServerSocketChannel.open(family)));
        listener.value().bind(new InetSocketAddress(bindTo, 0));
        var client = withNewSocket(() -> track(family == null ? SocketChannel.open() : SocketChannel.open(family)));
        client.value().connect(listener.value().getLocalAddress());
        var server = withNewSocket(() -> track(listener.value().accept()));
        writeFully(client.value(), UP);
        readFully(server.value(), UP);
        writeFully(server.value(), DOWN);
        readFully(client.value(), DOWN);
        return new Pair(listener, client, server);
    }

    /** Samples {@link #source} until a socket matching {@code which} is {@code settled}; see {@link KernelSockets#await}. */
    private SocketInfo awaitSocket(Predicate<SocketInfo> which, Predicate<SocketInfo> settled)
            throws IOException, InterruptedException {
        return KernelSockets.await(() -> source.sample().sockets(), which, settled);
    }

    private void assertPairReported(Pair p, IpAddress loopback) throws IOException, InterruptedException {
        int sp = p.serverPort();
        int cp = p.clientPort();
        SocketInfo client = awaitSocket(
                s -> s.protocol() == Protocol.TCP && s.local().port() == cp && s.remote().port() == sp,
                s -> s.bytesSent() == UP && s.bytesReceived() == DOWN);
        SocketInfo server = awaitSocket(
                s -> s.protocol() == Protocol.TCP && s.local().port() == sp && s.remote().port() == cp,
                s -> s.bytesSent() == DOWN && s.bytesReceived() == UP);
        assertNotNull(client, "client socket listed");
        assertNotNull(server, "server socket listed");

        assertEquals(UP, client.bytesSent());
        assertEquals(DOWN, client.bytesReceived());
        assertEquals(DOWN, server.bytesSent());
        assertEquals(UP, server.bytesReceived());

        assertEquals(p.client().inode(), client.ownerKey());
        assertEquals(p.server().inode(), server.ownerKey());
        assertEquals(loopback, client.local().address());
        assertEquals(loopback, client.remote().address());
        assertEquals(SocketState.ESTABLISHED, client.state());
        assertEquals(SocketState.ESTABLISHED, server.state());
        assertEquals(Host.realUid(), client.uid());
        assertEquals(Host.realUid(), server.uid());
        assertNotEquals(0, client.cookie());
        assertNotEquals(client.cookie(), server.cookie());
        assertFalse(client.hasOwner(), "the kernel does not name the process");

        SocketInfo again = find(source.sample().sockets(), s -> s.ownerKey() == p.client().inode());
        assertEquals(client.cookie(), again.cookie(), "cookie stable across samples");

        SocketInfo listen = find(source.sample().sockets(), s -> s.ownerKey() == p.listener().inode());
        assertNotNull(listen, "listener listed");
        assertEquals(SocketState.LISTEN, listen.state());
        assertEquals(sp, listen.local().port());
        assertTrue(listen.remote().isAny());
        assertEquals(0, listen.bytesSent());
        assertEquals(0, listen.bytesReceived());
    }

    @Test
    void tcpOverIpv4Loopback() throws Exception {
        Pair p = connectAndTransfer(StandardProtocolFamily.INET, "127.0.0.1");
        assertFalse(KernelSockets.listedIn("tcp6", p.client().inode()), "an AF_INET socket");
        assertPairReported(p, IpAddress.parse("127.0.0.1"));
    }

    @Test
    void oneTcpDumpListsWhatOneDumpPerFamilyLists() throws Exception {
        assertTrue(source.tcpInOneDump(), "this kernel answers TCPDIAG_GETSOCK: both families in one walk");
        Pair v4 = connectAndTransfer(StandardProtocolFamily.INET, "127.0.0.1");
        Pair v6 = connectAndTransfer(StandardProtocolFamily.INET6, "::1");
        try (NetlinkSocketSource perFamily = NetlinkSocketSource.open(false, 1 << 20, false, false)) {
            assertFalse(perFamily.tcpInOneDump());
            for (Pair p : List.of(v4, v6)) {
                for (var end : List.of(p.client(), p.server())) {
                    SocketInfo one = KernelSockets.await(() -> source.sample().sockets(), s -> s.ownerKey() == end.inode(), s -> true);
                    SocketInfo two = KernelSockets.await(() -> perFamily.sample().sockets(), s -> s.ownerKey() == end.inode(), s -> true);
                    assertEquals(two, one, "the same socket, the same counters, either way");
                }
            }
        }
    }

    @Test
    void tcpOverIpv6Loopback() throws Exception {
        Pair p = connectAndTransfer(StandardProtocolFamily.INET6, "::1");
        assertPairReported(p, IpAddress.parse("::1"));
    }

    @Test
    void javaDualStackSocketsWithV4MappedAddresses() throws Exception {
        Pair p = connectAndTransfer(null, "127.0.0.1");
        CiAssume.that(KernelSockets.listedIn("tcp6", p.client().inode()), "the JVM made dual-stack (AF_INET6) sockets");
        assertTrue(KernelSockets.listedIn("tcp6", p.server().inode()));
        // ::ffff:127.0.0.1 and 127.0.0.1 are the same IpAddress: identity matches an AF_INET peer.
        assertPairReported(p, IpAddress.parse("127.0.0.1"));
    }

    @Test
    void udpSocketsAreListedWithoutByteCounters() throws Exception {
        var unconnected = withNewSocket(() -> track(DatagramChannel.open(StandardProtocolFamily.INET)));
        unconnected.value().bind(new InetSocketAddress("127.0.0.1", 0));
        var peer = track(DatagramChannel.open(StandardProtocolFamily.INET6));
        peer.bind(new InetSocketAddress("::1", 0));
        var connected = withNewSocket(() -> track(DatagramChannel.open(StandardProtocolFamily.INET6)));
        connected.value().bind(new InetSocketAddress("::1", 0));
        connected.value().connect(peer.getLocalAddress());
        connected.value().write(ByteBuffer.wrap(new byte[100]));

        List<SocketInfo> live = source.sample().sockets();
        SocketInfo u = find(live, s -> s.ownerKey() == unconnected.inode());
        assertNotNull(u);
        assertEquals(Protocol.UDP, u.protocol());
        assertEquals(SocketState.UNCONNECTED, u.state());
        assertEquals(IpAddress.parse("127.0.0.1"), u.local().address());
        assertEquals(unconnected.value().socket().getLocalPort(), u.local().port());
        assertEquals(SocketInfo.UNKNOWN, u.bytesSent());
        assertEquals(SocketInfo.UNKNOWN, u.bytesReceived());
        assertEquals(Host.realUid(), u.uid());

        SocketInfo c = find(live, s -> s.ownerKey() == connected.inode());
        assertNotNull(c);
        assertEquals(SocketState.ESTABLISHED, c.state());
        assertEquals(IpAddress.parse("::1"), c.remote().address());
        assertEquals(peer.socket().getLocalPort(), c.remote().port());
        assertFalse(c.hasByteCounters(), "sock_diag has no UDP byte counters: unknown, never 0");
    }

    @Test
    void closedConnectionsReportFinalBytesByCookie() throws Exception {
        CiAssume.that(source.subscribed(), "destroy notifications need permission: " + source.limitations());
        int first = 200_000;
        int more = 777_777;
        var listener = track(ServerSocketChannel.open(StandardProtocolFamily.INET6));
        listener.bind(new InetSocketAddress("::1", 0));
        SocketChannel client = track(SocketChannel.open(StandardProtocolFamily.INET6));
        client.connect(listener.getLocalAddress());
        SocketChannel server = track(listener.accept());
        writeFully(client, first);
        readFully(server, first);
        int cp = client.socket().getLocalPort();
        int sp = listener.socket().getLocalPort();
        SocketInfo liveClient = awaitSocket(s -> s.local().port() == cp && s.remote().port() == sp,
                s -> s.bytesSent() == first);
        SocketInfo liveServer = find(source.sample().sockets(), s -> s.local().port() == sp && s.remote().port() == cp);
        assertNotNull(liveClient);
        assertNotNull(liveServer);
        assertEquals(first, liveClient.bytesSent());

        // Bytes moved after the last sample, then a graceful close: only the notification has them.
        writeFully(client, more);
        readFully(server, more);
        client.close();
        assertEquals(-1, server.read(ByteBuffer.allocate(1)));
        server.close();

        Map<Long, SocketInfo> closed = new HashMap<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        SocketSample sample;
        do {
            sample = source.sample();
            sample.closed().forEach(s -> closed.put(s.cookie(), s));
            Thread.sleep(20);
        } while (!(closed.containsKey(liveClient.cookie()) && closed.containsKey(liveServer.cookie()))
                && System.nanoTime() < deadline);
        assertEquals(0, sample.closedEventsLost());

        SocketInfo c = closed.get(liveClient.cookie());
        SocketInfo s = closed.get(liveServer.cookie());
        assertNotNull(c, "client's destroy notification");
        assertNotNull(s, "server's destroy notification");
        assertEquals(first + more, c.bytesSent());
        assertEquals(0, c.bytesReceived());
        assertEquals(first + more, s.bytesReceived());
        assertEquals(0, s.bytesSent());
        assertEquals(0, c.ownerKey());
        assertEquals(SocketState.CLOSE, c.state());
        assertEquals(cp, c.local().port());
        assertEquals(IpAddress.parse("::1"), c.local().address());
        assertNull(find(source.sample().sockets(), x -> x.cookie() == liveClient.cookie() && x.ownerKey() != 0),
                "no longer listed as an open socket");
    }

    @Test
    void overflowingTheNotificationBufferIsCountedAsLost() throws Exception {
        try (NetlinkSocketSource small = NetlinkSocketSource.open(true, 1, true)) { // the kernel's minimum
            CiAssume.that(small.subscribed(), "destroy notifications need permission: " + small.limitations());
            small.sample();
            var listener = track(ServerSocketChannel.open(StandardProtocolFamily.INET));
            listener.bind(new InetSocketAddress("127.0.0.1", 0), 200);
            for (int i = 0; i < 100; i++) {
                SocketChannel c = SocketChannel.open(listener.getLocalAddress());
                SocketChannel s = listener.accept();
                c.close();
                s.close();
            }
            Thread.sleep(200);
            SocketSample sample = small.sample();
            assertTrue(sample.closedEventsLost() > 0, "ENOBUFS reported as lost");
            assertTrue(sample.closed().size() < 200, "the buffer could not hold every notification");
        }
    }

    @Test
    void closeIsIdempotentAndEndsSampling() throws IOException {
        source.sample();
        source.close();
        source.close();
        assertThrows(PermanentFailureException.class, source::sample);
    }

    @Test
    void malformedCountStaysZeroOnRealDumps() throws IOException {
        for (int i = 0; i < 3; i++) {
            source.sample();
        }
        assertEquals(0, source.malformedRecords());
        assertEquals(0, source.foreignDatagrams());
    }
}
