package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sstop.api.FlowSample;
import org.sstop.api.Availability;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;
import org.sstop.testkit.TestNetwork;

/**
 * Real traffic over a veth pair to a network namespace the test creates (the kit's
 * {@link TestNetwork}): the near end is this host, the peer lives in the namespace and runs
 * python3. Checks exact, non-loopback, directed counts, and that UDP fragments are counted to
 * their flow.
 */
class PacketFlowCounterNetnsTest {

    private static TestNetwork net;
    private static String nearV4;
    private static String farV4;
    private static String nearV6;
    private static String farV6;

    @BeforeAll
    static void createNamespace() throws Exception {
        CiAssume.linux();
        CiAssume.that(Host.isRoot(), "needs root to create a network namespace");
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        net = TestNetwork.toPeer(TestNetwork.Ipv6.ADDRESSED);
        nearV4 = net.near().address();
        farV4 = net.far().address();
        nearV6 = net.near().address6();
        farV6 = net.far().address6();
        // Traffic to this network goes to the host as next hop, addressed to a host that is not it.
        net.far().run("ip", "route", "add", net.unroutedNetwork(), "via", nearV4);
    }

    @AfterAll
    static void deleteNamespace() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    private static Process python(String script) throws IOException {
        return net.far().start("python3", "-c", script);
    }

    @Test
    void tcpFromNamespaceIsCountedExactlyInBothDirections() throws Exception {
        tcpFromNamespace(nearV4, farV4, 3_000_017, 123_457);
    }

    @Test
    void tcpOverIpv6FromNamespaceIsCountedExactly() throws Exception {
        tcpFromNamespace(nearV6, farV6, 1_500_001, 65_537);
    }

    private void tcpFromNamespace(String host, String peerAddress, int up, int down) throws Exception {
        try (PacketFlowCounter counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 14);
                ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            int port = ss.getLocalPort();
            Process peer = python("import socket\n"
                    + "s=socket.create_connection(('" + host + "'," + port + "))\n"
                    + "s.sendall(b'x'*" + up + ")\n"
                    + "n=0\n"
                    + "while n<" + down + ":\n"
                    + "  d=s.recv(65536)\n"
                    + "  if not d: break\n"
                    + "  n+=len(d)\n"
                    + "print(n)\n"
                    + "s.close()\n");
            int peerPort;
            try (Socket s = ss.accept()) {
                peerPort = s.getPort();
                s.getInputStream().skipNBytes(up); // exactly up bytes, or EOFException
                s.getOutputStream().write(new byte[down]);
                s.getOutputStream().flush();
                String[] printed = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split(" ");
                peer.waitFor(30, TimeUnit.SECONDS);
                assertEquals(String.valueOf(down), printed[0], "the peer received everything");
            }
            String key = "TCP " + endpoint(host, port) + " " + endpoint(peerAddress, peerPort);
            FlowTotals totals = new FlowTotals();
            totals.drainUntil(counter, t -> t.get(key) != null && t.get(key).bytesIn >= up && t.get(key).bytesOut >= down);
            FlowTotals.Sum sum = totals.get(key);
            assertNotNull(sum, "no flow " + key + " among " + totals.flows.keySet());
            // Exactly the payload: retransmissions, if any, are recognised and not recounted.
            assertEquals(up, sum.bytesIn, "payload sent by the peer");
            assertEquals(down, sum.bytesOut, "payload sent by the host");
            assertFalse(sum.loopback);
            assertEquals(0, totals.drops);
        }
    }

    @Test
    void trafficPassingThroughIsNotChargedToAnyFlow() throws Exception {
        try (PacketFlowCounter counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 14)) {
            // TTL 1: the host would never forward these anywhere, whatever its ip_forward says.
            Process peer = python("import socket\n"
                    + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                    + "s.setsockopt(socket.IPPROTO_IP,socket.IP_TTL,1)\n"
                    + "for i in range(20):\n"
                    + "  s.sendto(b'f'*500,('" + net.unroutedAddress() + "',9999))\n");
            assertEquals(0, peer.waitFor(), "sender failed");
            FlowTotals totals = new FlowTotals();
            long forwarded = 0;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (forwarded < 10_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                FlowSample sample = counter.drain();
                forwarded += sample.forwardedBytes();
                totals.add(sample);
            }
            assertEquals(10_000, forwarded, "forwarded payload bytes");
            assertTrue(totals.flows.keySet().stream().noneMatch(k -> k.contains(net.unroutedAddress())),
                    "charged to a flow: " + totals.flows.keySet());
        }
    }

    private static String endpoint(String address, int port) {
        return new org.sstop.api.Endpoint(org.sstop.api.IpAddress.parse(address), port).toString();
    }

    @Test
    void udpFragmentsFromNamespaceAreCountedToTheirFlow() throws Exception {
        udpFromNamespace(nearV4, farV4);
    }

    @Test
    void udpOverIpv6FragmentsFromNamespaceAreCountedToTheirFlow() throws Exception {
        udpFromNamespace(nearV6, farV6);
    }

    private void udpFromNamespace(String host, String peerAddress) throws Exception {
        // 40 datagrams of 1000 bytes and 10 of 4000 (fragmented at MTU 1500 into 3 fragments each,
        // IPv4 and IPv6 alike).
        long expected = 40 * 1000 + 10 * 4000;
        try (PacketFlowCounter counter = new PacketFlowCounter(Path.of("/proc/net"), 1 << 14);
                DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName(host), 0))) {
            int port = ((InetSocketAddress) rx.getLocalAddress()).getPort();
            Process peer = python("import socket,time\n"
                    + "s=socket.socket(socket.AF_INET" + (host.contains(":") ? "6" : "") + ",socket.SOCK_DGRAM)\n"
                    + "s.bind(('" + peerAddress + "',0))\n"
                    + "print(s.getsockname()[1],flush=True)\n"
                    + "for i in range(50):\n"
                    + "  s.sendto(b'u'*(1000 if i<40 else 4000),('" + host + "'," + port + "))\n"
                    + "  time.sleep(0.002)\n");
            int peerPort = Integer.parseInt(new String(peer.getInputStream().readNBytes(16), StandardCharsets.UTF_8)
                    .strip().split("\\s+")[0]);
            ByteBuffer buf = ByteBuffer.allocate(65536);
            long got = 0;
            rx.configureBlocking(true);
            for (int i = 0; i < 50; i++) {
                buf.clear();
                rx.receive(buf);
                got += buf.position();
            }
            assertEquals(expected, got, "the socket received everything");
            peer.waitFor(30, TimeUnit.SECONDS);
            String key = "UDP " + endpoint(host, port) + " " + endpoint(peerAddress, peerPort);
            FlowTotals totals = new FlowTotals();
            totals.drainUntil(counter, t -> t.get(key) != null && t.get(key).bytesIn >= expected);
            FlowTotals.Sum sum = totals.get(key);
            assertNotNull(sum, "no flow " + key + " among " + totals.flows.keySet());
            assertEquals(expected, sum.bytesIn);
            assertEquals(40 + 10 * 3, sum.packetsIn, "every fragment is a packet of the flow");
            assertEquals(0, sum.bytesOut);
            assertEquals(0, totals.drops);
        }
    }
}
