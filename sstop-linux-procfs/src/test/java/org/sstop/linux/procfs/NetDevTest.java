package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetDevTest {

    private static final String HEADER = "Inter-|   Receive                                                |  Transmit\n"
            + " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    /** Captured from a Debian 12 host. */
    private static final String REAL = HEADER
            + "    lo:    5081      40    0    0    0     0          0         0     5081      40    0    0    0     0       0          0\n"
            + "  eth0: 1234567890 987654 0 12 0 0 0 3 9876543210 123456 0 0 0 0 0 0\n";

    @Test
    void parsesRealFile() {
        assertEquals(List.of(new NetDev.Entry("lo", 5081, 40, 5081, 40),
                new NetDev.Entry("eth0", 1234567890L, 987654, 9876543210L, 123456)), NetDev.parse(REAL));
    }

    @Test
    void parsesOldKernelsWithoutSpaceAfterColon() {
        assertEquals(List.of(new NetDev.Entry("eth1", 4294967296L, 2, 3, 4)),
                NetDev.parse(HEADER + "  eth1:4294967296 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n"));
    }

    @Test
    void skipsMalformedTruncatedAndHostileLines() {
        String text = HEADER
                + "  bad0: 1 2 3\n" // too few columns
                + "  bad1: 1 2 x 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // non-numeric
                + "  bad2: 99999999999999999999 2 0 0 0 0 0 0 3 4\n" // overflow
                + "  bad3 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // no colon
                + ": 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // no name
                + "  " + "n".repeat(40) + ": 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // name too long
                + "  a b: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // space in name
                + "  lo: 1 2 -3 4 5 6 7 8 9 10 11 12 13 14 15 16\n" // negative
                + "  ok0: 1 2 0 0 0 0 0 0 3 4 0 0 0 0 0 0\n"
                + "  ok0: 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9\n" // duplicate
                + "  ok1: 5 6 0 0 0 0 0 0 7 8"; // truncated after tx packets: enough
        assertEquals(List.of(new NetDev.Entry("ok0", 1, 2, 3, 4), new NetDev.Entry("ok1", 5, 6, 7, 8)),
                NetDev.parse(text));
    }

    @Test
    void emptyAndGarbageGiveNothing() {
        assertEquals(List.of(), NetDev.parse(""));
        assertEquals(List.of(), NetDev.parse(HEADER));
        assertEquals(List.of(), NetDev.parse("\u0000\u001b[31m:::\n\n"));
    }

    @Test
    void manyInterfacesWithDuplicatesKeepTheFirstOfEachName() {
        int count = 150_000; // a container host's veth pairs; a scan per line made this quadratic
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < count; i++) {
            text.append("  veth").append(i).append(": ").append(i).append(" 1 0 0 0 0 0 0 ").append(2L * i).append(" 2\n");
            if (i % 10 == 0) {
                text.append("  veth").append(i / 2).append(": 9 9 0 0 0 0 0 0 9 9\n"); // a later duplicate
            }
        }
        List<NetDev.Entry> entries = NetDev.parse(text.toString());
        assertEquals(count, entries.size());
        for (int i = 0; i < count; i++) {
            assertEquals(new NetDev.Entry("veth" + i, i, 1, 2L * i, 2), entries.get(i));
        }
    }
}
