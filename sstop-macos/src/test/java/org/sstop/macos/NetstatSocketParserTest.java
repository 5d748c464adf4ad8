package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

class NetstatSocketParserTest {

    private static Endpoint ep(String addr, int port) {
        return new Endpoint(IpAddress.parse(addr), port);
    }

    private static SocketInfo find(List<SocketInfo> l, int localPort) {
        return l.stream().filter(s -> s.local().port() == localPort).findFirst().orElseThrow();
    }

    @Test
    void currentLayoutTcpEveryField() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-tcp-macos15.txt"));
        assertEquals(15, r.items().size());
        assertEquals(2, r.badLines(), "the 'got 4 twice' line and the row cut mid-line");

        SocketInfo apsd = r.items().get(0);
        assertEquals(Protocol.TCP, apsd.protocol());
        assertEquals(ep("192.168.1.20", 52344), apsd.local());
        assertEquals(ep("17.57.146.52", 5223), apsd.remote());
        assertEquals(SocketState.ESTABLISHED, apsd.state());
        assertEquals(48211, apsd.bytesReceived());
        assertEquals(12093, apsd.bytesSent());
        assertEquals(412, apsd.pid());
        assertEquals(0x1a2b3c, apsd.cookie(), "gencnt is the identity");
        assertEquals(apsd.cookie(), apsd.ownerKey(), "synthetic inode = cookie");
        assertEquals(SocketInfo.UNKNOWN, apsd.uid());

        SocketInfo chrome = find(r.items(), 52399);
        assertEquals(12345678901L, chrome.bytesReceived(), "an 11-digit counter closes the gap to the previous column");
        assertEquals(73400320L, chrome.bytesSent());
        assertEquals(1234, chrome.pid(), "name with spaces: 'Google Chrome He:1234'");

        SocketInfo safari = find(r.items(), 52411);
        assertEquals(ep("2a02:8108:1dc0:2b4e:89e1:77f0:1c2a:9f10", 52411), safari.local());
        assertEquals(ep("2a00:1450:4001:82b::200e", 443), safari.remote());
        assertEquals(977, safari.pid());

        SocketInfo dual = find(r.items(), 5000);
        assertEquals(new Endpoint(IpAddress.ANY_V6, 5000), dual.local(), "tcp46 *.5000");
        assertTrue(dual.remote().isAny());
        assertEquals(SocketState.LISTEN, dual.state());

        assertEquals(ep("::1", 631), find(r.items(), 631).local());
        assertEquals(ep("fe80::1", 8021), find(r.items(), 8021).local(), "zone suffix dropped");
        assertEquals(1, find(r.items(), 8021).pid());

        assertEquals(SocketState.TIME_WAIT, find(r.items(), 8080).state());
        assertEquals(SocketState.CLOSE_WAIT, find(r.items(), 52501).state());
        assertEquals(SocketState.SYN_SENT, find(r.items(), 52502).state());
        assertEquals(SocketState.SYN_RECV, find(r.items(), 80).state());
        assertEquals(SocketState.FIN_WAIT1, find(r.items(), 52503).state());
        assertEquals(SocketState.FIN_WAIT2, find(r.items(), 52504).state());
        assertEquals(SocketState.LAST_ACK, find(r.items(), 52505).state());
        assertEquals(SocketState.CLOSING, find(r.items(), 52506).state());
        assertEquals(SocketState.CLOSE, find(r.items(), 52507).state());

