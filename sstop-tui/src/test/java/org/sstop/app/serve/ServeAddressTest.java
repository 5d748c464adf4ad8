package org.sstop.app.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --serve [ADDR:]PORT}: loopback by default, the host's own addresses only, clear errors. */
class ServeAddressTest {

    @Test
    void aBarePortServesOnLoopbackOnly() throws Exception {
        ServeAddress a = ServeAddress.parse("9100");
        assertEquals(InetAddress.getByName("127.0.0.1"), a.address());
        assertEquals(9100, a.port());
        assertEquals(0, ServeAddress.parse("0").port());
    }

    @Test
    void addressesInEveryForm() throws Exception {
        assertEquals(InetAddress.getByName("0.0.0.0"), ServeAddress.parse("0.0.0.0:9100").address());
        assertEquals(InetAddress.getByName("::1"), ServeAddress.parse("[::1]:9100").address());
        assertEquals(InetAddress.getByName("::"), ServeAddress.parse("[::]:1").address());
        assertTrue(ServeAddress.parse("localhost:65535").address().isLoopbackAddress());
        assertEquals("[::1]:9100", ServeAddress.hostAndPort(ServeAddress.parse("[::1]:9100").socketAddress()));
        assertEquals("127.0.0.1:80", ServeAddress.hostAndPort(ServeAddress.parse("80").socketAddress()));
    }

    @Test
    void badAddressesSayWhatIsWrong() {
        assertError("65536", "port 65536 is out of range");
        assertError("999999", "is not [ADDR:]PORT");
        assertError("", "is not [ADDR:]PORT");
        assertError("-1", "is not [ADDR:]PORT");
        assertError("9100:", "is not [ADDR:]PORT");
        assertError("::1:9100", "an IPv6 address goes in brackets");
        assertError(":9100", "the address before the port is empty");
        assertError("[127.0.0.1]:9100", "brackets are for IPv6 addresses only");
        assertError("192.0.2.77:9100", "is not an address of this host");
        assertError("evil\u001b[2J:1", "is not [ADDR:]PORT");
    }

    private static void assertError(String text, String part) {
        CommandLine.TypeConversionException e = assertThrows(CommandLine.TypeConversionException.class, () -> ServeAddress.parse(text));
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20), "no raw control characters: " + e.getMessage());
    }
}
