package org.sstop.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

class AddressMaskerTest {

    private final AddressMasker masker = new AddressMasker();

    @Test
    void theSameAddressGetsTheSameStandInInEverySpellingAndFile() {
        String netstat = masker.text("tcp4       0      0  10.0.0.5.52345         17.57.146.52.443       ESTABLISHED");
        String lsof = masker.text("p412\nn10.0.0.5:52345->17.57.146.52:443\nn[2a02:8108:1dc0::5]:443->[2606:4700::6810]:52000");
        String nettop = masker.text("tcp4 10.0.0.5:52345<->17.57.146.52:443,100,200,\ntcp6 2a02:8108:1dc0::5.443<->2606:4700::6810.52000,1,2,");
        String json = masker.text("{\"address\":\"17.57.146.52\",\"cmdline\":\"curl https://[2606:4700::6810]/\"}");
        // 10.0.0.5 in /proc/net/tcp: 0500000A, port 52345 = CC39; in tcp6, v4-mapped.
        String proc = masker.procNet("   0: 0500000A:CC39 34923911:01BB 01\n   1: 0000000000000000FFFF00000500000A:CC39 00000000000000000000000000000000:0000 0A\n");

        assertEquals("tcp4       0      0  198.18.0.1.52345         198.18.0.2.443       ESTABLISHED", netstat);
        assertEquals("p412\nn198.18.0.1:52345->198.18.0.2:443\nn[2001:db8::1]:443->[2001:db8::2]:52000", lsof);
        assertEquals("tcp4 198.18.0.1:52345<->198.18.0.2:443,100,200,\ntcp6 2001:db8::1.443<->2001:db8::2.52000,1,2,", nettop);
        assertEquals("{\"address\":\"198.18.0.2\",\"cmdline\":\"curl https://[2001:db8::2]/\"}", json);
        assertEquals("   0: 010012C6:CC39 020012C6:01BB 01\n   1: 0000000000000000FFFF0000010012C6:CC39 00000000000000000000000000000000:0000 0A\n", proc,
                "198.18.0.1 and .2 in /proc's little-endian words; the wildcard stays");
    }

    @Test
    void everyAddressIsReplacedButWildcardsAndLoopback() {
        List<String> hidden = List.of("192.168.1.20", "8.8.8.8", "224.0.0.251", "fe80::1c2b:3d4e", "2a00:1450:4001:80b::200e", "ff02::fb",
                "a4:83:e7:12:34:56");
        String text = "tcp4 0 0 192.168.1.20.52344 8.8.8.8.53 ESTABLISHED\n"
                + "udp4 0 0 *.5353 224.0.0.251.5353\n"
                + "tcp6 0 0 fe80::1c2b:3d4e%en0.52411 2a00:1450:4001:80b::200e.443 ESTABLISHED\n"
                + "udp6 0 0 *.5353 ff02::fb%en0.5353\n"
                + "en0 1500 <Link#4> a4:83:e7:12:34:56 5123456 0\n"
                + "from:192.168.1.20 ::ffff:8.8.8.8 [::1]:631 127.0.0.1.8080 0.0.0.0.22 :: 0.0.0.0\n"
                + "Sat Nov 21 20:49:51 2026 2026-12-01T05:20:00.000Z version 17.0.15 0x0102 00:00000000\n";
        String masked = masker.text(text);
        for (String h : hidden) {
            assertFalse(masked.contains(h), h + " left in:\n" + masked);
        }
        assertTrue(masked.contains("fe80::1%en0.52411"), "link-local stays link-local, the zone and port stay: " + masked);
        assertTrue(masked.contains("ff02::fb") == false && masked.contains("%en0.5353"), masked);
        assertTrue(masked.contains("02:00:00:00:00:01"), masked);
        assertTrue(masked.contains("from:198.18.0.1 ::ffff:198.18.0.2 [::1]:631 127.0.0.1.8080 0.0.0.0.22 :: 0.0.0.0"), masked);
        assertTrue(masked.endsWith("Sat Nov 21 20:49:51 2026 2026-12-01T05:20:00.000Z version 17.0.15 0x0102 00:00000000\n"),
                "times, versions and hex numbers are not addresses: " + masked);
        assertEquals(masked, new AddressMasker().text(text), "deterministic: the same text gets the same stand-ins");
    }

    @Test
    void differentAddressesNeverShareAStandIn() {
        java.util.Set<IpAddress> seen = new java.util.HashSet<>();
        for (int i = 1; i <= 5000; i++) {
            IpAddress a = IpAddress.ofV4(0x0a00_0000 | i);
            assertTrue(seen.add(masker.mask(a)), "stand-in reused at " + a);
            assertEquals(masker.mask(a), masker.mask(IpAddress.ofV4(0x0a00_0000 | i)));
        }
        assertNotEquals(masker.mask(IpAddress.parse("2001:db8::1")), IpAddress.parse("2001:db8::1"),
                "even an address from the stand-ins' own block is replaced");
        assertEquals(IpAddress.parse("::1"), masker.mask(IpAddress.parse("::1")));
        assertEquals(IpAddress.parse("127.0.0.53"), masker.mask(IpAddress.parse("127.0.0.53")));
    }

    @Test
    void ifInet6AddressesAreMaskedAsTheSameAddressesElsewhere() {
        String inet6 = masker.procNet("fe8000000000000000fc00fffe000001 04 40 20 80     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n");
        String text = masker.text("fe80::fc:ff:fe00:1%eth0");
        assertEquals("fe800000000000000000000000000001 04 40 20 80     eth0\n00000000000000000000000000000001 01 80 10 80       lo\n", inet6);
        assertEquals("fe80::1%eth0", text);
    }

    @Test
    void hostileTextStaysBounded() {
        String junk = "1.".repeat(20_000) + ":".repeat(10_000) + "f".repeat(10_000) + "a1:".repeat(10_000) + "\u0000\u001b[31m";
        String masked = masker.text(junk);
        assertTrue(masked.length() >= junk.length() - 16, "nothing is dropped");
    }
}
