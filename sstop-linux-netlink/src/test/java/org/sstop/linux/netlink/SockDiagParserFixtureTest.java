package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/**
 * The parser on real kernel replies captured by {@code fixtures/capture.py} (Linux 6.18, x86-64)
 * in a fresh network namespace holding exactly these sockets: TCP 127.0.0.1:5000 (client sent
 * 1000 bytes, server 300), TCP [::1]:5001 (client 2000, server 700), UDP 127.0.0.1:5002
 * unconnected, UDP [::1]:5003 connected to [::1]:5004; then a graceful close of the IPv4 pair.
 */
class SockDiagParserFixtureTest {

    private final SockDiagParser parser = new SockDiagParser(ByteOrder.LITTLE_ENDIAN);

    static ByteBuffer fixture(String name) throws IOException {
        try (InputStream in = SockDiagParserFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
            return ByteBuffer.wrap(in.readAllBytes());
        }
    }

    /** Parses a file of several dumps (each ending in NLMSG_DONE) to the end. */
    private List<SocketInfo> parseAll(ByteBuffer buf, Protocol protocol, int[] dones) {
        List<SocketInfo> out = new ArrayList<>();
        while (buf.hasRemaining()) {
            SockDiagParser.Result r = parser.parseDump(buf, protocol, -1, out::add);
            assertEquals(0, r.malformed());
            if (r.status() == SockDiagParser.Status.DONE) {
                dones[0]++;
            } else {
                break;
            }
        }
        return out;
    }

    private static SocketInfo find(List<SocketInfo> list, int localPort, int remotePort) {
        return list.stream().filter(s -> s.local().port() == localPort && s.remote().port() == remotePort)
                .findFirst().orElseThrow(() -> new AssertionError("no socket " + localPort + "->" + remotePort + " in " + list));
    }

    private static int peerPort(List<SocketInfo> list, int serverPort) {
        return list.stream().filter(s -> s.remote().port() == serverPort).findFirst().orElseThrow().local().port();
    }

    @Test
    void tcpDumpIpv4AndIpv6() throws IOException {
        int[] dones = {0};
        List<SocketInfo> tcp = parseAll(fixture("tcp-dump.bin"), Protocol.TCP, dones);
        assertEquals(2, dones[0]);
        assertEquals(6, tcp.size());
        IpAddress lo4 = IpAddress.parse("127.0.0.1");
        IpAddress lo6 = IpAddress.parse("::1");

        SocketInfo listen4 = find(tcp, 5000, 0);
        assertEquals(SocketState.LISTEN, listen4.state());
        assertEquals(new Endpoint(lo4, 5000), listen4.local());
        assertTrue(listen4.remote().isAny());
        assertEquals(15433, listen4.ownerKey());
        assertEquals(0, listen4.bytesSent());
        assertEquals(0, listen4.bytesReceived());

        int c4 = peerPort(tcp, 5000);
        SocketInfo client4 = find(tcp, c4, 5000);
        assertEquals(SocketState.ESTABLISHED, client4.state());
        assertEquals(Protocol.TCP, client4.protocol());
        assertEquals(new Endpoint(lo4, 5000), client4.remote());
        assertEquals(15290, client4.ownerKey());
        assertEquals(0, client4.uid());
        assertEquals(SocketInfo.UNKNOWN, client4.pid());
        // Kernel: bytes_acked 1001 (SYN counted), bytes_sent 1000: the payload is 1000.
        assertEquals(1000, client4.bytesSent());
        assertEquals(300, client4.bytesReceived());
        SocketInfo server4 = find(tcp, 5000, c4);
        assertEquals(15291, server4.ownerKey());
        assertEquals(300, server4.bytesSent());
        assertEquals(1000, server4.bytesReceived());

        SocketInfo listen6 = find(tcp, 5001, 0);
        assertEquals(new Endpoint(lo6, 5001), listen6.local());
        assertEquals(SocketState.LISTEN, listen6.state());
        int c6 = peerPort(tcp, 5001);
        SocketInfo client6 = find(tcp, c6, 5001);
        assertEquals(new Endpoint(lo6, c6), client6.local());
        assertEquals(15293, client6.ownerKey());
        assertEquals(2000, client6.bytesSent());
        assertEquals(700, client6.bytesReceived());
        SocketInfo server6 = find(tcp, 5001, c6);
        assertEquals(700, server6.bytesSent());
        assertEquals(2000, server6.bytesReceived());

        assertEquals(6, tcp.stream().mapToLong(SocketInfo::cookie).distinct().count(), "cookies are unique");
    }

