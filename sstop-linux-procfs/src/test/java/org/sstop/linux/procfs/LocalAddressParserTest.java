package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;

/** fib_trie and if_inet6 parsing, on captured text and hostile input. */
class LocalAddressParserTest {

    private static final String FIB_TRIE = """
            Main:
              +-- 0.0.0.0/0 3 0 5
                 |-- 0.0.0.0
                    /0 universe UNICAST
                 +-- 127.0.0.0/8 2 0 2
                    +-- 127.0.0.0/31 1 0 0
                       |-- 127.0.0.0
                          /8 host LOCAL
                       |-- 127.0.0.1
                          /32 host LOCAL
                    |-- 127.255.255.255
                       /32 link BROADCAST
                 +-- 192.0.2.0/24 2 0 2
                    +-- 192.0.2.0/30 2 0 2
                       |-- 192.0.2.0
                          /24 link UNICAST
                       |-- 192.0.2.2
                          /32 host LOCAL
                    |-- 192.0.2.255
                       /32 link BROADCAST
            Local:
              +-- 0.0.0.0/0 3 0 5
                       |-- 192.0.2.2
                          /32 host LOCAL
                       |-- 10.9.8.7
                          /24 link UNICAST
                          /32 host LOCAL
            """;

    private static final String IF_INET6 = """
            fd000000000000000000000000000002 04 40 00 82     eth0
            00000000000000000000000000000001 01 80 10 80       lo
            fe8000000000000000fc00fffe000001 04 40 20 80     eth0
            zz8000000000000000fc00fffe000001 04 40 20 80     bad
            fe80
            """;

    private static boolean has(LocalAddresses set, String literal) {
        IpAddress a = IpAddress.parse(literal);
        return set.contains(a.high(), a.low());
    }

    @Test
    void fibTrieLocalHostEntries() {
        LocalAddressParser p = new LocalAddressParser();
        p.parseFibTrie(FIB_TRIE);
        LocalAddresses set = p.build();
        assertTrue(has(set, "192.0.2.2"));
        assertTrue(has(set, "10.9.8.7"), "a /32 LOCAL line after another route line of the same leaf");
        assertFalse(has(set, "192.0.2.255"), "broadcast is not local");
        assertFalse(has(set, "192.0.2.0"));
        assertFalse(has(set, "0.0.0.0"));
        assertEquals(3, set.size(), "127.0.0.1, 192.0.2.2, 10.9.8.7 (duplicates merged)");
    }

    @Test
    void ifInet6Addresses() {
        LocalAddressParser p = new LocalAddressParser();
        p.parseIfInet6(IF_INET6);
        LocalAddresses set = p.build();
        assertTrue(has(set, "fd00::2"));
        assertTrue(has(set, "fe80::fc:ff:fe00:1"));
        assertFalse(has(set, "fd00::3"));
        assertEquals(3, p.count(), "the malformed and short lines are skipped");
    }

    @Test
    void garbageAddsNothing() {
        LocalAddressParser p = new LocalAddressParser();
        p.parseFibTrie("|-- 999.1.1.1\n  /32 host LOCAL\n|-- 1.2.3\n /32 host LOCAL\n/32 host LOCAL\n|-- 1.2.3.4.5\n/32 host LOCAL\n");
        p.parseIfInet6("\n\n   \n" + "x".repeat(100) + "\n");
        assertEquals(0, p.count());
    }
}
