package org.sstop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.testing.Fixtures;

/** The exit summary: ranking since start, exited processes remembered, the bound, hostile text escaped. */
class TopTalkersTest {

    private static Snapshot at(int second, List<ProcessStats> ps) {
        Snapshot b = Fixtures.empty();
        return new Snapshot(second, Fixtures.T0.plusSeconds(second), b.elapsed(), b.interval(), b.backends(), b.external(),
                b.loopback(), b.coverage(), ps, List.of(), List.of(), List.of(), b.history(), b.trend(), b.visibility());
    }

    /** A process whose totals are {@code 60 × up} and {@code 60 × down} (as the fixture makes them). */
    private static ProcessStats p(int pid, String name, double up, double down) {
        return Fixtures.process(pid, name, "/bin/" + name + " --x", up, down, ProcessState.RUNNING, List.of());
    }

    @Test
    void ranksByBytesSinceStartAndRemembersProcessesTheSnapshotsDropped() {
        TopTalkers t = new TopTalkers();
        t.onSnapshot(at(0, List.of(p(10, "gone", 1000, 1000), p(11, "small", 1, 1))));
        t.onSnapshot(at(75, List.of(p(11, "small", 1, 1), p(12, "big", 100, 5000), p(13, "idle", 0, 0))));
        List<String> lines = t.lines();
        assertTrue(lines.get(0).startsWith("sstop: top talkers over 1m16s"), lines.get(0)); // the first covers 1 s
        assertTrue(lines.get(1).contains("PID") && lines.get(1).contains("DOWNLOAD"), lines.get(1));
        assertTrue(lines.get(2).contains("big") && lines.get(2).contains("293 KiB"), lines.get(2)); // 300,000 B down
        assertTrue(lines.get(3).contains("gone"), "an exited process keeps its place: " + lines);
        assertTrue(lines.get(4).contains("small"), lines.toString());
        assertEquals(5, lines.size(), "a process that moved nothing is left out: " + lines);
    }

    @Test
    void hostileNamesAndCommandLinesAreEscaped() {
        TopTalkers t = new TopTalkers();
        t.onSnapshot(at(1, List.of(Fixtures.process(7, "\u001b]0;pwned\u0007", "rm\u001b[2J\u202e", 5, 5,
                ProcessState.RUNNING, List.of()))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("\\e]0;pwned\\a") && out.contains("rm\\e[2J\\u202e"), out);
        assertFalse(out.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f || c == 0x202e), out);
    }

    @Test
    void atMostTheBoundIsRemembered() {
        TopTalkers t = new TopTalkers();
        List<ProcessStats> many = new ArrayList<>();
        for (int i = 0; i < TopTalkers.MAX_PROCESSES + 10; i++) {
            many.add(p(1000 + i, "p" + i, i + 1, 0));
        }
        t.onSnapshot(at(1, many));
        List<String> lines = t.lines();
        assertEquals(2 + TopTalkers.ROWS, lines.size());
        assertTrue(lines.get(2).contains(Integer.toString(1000 + TopTalkers.MAX_PROCESSES + 9)), "the biggest stays");
    }

    @Test
    void longCommandLinesAreKeptOnlyAsFarAsTheSummaryShowsThem() {
        TopTalkers t = new TopTalkers();
        String longArgument = "x".repeat(4000);
        List<ProcessStats> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Fixtures.process(1000 + i, "p" + i, "/bin/p" + i + " " + longArgument, i + 1, 0, ProcessState.RUNNING, List.of()));
        }
        t.onSnapshot(at(1, many));
        t.onSnapshot(at(2, many));
        assertTrue(t.commandChars() <= 2000L * TopTalkers.KEPT_CHARS, "kept " + t.commandChars() + " characters");
        assertTrue(t.lines().get(2).contains("/bin/p1999 xxxx"), t.lines().get(2));
    }

    @Test
    void noSampleNoTable() {
        assertEquals(List.of("sstop: no sample was taken: no summary"), new TopTalkers().lines());
        TopTalkers quiet = new TopTalkers();
        quiet.onSnapshot(at(3, List.of()));
        assertEquals("  no process moved any bytes", quiet.lines().get(1));
    }
}