    @Test
    void udpDumpHasNoByteCounters() throws IOException {
        int[] dones = {0};
        List<SocketInfo> udp = parseAll(fixture("udp-dump.bin"), Protocol.UDP, dones);
        assertEquals(2, dones[0]);
        assertEquals(2, udp.size());
        SocketInfo unconnected = find(udp, 5002, 0);
        assertEquals(Protocol.UDP, unconnected.protocol());
        assertEquals(SocketState.UNCONNECTED, unconnected.state());
        assertEquals(IpAddress.parse("127.0.0.1"), unconnected.local().address());
        assertEquals(15295, unconnected.ownerKey());
        assertEquals(SocketInfo.UNKNOWN, unconnected.bytesSent());
        assertEquals(SocketInfo.UNKNOWN, unconnected.bytesReceived());
        SocketInfo connected = find(udp, 5003, 5004);
        assertEquals(SocketState.ESTABLISHED, connected.state());
        assertEquals(new Endpoint(IpAddress.parse("::1"), 5004), connected.remote());
        assertEquals(SocketInfo.UNKNOWN, connected.bytesSent());
    }

    @Test
    void destroyNotificationsCarryCookieAndFinalPayload() throws IOException {
        List<SocketInfo> tcp = parseAll(fixture("tcp-dump.bin"), Protocol.TCP, new int[1]);
        int c4 = peerPort(tcp, 5000);
        List<SocketInfo> closed = new ArrayList<>();
        SockDiagParser.Result r = parser.parseDestroyed(fixture("destroy.bin"), closed::add);
        assertEquals(SockDiagParser.Status.MORE, r.status());
        assertEquals(0, r.malformed());
        assertEquals(2, closed.size());

        SocketInfo client = find(closed, c4, 5000);
        assertEquals(find(tcp, c4, 5000).cookie(), client.cookie(), "same cookie as in the live dump");
        assertEquals(SocketState.CLOSE, client.state());
        assertEquals(Protocol.TCP, client.protocol());
        assertEquals(0, client.ownerKey());
        assertEquals(SocketInfo.UNKNOWN, client.uid());
        // Kernel: bytes_acked 1002 (SYN + FIN), bytes_received 301 (FIN): payload 1000 / 300.
        assertEquals(1000, client.bytesSent());
        assertEquals(300, client.bytesReceived());

        SocketInfo server = find(closed, 5000, c4);
        assertEquals(find(tcp, 5000, c4).cookie(), server.cookie());
        assertNotEquals(client.cookie(), server.cookie());
        assertEquals(300, server.bytesSent());
        assertEquals(1000, server.bytesReceived());
    }

    @Test
    void everyTruncationOfARealDumpYieldsOnlyTrueSockets() throws IOException {
        byte[] all = fixture("tcp-dump.bin").array();
        List<SocketInfo> truth = parseAll(ByteBuffer.wrap(all), Protocol.TCP, new int[1]);
        for (int cut = 0; cut < all.length; cut++) {
            ByteBuffer b = ByteBuffer.wrap(all, 0, cut).slice();
            List<SocketInfo> got = new ArrayList<>();
            for (int guard = 0; guard < 10 && b.hasRemaining(); guard++) {
                SockDiagParser.Result r = parser.parseDump(b, Protocol.TCP, -1, got::add);
                if (r.status() != SockDiagParser.Status.DONE) {
                    break;
                }
            }
            for (SocketInfo s : got) {
                assertTrue(truth.contains(s), "cut at " + cut + " produced a socket not in the dump: " + s);
            }
        }
    }

    @Test
    void bigEndianReadingOfLittleEndianBytesIsNotTrusted() throws IOException {
        // A parser told the wrong host order reads absurd lengths: it must stop, not throw or invent.
        SockDiagParser wrong = new SockDiagParser(ByteOrder.BIG_ENDIAN);
        List<SocketInfo> got = new ArrayList<>();
        SockDiagParser.Result r = wrong.parseDump(fixture("tcp-dump.bin"), Protocol.TCP, -1, got::add);
        assertEquals(0, got.size());
        assertEquals(1, r.malformed());
    }
}
