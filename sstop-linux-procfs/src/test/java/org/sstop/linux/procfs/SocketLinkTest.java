package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocketLinkTest {

    private static long bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return SocketLink.inode(b, b.length);
    }

    @Test
    void parsesSocketLinks() {
        assertEquals(12345, bytes("socket:[12345]"));
        assertEquals(12345, SocketLink.inode("socket:[12345]"));
        assertEquals(4294967296L, bytes("socket:[4294967296]"));
        assertEquals(Long.MAX_VALUE, bytes("socket:[" + Long.MAX_VALUE + "]"));
    }

    @Test
    void usesOnlyTheGivenLength() {
        byte[] b = "socket:[77]junk".getBytes(StandardCharsets.UTF_8);
        assertEquals(77, SocketLink.inode(b, 11));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "socket:[]", "socket:[0]", "socket:[12", "socket:12]", "socket:[1a]", "socket:[-1]",
        "pipe:[12345]", "anon_inode:[eventfd]", "/dev/null", "/tmp/socket:[1]", "Socket:[1]",
        "socket:[99999999999999999999]", "socket:[ 1]", "socket:[1] "})
    void rejectsEverythingElse(String target) {
        assertEquals(-1, bytes(target), target);
        assertEquals(-1, SocketLink.inode(target), target);
    }

    @Test
    void rejectsHugeText() {
        assertEquals(-1, SocketLink.inode("socket:[" + "1".repeat(10_000) + "]"));
        assertEquals(-1, bytes("socket:[" + "1".repeat(10_000) + "]"));
    }
}
