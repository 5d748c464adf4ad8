package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;
import org.sstop.testkit.ChildJvm;

/**
 * Output as large as a command may print must not run sstop out of memory: the parsers read it a
 * line at a time ({@link Lines}, one reused {@link Tokens}), and output past what the heap can hold
 * is not parsed at all but degrades to unattributed traffic with a reason. The memory test runs in
 * a child JVM with the heap the launcher gives sstop; no timing is asserted.
 */
class LargeOutputTest {

    /** The launcher's heap options (see ./sstop). */
    static final List<String> LAUNCHER_HEAP = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xms10m", "-Xmn6m", "-Xmx128m");

    @Test
    void sixteenMebibytesOfTinyLinesAndARealisticLsofAtTheLimitParseInTheLaunchersHeap() throws Exception {
        String out = ChildJvm.run(List.of(), LAUNCHER_HEAP, LargeOutputMain.class);
        assertTrue(out.contains("lines 8388608 parsed by 6 parsers"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("lsof sockets (\\d+) of (\\d+) bad 0 size (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(m.group(2), m.group(1), "every socket of the realistic output read");
        assertTrue(Integer.parseInt(m.group(1)) > 100_000, out);
        assertTrue(Integer.parseInt(m.group(3)) > 7 << 20, "about 1/16 of the heap: " + out);
    }

    @Test
    void overlongLinesAreBadLinesNotCutOut() {
        Lines lines = Lines.of("ab\n" + "x".repeat(100) + "\ncd", 10);
        List<String> all = new java.util.ArrayList<>();
        lines.forEach(all::add);
        assertEquals(List.of("ab", "", "cd"), all);
        assertEquals(1, lines.overlong());
        String hostile = "p1\nn" + "9".repeat(Lines.MAX_LINE + 1) + "\nf3\ntIPv4\nPTCP\nn1.2.3.4:5->6.7.8.9:10\n";
        ParseResult<LsofSocket> r = LsofParser.parse(hostile);
        assertEquals(1, r.items().size());
        assertEquals(1, r.badLines(), "the overlong line");
    }

    @Test
    void cutOutputDegradesTheSocketSourceToUnattributedWithAReason() throws Exception {
        CommandResult cut = new CommandResult(0, "", "", false, 8 << 20);
        ScriptedRunner r = new ScriptedRunner().then("nettop", () -> cut);
        try (NettopSocketSource s = new NettopSocketSource("nettop", r, new Timing(Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            assertTrue(s.sample().sockets().isEmpty());
            String why = s.limitations().get(0);
            assertTrue(why.contains("printed more than 8 MiB, more than sstop's heap"), why);
            assertTrue(why.endsWith("traffic is unattributed"), why);
        }
    }

    @Test
    void cutLsofOutputLeavesSocketsUnmappedWithAReason() {
        CommandResult cut = new CommandResult(1, "", "", false, 8 << 20);
        ScriptedRunner r = new ScriptedRunner().then("lsof", () -> cut)
                .on("ps table", Fixtures.read("ps-table.txt")).on("ps command", Fixtures.read("ps-commands.txt"));
        AtomicLong clock = new AtomicLong();
        try (LsofProcessMapper m = new LsofProcessMapper("lsof", "ps", r, Timing.DEFAULT, ZoneOffset.UTC, clock::get, true)) {
            SocketInfo s = new SocketInfo(7, Protocol.TCP, new Endpoint(IpAddress.parse("10.0.0.5"), 52345),
                    new Endpoint(IpAddress.parse("17.57.146.52"), 443), SocketState.ESTABLISHED, 7, SocketInfo.UNKNOWN,
                    SocketInfo.UNKNOWN, 0, 0);
            assertEquals(0, m.owners(List.of(s))[0]);
            assertTrue(m.limitations().get(0).contains("printed more than 8 MiB"), m.limitations().toString());
        }
    }
}
