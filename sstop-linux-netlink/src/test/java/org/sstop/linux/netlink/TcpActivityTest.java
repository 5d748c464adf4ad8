package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP activity of a namespace from fixture files, including missing, cut and hostile ones. */
class TcpActivityTest {

    private static final String SNMP = "Ip: Forwarding DefaultTTL\nIp: 1 64\n"
            + "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens InSegs OutSegs\n"
            + "Tcp: 1 200 120000 -1 %d 5 %d 900\nUdp: InDatagrams\nUdp: 3\n";
    private static final String SOCKSTAT = "sockets: used 15\nTCP: inuse %d orphan 0 tw 2 alloc 4 mem 1\nUDP: inuse 0 mem 0\n";

    @TempDir
    Path dir;

    private String activity(int opens, int inSegs, int inUse) throws IOException {
        Files.writeString(dir.resolve("snmp"), String.format(SNMP, opens, inSegs));
        Files.writeString(dir.resolve("sockstat"), String.format(SOCKSTAT, inUse));
        return TcpActivity.read(dir);
    }

    @Test
    void anyCounterOrCountThatMovesChangesIt() throws IOException {
        String quiet = activity(7, 1000, 4);
        assertNotNull(quiet);
        assertEquals(quiet, activity(7, 1000, 4));
        assertNotEquals(quiet, activity(7, 1001, 4), "a segment in");
        assertNotEquals(quiet, activity(8, 1000, 4), "a connection opened");
        assertNotEquals(quiet, activity(7, 1000, 5), "a socket more in use (a listener)");
    }

    @Test
    void missingCutOrStrangeFilesAreUnknown() throws IOException {
        assertNull(TcpActivity.read(dir), "no files");
        Files.writeString(dir.resolve("snmp"), "Tcp: RtoAlgorithm InSegs\n"); // names without values
        Files.writeString(dir.resolve("sockstat"), String.format(SOCKSTAT, 1));
        assertNull(TcpActivity.read(dir));
        Files.writeString(dir.resolve("snmp"), "Tcp: RtoAlgorithm InSegs\nTcp: 1 2"); // the values cut short
        assertNull(TcpActivity.read(dir));
        Files.writeString(dir.resolve("snmp"), "x".repeat(TcpActivity.MAX_BYTES * 2) + "\nTcp: a\nTcp: 1\n");
        assertNull(TcpActivity.read(dir), "past the bound: unknown, so the caller dumps");
        Files.writeString(dir.resolve("snmp"), String.format(SNMP, 1, 1));
        Files.writeString(dir.resolve("sockstat"), "TCP inuse 3\n");
        assertNull(TcpActivity.read(dir), "no TCP: line");
    }

    @Test
    void linesAreFoundOnlyAtTheirStart() {
        assertEquals("Tcp: 2", TcpActivity.valuesLine("Tcp: a\nXTcp: 1\nTcp: 2\n", "Tcp: "));
        assertNull(TcpActivity.valuesLine("Tcp: a\n", "Tcp: "));
        assertEquals("TCP: inuse 1", TcpActivity.firstLine("UDP: 1\nTCP: inuse 1\n", "TCP: "));
    }
}
