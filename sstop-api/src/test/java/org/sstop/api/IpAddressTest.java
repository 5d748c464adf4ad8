package org.sstop.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // RFC 5952 4.3: lower case
            "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
            "ABCD:EF01:2345:6789:ABCD:EF01:2345:6789, abcd:ef01:2345:6789:abcd:ef01:2345:6789",
            // 4.1: leading zeros of a group dropped
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            // 4.2.2: a single zero group is not compressed
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            // 4.2.3: the longest run is compressed; on a tie, the first
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            // runs at either end, and everything
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "1:0:0:0:0:0:0:0, 1::",
            "fe80:0:0:0:0:0:0:1, fe80::1",
            "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8",
            // IPv4-mapped addresses are IPv4 for this class: dotted quad
            "::ffff:192.0.2.1, 192.0.2.1",
            "::FFFF:c000:0201, 192.0.2.1",
            "0:0:0:0:0:ffff:7f00:1, 127.0.0.1",
            // the deprecated IPv4-compatible form is not mapped: IPv6 text
            "::192.0.2.1, ::c000:201",
            // an embedded IPv4 tail anywhere it fits
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
            // IPv4
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "10.0.0.1, 10.0.0.1",
    })
    void formatsPerRfc5952(String text, String expected) {
        assertEquals(expected, IpAddress.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "::1%lo", "[::1%lo]", "::1%0", "[fe80::1%eth0.100]", "fe80::1%veth-a_b~1"})
    void bracketsAndZonesAreDropped(String text) {
        String bare = text.replaceAll("[\\[\\]]", "").replaceAll("%.*", "");
        assertEquals(IpAddress.parse(bare), IpAddress.parse(text));
    }

    @Test
    void printedTextParsesBackToTheSameAddress() {
        Random random = new Random(5952);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[16];
            for (int g = 0; g < 8; g++) {
                // zero groups often, so that runs of every length and position occur
                int group = random.nextInt(3) == 0 ? 0 : random.nextInt(0x10000);
                bytes[2 * g] = (byte) (group >>> 8);
                bytes[2 * g + 1] = (byte) group;
            }
            IpAddress a = IpAddress.of(bytes);
            String text = a.toString();
            assertEquals(a, IpAddress.parse(text), text);
            assertEquals(text, IpAddress.parse(text).toString());
            assertFalse(text.contains(":::") || text.indexOf("::") != text.lastIndexOf("::"), text);
        }
        for (int n = 0; n < 2_000; n++) {
            IpAddress a = IpAddress.ofV4(random.nextInt());
            assertEquals(a, IpAddress.parse(a.toString()));
        }
    }

    @Test
    void kinds() {
        IpAddress anyV4 = IpAddress.parse("0.0.0.0");
        assertTrue(anyV4.isV4() && anyV4.isAny() && !anyV4.isLoopback());
        assertEquals(IpAddress.ANY_V4, anyV4);
        IpAddress anyV6 = IpAddress.parse("::");
        assertTrue(!anyV6.isV4() && anyV6.isAny() && !anyV6.isLoopback());
        assertEquals(IpAddress.ANY_V6, anyV6);
        assertTrue(IpAddress.parse("::ffff:0.0.0.0").isAny());
        assertTrue(IpAddress.parse("127.0.0.1").isLoopback());
        assertTrue(IpAddress.parse("127.255.3.4").isLoopback());
        assertTrue(IpAddress.parse("::ffff:127.0.0.1").isLoopback());
        assertTrue(IpAddress.parse("::1").isLoopback());
        assertFalse(IpAddress.parse("::1").isV4());
        assertFalse(IpAddress.parse("128.0.0.1").isLoopback());
        assertFalse(IpAddress.parse("126.255.255.255").isLoopback());
        assertFalse(IpAddress.parse("::2").isLoopback());
        assertFalse(IpAddress.parse("::127.0.0.1").isLoopback(), "IPv4-compatible is not IPv4");
        assertFalse(IpAddress.parse("1.2.3.4").isAny());
        assertFalse(IpAddress.parse("::0.0.0.1").isAny());
    }

    @Test
    void ofV4OfBytesAndToBytesAgree() {
        IpAddress a = IpAddress.ofV4(0xC000_0201);
        assertEquals(IpAddress.parse("192.0.2.1"), a);
        assertEquals(0xC000_0201, a.v4());
        assertEquals(a, IpAddress.of(new byte[] {(byte) 192, 0, 2, 1}));
        assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, a.toBytes());
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        assertEquals(a, IpAddress.of(mapped), "16 v4-mapped bytes are the IPv4 address");
        byte[] v6 = {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        IpAddress b = IpAddress.of(v6);
        assertEquals(IpAddress.parse("2001:db8::1"), b);
        assertArrayEquals(v6, b.toBytes());
        assertEquals(0x2001_0db8_0000_0000L, b.high());
        assertEquals(1L, b.low());
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> IpAddress.of(new byte[17]));
    }

    @Test
    void toInetAddressKeepsTheFamily() {
        assertInstanceOf(Inet4Address.class, IpAddress.parse("192.0.2.1").toInetAddress());
        assertInstanceOf(Inet6Address.class, IpAddress.parse("2001:db8::1").toInetAddress());
        assertEquals(IpAddress.parse("2001:db8::1"), IpAddress.of(IpAddress.parse("2001:db8::1").toInetAddress()));
    }

    static Stream<String> hostile() {
        return Stream.of(
                // empty, white space, control characters
                "", " ", "\t", " 1.2.3.4", "1.2.3.4 ", "1.2. 3.4", "::1 ", "\n::1", "1.2.3.4\u0000", "[ ::1]",
                // IPv4: parts, range, signs, leading zeros, other bases
                "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "....", "1.2.3.256", "256.0.0.1", "999.1.1.1",
                "1234.1.1.1", "+1.2.3.4", "-1.2.3.4", "1.2.3.-4", "01.2.3.4", "1.2.3.04", "00.0.0.0", "0x7f.1",
                "0x7f.0.0.1", "1e1.0.0.1", "127.1", "2130706433", "1.2.3.4/24", "1.2.3.4:80",
                // IPv6: colons, groups, compression
                ":", ":::", "::::", "1::2::3", "::1::", ":1::", "1::2:", "::1:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:",
                "12345::", "::12345", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
                "g::1", "::g", "1:2:3:4:5:6:7:-8", "+1::", "::0x1",
                // embedded IPv4 where it does not fit or is malformed
                ".:1.80", "::1.2.3", "::1.2.3.4.5", "::256.1.1.1", "::01.2.3.4", "1.2.3.4::", "::1.2.3.4:5",
                "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8:1.2.3.4", "::1a.2.3.4", "::1.2.3.4%",
                // brackets and zones
                "[1.2.3.4]", "[::1", "::1]", "[]", "[[::1]]", "[::1]%eth0", "1.2.3.4%eth0", "fe80::1%", "fe80::1%eth 0",
                "fe80::1%%", "fe80::1%a%b", "%eth0", "fe80::1%\u00e9", "[fe80::1%]",
                // names: never resolved
                "localhost", "example.com", "ip6-localhost", "a", ".", "local.:1", "x:y",
                // non-ASCII digits
                "\uff11.\uff12.\uff13.\uff14", "\u0661.\u0662.\u0663.\u0664", "::\uff46", "\u0967::1", "1.2.3.\u0664",
                // length
                "1".repeat(65), "0:".repeat(40) + "0", "::" + "1".repeat(63), "1.".repeat(500_000) + "1",
                "a".repeat(2_000_000));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileTextIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpAddress.parse(text));
        assertTrue(e.getMessage().chars().allMatch(c -> c >= ' ' && c <= '~'), "printable message: " + e.getMessage());
        assertTrue(e.getMessage().length() < 200, "bounded message");
    }

    @Test
    void nullIsNotText() {
        assertThrows(NullPointerException.class, () -> IpAddress.parse(null));
    }

    @Test
    void theLongestValidFormsFitTheLengthLimit() {
        String longest = "[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255%" + "e".repeat(15) + "]";
        assertEquals(63, longest.length());
        assertEquals("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", IpAddress.parse(longest).toString());
    }

    /**
     * The parser must never reach a resolver: neither class may refer to a lookup method of the
     * JDK. Checked on the compiled classes, whose constant pools name every method they call.
     */
    @Test
    void noLookupMethodIsReferenced() throws IOException {
        for (Class<?> c : List.of(IpAddress.class, IpLiteralParser.class)) {
            String bytes;
            try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                bytes = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            for (String lookup : List.of("getByName", "getAllByName", "getHostName", "getCanonicalHostName", "getLocalHost")) {
                assertFalse(bytes.contains(lookup), c.getSimpleName() + " refers to " + lookup);
            }
            assertTrue(bytes.contains("IpAddress"), "read the right class file");
        }
    }
}
