package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

class NettopParserTest {

    private static Endpoint ep(String addr, int port) {
        return new Endpoint(IpAddress.parse(addr), port);
    }

    @Test
    void processesAndSocketsWithTimeColumn() {
        NettopParser.Result r = NettopParser.parse(Fixtures.read("nettop.txt"));
        assertEquals(List.of(1, 412, 1234, 772, 4400, 120), r.processes().stream().map(NettopParser.NettopProcess::pid).toList());
        assertEquals("Microsoft Edge", r.processes().get(3).name(), "cut name, trailing blank dropped");
        assertEquals("Weird, Name.v2", r.processes().get(4).name(), "dots and commas in a process name");
        assertEquals(12345681093L, r.processes().get(2).bytesIn());
        // ??? row, the flow after it (no process to charge), the 999.0.0.1 flow
        assertEquals(3, r.badLines());

        List<SocketInfo> s = r.sockets();
        assertEquals(7, s.size(), "quic and udp rows of one flow count once");
        SocketInfo launchd = s.get(0);
        assertEquals(1, launchd.pid());
        assertEquals(ep("fe80::1", 8021), launchd.local());
        assertEquals(SocketState.LISTEN, launchd.state());
        assertEquals(0, launchd.bytesReceived(), "empty cells: no bytes");
        assertEquals(0, launchd.bytesSent());
        SocketInfo apsd = s.get(1);
        assertEquals(Protocol.TCP, apsd.protocol());
        assertEquals(ep("192.168.1.20", 52344), apsd.local());
        assertEquals(ep("17.57.146.52", 5223), apsd.remote());
        assertEquals(48211, apsd.bytesReceived());
        assertEquals(12093, apsd.bytesSent());
        assertEquals(412, apsd.pid());
        assertEquals(SocketState.ESTABLISHED, apsd.state());
        assertEquals(apsd.cookie(), apsd.ownerKey());
        SocketInfo chrome = s.get(2);
        assertEquals(1234, chrome.pid());
        assertEquals(12345678901L, chrome.bytesReceived());
        SocketInfo mdns = s.get(3);
        assertEquals(Protocol.UDP, mdns.protocol());
        assertEquals(new Endpoint(IpAddress.ANY_V4, 5353), mdns.local());
        assertEquals(SocketState.UNCONNECTED, mdns.state());
        SocketInfo quic = s.get(4);
        assertEquals(Protocol.UDP, quic.protocol());
        assertEquals(144, quic.bytesReceived());
        assertEquals(ep("142.250.74.46", 443), quic.remote());
        SocketInfo edge = s.get(5);
        assertEquals(772, edge.pid());
        assertEquals(new Endpoint(IpAddress.ANY_V6, 55294), edge.local());
        assertEquals(SocketState.LISTEN, edge.state());
        SocketInfo v6 = s.get(6);
        assertEquals(4400, v6.pid());
        assertEquals(ep("2a02:8108:1dc0:2b4e:89e1:77f0:1c2a:9f10", 52411), v6.local());
        assertEquals(ep("2a00:1450:4001:82b::200e", 443), v6.remote());
    }

    @Test
    void withoutTimeColumn() {
        NettopParser.Result r = NettopParser.parse(Fixtures.read("nettop-notime.txt"));
        assertEquals(0, r.badLines());
        assertEquals(3, r.sockets().size());
        assertEquals(412, r.sockets().get(0).pid());
        assertEquals(187, r.sockets().get(1).pid());
        assertEquals(183422, r.sockets().get(1).bytesReceived());
        assertEquals(new Endpoint(IpAddress.ANY_V6, 5353), r.sockets().get(2).local(), "udp6 *.5353");
    }

    @Test
    void lastSampleWins() {
        String one = Fixtures.read("nettop-notime.txt");
        String two = one.replace("48211", "50000");
        NettopParser.Result r = NettopParser.parse(one + "\n" + two);
        assertEquals(3, r.sockets().size());
        assertEquals(50000, r.sockets().get(0).bytesReceived());
    }

    @Test
    void hostileInputNeverThrows() {
        String base = Fixtures.read("nettop.txt");
        Random rnd = new Random(11);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(base);
            for (int e = 0; e < 1 + rnd.nextInt(10); e++) {
                int at = rnd.nextInt(sb.length());
                String a = ",.:<->*\n0123456789tcpudp ";
                sb.setCharAt(at, a.charAt(rnd.nextInt(a.length())));
            }
            for (SocketInfo s : NettopParser.parse(sb.toString()).sockets()) {
                assertTrue(s.pid() > 0 && s.bytesReceived() >= 0 && s.bytesSent() >= 0);
            }
        }
    }
}
