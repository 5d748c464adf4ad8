package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.testkit.CiAssume;
import org.sstop.testkit.Host;

/** The ring itself: frames are cut to the snap length while tp_len keeps the real length. */
class PacketRingTest {

    @Test
    void framesAreTruncatedButKeepTheirRealLength() throws Exception {
        CiAssume.that(Host.isLinux(), "needs Linux");
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        int payload = 20_000;
        try (PacketRing ring = PacketRing.open(256 << 10, 4, 10, PacketFilter.ALL);
                DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            int port = ((InetSocketAddress) tx.getLocalAddress()).getPort();
            tx.send(ByteBuffer.allocate(payload), rx.getLocalAddress());
            long[] found = new long[3]; // captured, wire length, copies
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (found[2] < 2 && System.nanoTime() < deadline) {
                if (!ring.blockReady()) {
                    ring.poll(100);
                    continue;
                }
                ring.processBlock((b, mac, captured, wire, netOff, hatype, pkttype) -> {
                    // Ethernet (zeros) + IPv4 + UDP from our port.
                    if (hatype == FrameProcessor.ARPHRD_LOOPBACK && captured >= 14 + 20 + 8
                            && b.getShort(mac + 12) == 0x0800 && (b.getShort(mac + 34) & 0xffff) == port) {
                        found[0] = captured;
                        found[1] = wire;
                        found[2]++;
                    }
                });
                ring.releaseBlock();
            }
            assertEquals(2, found[2], "lo shows the outgoing and the incoming copy");
            assertEquals(PacketRing.SNAPLEN, found[0], "only the headers are copied");
            assertEquals(14 + 20 + 8 + payload, found[1], "tp_len is the real length");
            long[] stats = ring.statistics();
            assertTrue(stats[0] >= 2, "PACKET_STATISTICS counts packets");
            assertEquals(0, stats[1], "no drops");
        }
    }

    @Test
    void theUdpFilterKeepsUdpAndDropsTcpInTheKernel() throws Exception {
        CiAssume.that(Host.isLinux(), "needs Linux");
        Availability a = new PacketFlowCounterProvider().availability();
        CiAssume.that(a.available(), "AF_PACKET unavailable: " + a.reason());
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (PacketRing ring = PacketRing.open(256 << 10, 4, 10, PacketFilter.UDP);
                ServerSocket server = new ServerSocket(0, 1, lo);
                Socket client = new Socket(lo, server.getLocalPort());
                Socket accepted = server.accept();
                DatagramChannel rx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0));
                DatagramChannel tx = DatagramChannel.open().bind(new InetSocketAddress(lo, 0))) {
            int tcpPort = server.getLocalPort();
            int udpPort = ((InetSocketAddress) rx.getLocalAddress()).getPort();
            client.getOutputStream().write(new byte[1000]);
            accepted.getInputStream().readNBytes(1000);
            tx.send(ByteBuffer.allocate(100), rx.getLocalAddress()); // sent after the TCP segments
            long[] seen = new long[2]; // UDP frames to udpPort, TCP frames to or from tcpPort
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (seen[0] < 2 && System.nanoTime() < deadline) {
                if (!ring.blockReady()) {
                    ring.poll(100);
                    continue;
                }
                ring.processBlock((b, mac, captured, wire, netOff, hatype, pkttype) -> {
                    if (captured < 14 + 20 + 4 || b.getShort(mac + 12) != 0x0800) {
                        return;
                    }
                    int protocol = b.get(mac + 14 + 9);
                    int src = b.getShort(mac + 34) & 0xffff;
                    int dst = b.getShort(mac + 36) & 0xffff;
                    if (protocol == 17 && dst == udpPort) {
                        seen[0]++;
                    } else if (protocol == 6 && (src == tcpPort || dst == tcpPort)) {
                        seen[1]++;
                    }
                });
                ring.releaseBlock();
            }
            assertEquals(2, seen[0], "both copies of the datagram on lo");
            assertEquals(0, seen[1], "no TCP frame reaches the ring");
        }
    }
}
