package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;

class LsofParserTest {

    private static Endpoint ep(String addr, int port) {
        return new Endpoint(IpAddress.parse(addr), port);
    }

    @Test
    void everyField() {
        ParseResult<LsofSocket> r = LsofParser.parse(Fixtures.read("lsof-F.txt"));
        List<LsofSocket> l = r.items();
        assertEquals(8, l.size());
        // evil: unparsable address; X: unknown field letter; p12x: bad pid
        assertEquals(3, r.badLines());

        LsofSocket launchd = l.get(0);
        assertEquals(1, launchd.pid());
        assertEquals(0, launchd.ppid());
        assertEquals("launchd", launchd.command());
        assertEquals(0, launchd.uid());
        assertEquals("root", launchd.login());
        assertEquals("12", launchd.fd());
        assertEquals(Protocol.TCP, launchd.protocol());
        assertEquals(ep("fe80::1", 8021), launchd.local(), "KAME embedded scope cleared, as netstat prints it");
        assertTrue(launchd.remote().isAny());
        assertEquals("LISTEN", launchd.state());

        LsofSocket apsd = l.get(1);
        assertEquals(ep("192.168.1.20", 52344), apsd.local());
        assertEquals(ep("17.57.146.52", 5223), apsd.remote());
        assertEquals("ESTABLISHED", apsd.state());

        LsofSocket chrome = l.get(2);
        assertEquals("Google Chrome Helper", chrome.command(), "\\x20 decoded");
        assertEquals(501, chrome.uid());
        assertEquals("alice", chrome.login());
        LsofSocket mdns = l.get(3);
        assertEquals(Protocol.UDP, mdns.protocol());
        assertEquals(new Endpoint(IpAddress.ANY_V4, 5353), mdns.local());
        assertEquals(1234, mdns.pid());
        assertEquals("", mdns.state());

        LsofSocket safari = l.get(4);
        assertEquals(ep("2a02:8108:1dc0:2b4e:89e1:77f0:1c2a:9f10", 52411), safari.local());
        assertEquals(ep("2a00:1450:4001:82b::200e", 443), safari.remote());

        assertEquals(ep("::1", 631), l.get(5).local());
        assertEquals(new Endpoint(IpAddress.ANY_V6, 5000), l.get(6).local());
        assertEquals("Телеграм", l.get(7).command(), "escaped UTF-8 bytes decoded");
        assertEquals(4100, l.get(7).pid());
    }

    @Test
    void fileSetsWithoutFdFields() {
        // Shape of lsof -F output when f was not selected: P starts each file.
        String text = "p3091\ncntpd\nLntp\nPUDP\nn*:123\nTQR=0\nTQS=0\nPUDP\nn127.0.0.1:123\nTQR=0\nTQS=0\n"
                + "p3111\ncsendmail\nPTCP\nn127.0.0.1:25\nTST=LISTEN\n";
        ParseResult<LsofSocket> r = LsofParser.parse(text);
        assertEquals(0, r.badLines());
        assertEquals(3, r.items().size());
        assertEquals(new Endpoint(IpAddress.ANY_V4, 123), r.items().get(0).local());
        assertEquals(ep("127.0.0.1", 123), r.items().get(1).local());
        assertEquals(3091, r.items().get(1).pid());
        assertEquals("ntp", r.items().get(1).login());
        assertEquals("LISTEN", r.items().get(2).state());
        assertEquals("sendmail", r.items().get(2).command());
    }

    @Test
    void escapesAreDecodedThenMadeSafe() {
        assertEquals("a b", Text.lsofDecode("a\\x20b"));
        assertEquals("evil?[2Jname", Text.lsofDecode("evil\\x1b[2Jname"), "an escape sequence is defused");
        assertEquals("tab?x", Text.lsofDecode("tab\\tx"));
        assertEquals("x\\q", Text.lsofDecode("x\\q"), "an unknown escape stays as it is");
        assertEquals("end\\x2", Text.lsofDecode("end\\x2"), "a cut escape stays as it is");
        assertEquals(Text.MAX, Text.lsofDecode("A".repeat(100_000)).length(), "bounded");
        assertFalse(Text.lsofDecode("\\xc2\\x9b31m").contains("\u009b"), "C1 CSI removed");
    }

    @Test
    void hostileInputNeverThrows() {
        String base = Fixtures.read("lsof-F.txt");
        Random rnd = new Random(3);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(base);
            for (int e = 0; e < 1 + rnd.nextInt(10); e++) {
                int at = rnd.nextInt(sb.length());
                String a = "pfnPtTcRu\\x:[]->*\n0123456789";
                sb.setCharAt(at, a.charAt(rnd.nextInt(a.length())));
            }
            for (LsofSocket s : LsofParser.parse(sb.toString()).items()) {
                assertTrue(s.pid() > 0);
            }
        }
    }
}
