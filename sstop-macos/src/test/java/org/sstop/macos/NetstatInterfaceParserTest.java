package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sstop.api.InterfaceCounters;

class NetstatInterfaceParserTest {

    @Test
    void linkRowsOnlyEachInterfaceOnce() {
        ParseResult<InterfaceCounters> r = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-macos15.txt"));
        List<InterfaceCounters> l = r.items();
        assertEquals(List.of("lo0", "gif0", "en0", "utun10", "utun11", "bridge100"), l.stream().map(InterfaceCounters::name).toList());
        assertEquals(1, r.badLines(), "the truncated en5 row");
        InterfaceCounters lo = l.get(0);
        assertTrue(lo.loopback());
        assertTrue(lo.up());
        assertEquals(88123456, lo.rxBytes(), "no hardware address: counted from the end");
        assertEquals(88123456, lo.txBytes());
        assertEquals(120034, lo.rxPackets());
        InterfaceCounters gif = l.get(1);
        assertFalse(gif.up(), "trailing * = down");
        assertFalse(gif.loopback());
        InterfaceCounters en0 = l.get(2);
        assertEquals(62345678901L, en0.rxBytes(), "11 digits");
        assertEquals(456789012L, en0.txBytes());
        assertEquals(5123456, en0.rxPackets());
        assertEquals(3123456, en0.txPackets());
        assertEquals(1000, l.get(3).rxBytes());
        assertEquals(2200, l.get(4).txBytes());
        assertFalse(l.get(5).up(), "bridge100* fills the 10-wide column exactly");
    }

    @Test
    void oldFiveCharacterNamesAreToldApartByLinkNumber() {
        ParseResult<InterfaceCounters> r = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-old.txt"));
        assertEquals(List.of("lo0", "en0", "utun1#21", "utun1#22", "utun1#13"),
                r.items().stream().map(InterfaceCounters::name).toList());
        assertEquals(0, r.badLines());
        assertEquals(1000, r.items().get(2).rxBytes());
        assertEquals(2000, r.items().get(3).rxBytes());
    }

    @Test
    void interfacesWithIndex100AndUpKeepTheirRowThoughNetstatCutsTheClosingBracket() {
        ParseResult<InterfaceCounters> r = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-link100.txt"));
        assertEquals(List.of("lo0", "en0", "utun4", "utun5"), r.items().stream().map(InterfaceCounters::name).toList());
        assertEquals(0, r.badLines());
        assertEquals(1000, r.items().get(2).rxBytes());
        assertEquals(2200, r.items().get(3).txBytes());
        assertEquals(100, NetstatInterfaceParser.linkNumber("<Link#100"));
        assertEquals(7, NetstatInterfaceParser.linkNumber("<Link#7>"));
        assertEquals(-1, NetstatInterfaceParser.linkNumber("<Link#"));
        assertEquals(-1, NetstatInterfaceParser.linkNumber("<Link#>"));
        assertEquals(-1, NetstatInterfaceParser.linkNumber("<Link#1x>"));
    }

    @Test
    void anInterfaceKeepsItsNameWhenASecondOneWithTheSameCutNameAppears() {
        InterfaceNames naming = new InterfaceNames();
        List<InterfaceCounters> before = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-old-before.txt"), naming).items();
        List<InterfaceCounters> after = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-old-after.txt"), naming).items();
        assertEquals(List.of("lo0", "utun8"), before.stream().map(InterfaceCounters::name).toList());
        assertEquals(List.of("lo0", "utun8", "utun8#22"), after.stream().map(InterfaceCounters::name).toList(),
                "renaming utun8 to utun8#21 would make its 9 MB lifetime counter a new interface's first delta");
        assertEquals(9_000_500, after.get(1).rxBytes());
        // Once the newcomer is gone and comes back, it is told apart again; the first keeps its name throughout.
        List<InterfaceCounters> again = NetstatInterfaceParser.parse(Fixtures.read("netstat-ibn-old-after.txt"), naming).items();
        assertEquals(List.of("lo0", "utun8", "utun8#22"), again.stream().map(InterfaceCounters::name).toList());
    }

    @Test
    void theSourceKeepsInterfaceNamesAcrossReads() throws Exception {
        ScriptedRunner r = new ScriptedRunner().on("netstat -i",
                Fixtures.read("netstat-ibn-old-before.txt"), Fixtures.read("netstat-ibn-old-after.txt"));
        Timing quick = new Timing(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2));
        try (NetstatInterfaceSource s = new NetstatInterfaceSource("netstat", r, quick)) {
            assertEquals(List.of("lo0", "utun8"), s.read().stream().map(InterfaceCounters::name).toList());
            assertEquals(List.of("lo0", "utun8", "utun8#22"), s.read().stream().map(InterfaceCounters::name).toList());
        }
    }

    @Test
    void hostileInputNeverThrows() {
        String base = Fixtures.read("netstat-ibn-macos15.txt");
        Random rnd = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(base);
            for (int e = 0; e < 1 + rnd.nextInt(10); e++) {
                int at = rnd.nextInt(sb.length());
                String a = " <>#*Link0123456789\n-";
                sb.setCharAt(at, a.charAt(rnd.nextInt(a.length())));
            }
            for (InterfaceCounters c : NetstatInterfaceParser.parse(sb.toString()).items()) {
                assertTrue(c.rxBytes() >= 0 && c.txBytes() >= 0);
            }
        }
    }
}
