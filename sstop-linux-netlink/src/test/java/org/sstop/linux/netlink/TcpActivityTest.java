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
        return TcpActivity.read(dir, true);
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

    private String sockets(int opens, int inSegs, int inUse, int mem) throws IOException {
        Files.writeString(dir.resolve("snmp"), String.format(FULL_SNMP, opens, inSegs));
        Files.writeString(dir.resolve("sockstat"), String.format(SOCKSTAT, inUse).replace("mem 1", "mem " + mem));
        return TcpActivity.read(dir, false);
    }

    /** The kernel's own header, as 6.18 prints it. */
    private static final String FULL_SNMP = "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens"
            + " AttemptFails EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n"
            + "Tcp: 1 200 120000 -1 %d 3049 12 310 2000 %d 15621995 2091 0 72 0\n";

    @Test
    void withoutSegmentsOnlyWhatChangesTheSocketListCounts() throws IOException {
        String quiet = sockets(7, 1000, 4, 1);
        assertEquals("7 3049 12 310 2000 \nTCP: inuse 4 orphan 0 tw 2 alloc 4", quiet);
        assertEquals(quiet, sockets(7, 99_999, 4, 250), "segments and socket memory moved: the same sockets");
        assertNotEquals(quiet, sockets(8, 1000, 4, 1), "a connection opened");
        assertNotEquals(quiet, sockets(7, 1000, 5, 1), "a socket more in use (a listener)");
        assertNotEquals(quiet, activity(7, 1000, 4), "with segments, another signature");
    }

    @Test
    void withoutSegmentsAHeaderMissingACounterIsUnknown() throws IOException {
        Files.writeString(dir.resolve("snmp"), String.format(SNMP, 1, 1)); // no CurrEstab and others
        Files.writeString(dir.resolve("sockstat"), String.format(SOCKSTAT, 1));
        assertNull(TcpActivity.read(dir, false));
        Files.writeString(dir.resolve("snmp"), "Tcp: ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab\nTcp: 1 2 3\n");
        assertNull(TcpActivity.read(dir, false), "values cut short");
    }

    @Test
    void missingCutOrStrangeFilesAreUnknown() throws IOException {
        assertNull(TcpActivity.read(dir, true), "no files");
        Files.writeString(dir.resolve("snmp"), "Tcp: RtoAlgorithm InSegs\n"); // names without values
        Files.writeString(dir.resolve("sockstat"), String.format(SOCKSTAT, 1));
        assertNull(TcpActivity.read(dir, true));
        Files.writeString(dir.resolve("snmp"), "Tcp: RtoAlgorithm InSegs\nTcp: 1 2"); // the values cut short
        assertNull(TcpActivity.read(dir, true));
        Files.writeString(dir.resolve("snmp"), "x".repeat(TcpActivity.MAX_BYTES * 2) + "\nTcp: a\nTcp: 1\n");
        assertNull(TcpActivity.read(dir, true), "past the bound: unknown, so the caller dumps");
        Files.writeString(dir.resolve("snmp"), String.format(SNMP, 1, 1));
        Files.writeString(dir.resolve("sockstat"), "TCP inuse 3\n");
        assertNull(TcpActivity.read(dir, true), "no TCP: line");
    }

    @Test
    void linesAreFoundOnlyAtTheirStart() {
        assertEquals("Tcp: 2", TcpActivity.valuesLine("Tcp: a\nXTcp: 1\nTcp: 2\n", "Tcp: "));
        assertNull(TcpActivity.valuesLine("Tcp: a\n", "Tcp: "));
        assertEquals("TCP: inuse 1", TcpActivity.firstLine("UDP: 1\nTCP: inuse 1\n", "TCP: "));
    }
}