        assertEquals(4100, find(r.items(), 52505).pid(), "unicode name");
        assertEquals(4200, find(r.items(), 52506).pid(), "name with a colon: pid after the last colon");
        assertEquals(4300, find(r.items(), 52507).pid());
    }

    @Test
    void processNamesKeepSpacesAndUnicode() {
        String text = Fixtures.read("netstat-tcp-macos15.txt");
        String[] lines = text.split("\n");
        String header = lines[1];
        assertEquals("apsd", NetstatSocketParser.processName(header, lines[2]));
        assertEquals("Google Chrome He", NetstatSocketParser.processName(header, lines[3]));
        assertEquals("Телеграм", NetstatSocketParser.processName(header, lines[14]));
        assertEquals("my:odd name", NetstatSocketParser.processName(header, lines[15]));
        assertEquals("Café Sync", NetstatSocketParser.processName(header, lines[16]));
    }

    @Test
    void currentLayoutUdpHasOneFieldFewer() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-udp-macos15.txt"));
        assertEquals(5, r.items().size());
        assertEquals(1, r.badLines(), "a '?' host is not an address");
        SocketInfo mdns = r.items().get(0);
        assertEquals(Protocol.UDP, mdns.protocol());
        assertEquals(new Endpoint(IpAddress.ANY_V4, 5353), mdns.local());
        assertEquals(SocketState.UNCONNECTED, mdns.state());
        assertEquals(183422, mdns.bytesReceived());
        assertEquals(90211, mdns.bytesSent());
        assertEquals(187, mdns.pid());
        SocketInfo chrome = r.items().get(1);
        assertEquals(mdns.local(), chrome.local());
        assertNotEquals(mdns.cookie(), chrome.cookie(), "two listeners on *.5353 are two sockets");
        assertEquals(1234, chrome.pid());
        SocketInfo any = r.items().get(2);
        assertEquals(new Endpoint(IpAddress.ANY_V6, 0), any.local(), "udp46 *.*");
        SocketInfo dns = r.items().get(3);
        assertEquals(SocketState.ESTABLISHED, dns.state(), "connected UDP");
        assertEquals(ep("8.8.8.8", 53), dns.remote());
        assertEquals(ep("fe80::1", 123), r.items().get(4).local());
    }

    @Test
    void publishedSourceLayoutWithPidAndEpid() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-tcp-mid.txt"));
        assertEquals(3, r.items().size());
        assertEquals(0, r.badLines());
        assertEquals(412, r.items().get(0).pid());
        assertEquals(0x1a2b3c, r.items().get(0).cookie());
        assertEquals(48211, r.items().get(0).bytesReceived());
        assertEquals(588, r.items().get(1).pid());
        assertEquals(SocketInfo.UNKNOWN, r.items().get(2).pid(), "pid 0: nobody to name");
    }

    @Test
    void oldLayoutWithoutGencntUsesTupleCookies() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-old-macos11.txt"));
        assertEquals(4, r.items().size());
        assertEquals(0, r.badLines());
        assertEquals(412, r.items().get(0).pid());
        assertEquals(201, r.items().get(1).pid());
        assertEquals(ep("::1", 631), r.items().get(1).local());
        SocketInfo a = r.items().get(2);
        SocketInfo b = r.items().get(3);
        assertEquals(Protocol.UDP, a.protocol());
        assertEquals(100, a.bytesReceived());
        assertEquals(3, b.bytesSent());
        assertEquals(1234, b.pid());
        Set<Long> cookies = new HashSet<>();
        r.items().forEach(s -> cookies.add(s.cookie()));
        assertEquals(4, cookies.size(), "same tuple twice still gives two identities");
        assertTrue(cookies.stream().allMatch(c -> c > 0));
        // The cookie is stable across runs for the same output.
        assertEquals(a.cookie(), NetstatSocketParser.parse(Fixtures.read("netstat-old-macos11.txt")).items().get(2).cookie());
    }

    @Test
    void withoutDashLIpv6IsCutAndRejectedNotMisread() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-tcp-nov.txt"));
        assertEquals(1, r.items().size());
        assertEquals(1, r.badLines(), "2a02:8108:1dc0:2 is not an address: skipped, not guessed");
        assertEquals(SocketInfo.UNKNOWN, r.items().get(0).pid(), "no -v: no owner");
        assertEquals(48211, r.items().get(0).bytesReceived());
    }

    @Test
    void withoutDashLAnIpv6HostOfTheCutWidthIsRefusedEvenWhenItParses() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-tcp-nov-cut.txt"));
        assertEquals(List.of(ep("192.168.1.20", 52344), ep("::1", 631)), r.items().stream().map(SocketInfo::local).toList(),
                "2601:646:8d80::1 is 2601:646:8d80::1b2c:3d4e cut to 16 characters: never read as ::1");
        assertEquals(2, r.badLines(), "both 16-character IPv6 hosts refused");
    }

    @Test
    void withDashLTheSameHostsAreRead() {
        String wide = Fixtures.read("netstat-tcp-nov-cut.txt").replace("Local Address          Foreign Address        (state)",
                "Local Address" + " ".repeat(33) + "Foreign Address" + " ".repeat(31) + "(state)");
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(wide);
        assertEquals(0, r.badLines());
        assertEquals(ep("2601:646:8d80::1", 52412), r.items().get(1).local());
        assertEquals(ep("2001:db8:1:2::10", 443), r.items().get(2).remote());
    }

    @Test
    void oldLayoutPidOutsideTheIntRangeIsNoPid() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(Fixtures.read("netstat-old-bigpid.txt"));
        assertEquals(3, r.items().size());
        assertEquals(SocketInfo.UNKNOWN, r.items().get(0).pid(), "4294967297 is not pid 1");
        assertEquals(SocketInfo.UNKNOWN, r.items().get(1).pid(), "2147483648 is not a negative pid");
        assertEquals(Integer.MAX_VALUE, r.items().get(2).pid());
    }

    @Test
    void aHostStartingWithADotAndHoldingAColonIsNoAddress() {
        ParseResult<SocketInfo> r = NetstatSocketParser.parse(
                "Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n"
                        + "tcp4 0 0 .:1.80 1.2.3.4.5 ESTABLISHED\n"
                        + "tcp6 0 0 .:1.80 ::1.5 ESTABLISHED\n"
                        + "tcp4 0 0 :.80 1.2.3.4.5 ESTABLISHED\n");
        assertEquals(0, r.items().size());
        assertEquals(3, r.badLines());
        assertNull(Endpoints.address(".:1", false));
        assertNull(Endpoints.address(".:1", true));
    }

    @Test
    void hostileInputNeverThrows() {
        String base = Fixtures.read("netstat-tcp-macos15.txt") + "\n" + Fixtures.read("netstat-udp-macos15.txt");
        Random rnd = new Random(42);
        char[] alphabet = " \t.:*%0123456789abcdefx-_()\u0000\u001b[]\u00e9\u0416\n".toCharArray();
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + rnd.nextInt(20);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, alphabet[rnd.nextInt(alphabet.length)]);
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, alphabet[rnd.nextInt(alphabet.length)]);
                }
            }
            ParseResult<SocketInfo> r = NetstatSocketParser.parse(sb.toString());
            for (SocketInfo s : r.items()) {
                // A mangled header may hide the byte columns (UNKNOWN, -1); never anything below that.
                assertTrue(s.bytesReceived() >= -1 && s.bytesSent() >= -1);
                assertTrue(s.cookie() > 0);
            }
        }
        ParseResult<SocketInfo> junk = NetstatSocketParser.parse("tcp4 " + "9".repeat(100_000) + "\n" + "x ".repeat(10_000));
        assertEquals(0, junk.items().size());
        assertEquals(2, junk.badLines());
    }
}
