package org.sstop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

/** A socket's interface by its local address, and how often the addresses are read. */
class LocalAddressesTest {

    private static IpAddress ip(String s) {
        return IpAddress.parse(s);
    }

    @Test
    void aSocketIsOnTheInterfaceThatHoldsItsLocalAddressOrOnLoopbackForALocalPeer() {
        LocalAddresses a = new LocalAddresses(() -> Map.of(ip("10.0.0.5"), "eth0", ip("fd00::5"), "wg0",
                ip("127.0.0.1"), "lo0", ip("::1"), "lo0"), () -> 0);
        assertEquals("eth0", a.interfaceOf(ip("10.0.0.5"), false, 0));
        assertEquals("wg0", a.interfaceOf(ip("fd00::5"), false, 0));
        assertEquals("eth0", a.interfaceOf(ip("::ffff:10.0.0.5"), false, 0), "a v4-mapped address is the v4 one");
        assertEquals("lo0", a.interfaceOf(ip("127.0.0.1"), true, 0), "the loopback interface by its name on this host");
        assertEquals("lo0", a.interfaceOf(ip("10.0.0.5"), true, 0), "a peer on this host: the kernel carries it over lo");
        assertNull(a.interfaceOf(ip("0.0.0.0"), false, 0), "a wildcard does not tell");
        assertNull(a.interfaceOf(ip("::"), false, 0));
        assertNull(a.interfaceOf(ip("192.0.2.1"), false, 0), "no interface holds it");
        assertNull(a.interfaceOf(ip("10.0.0.5"), false, 4026532248L), "another namespace's interfaces are not these");
        assertTrue(a.contains(ip("10.0.0.5")));
        assertTrue(a.contains(ip("127.0.0.2")), "loopback addresses are always this host's");
        assertFalse(a.contains(ip("192.0.2.1")));
    }

    @Test
    void anUnknownAddressRereadsTheListAtMostOnceASecond() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong now = new AtomicLong();
        Map<IpAddress, String> current = new HashMap<>(Map.of(ip("10.0.0.5"), "eth0"));
        LocalAddresses a = new LocalAddresses(() -> {
            reads.incrementAndGet();
            return current;
        }, now::get);
        for (int i = 0; i < 1000; i++) {
            assertNull(a.interfaceOf(ip("10.0.0.6"), false, 0));
        }
        assertEquals(1, reads.get(), "one read however many unknown sockets in a second");
        current.put(ip("10.0.0.6"), "eth1"); // an address added
        now.set(1_000_000_000L);
        assertEquals("eth1", a.interfaceOf(ip("10.0.0.6"), false, 0));
        assertEquals(2, reads.get());
        assertEquals("eth0", a.interfaceOf(ip("10.0.0.5"), false, 0));
        assertEquals(2, reads.get(), "a known address reads nothing");
    }

    @Test
    void aFailingListLeavesTheInterfacesUnknownAndTheSampleGoesOn() {
        LocalAddresses a = new LocalAddresses(() -> {
            throw new IllegalStateException("no interfaces");
        }, () -> 0);
        assertNull(a.interfaceOf(ip("10.0.0.5"), false, 0));
        assertEquals("lo", a.interfaceOf(ip("127.0.0.1"), true, 0), "the default loopback name");
    }

    @Test
    void theJdkListHoldsTheLoopbackAddressOnItsInterface() {
        Map<IpAddress, String> real = LocalAddresses.fromInterfaces();
        assertTrue(real.containsKey(ip("127.0.0.1")) || real.containsKey(ip("::1")), real.toString());
        assertTrue(real.size() <= LocalAddresses.MAX_ADDRESSES);
    }
}
