package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.Snapshot;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.testing.Fixtures;

/** Detail: the whole command line wrapped (hostile text escaped), the graph's peak, SEEN for the time sstop saw a socket. */
class DetailCommandLineTest {

    private static final String LONG = "/usr/bin/java \u001b]0;x\u0007 " + "-Dkey=名前テスト ".repeat(20) + "Main";

    private static UiState detail(int w, int h, String cmdline) {
        ProcessStats p = Fixtures.process(100, "java", cmdline, 10, 20, ProcessState.RUNNING, Fixtures.sockets(1));
        Snapshot base = Fixtures.full(3, false);
        Snapshot s = new Snapshot(base.sequence(), base.time(), base.elapsed(), base.interval(), base.backends(),
                base.external(), base.loopback(), base.coverage(), List.of(p), base.hosts(), base.listen(),
                base.interfaces(), base.history(), base.trend(), base.visibility());
        return UiState.initial(Duration.ofSeconds(1), false, w, h, Fixtures.T0).with(b -> {
            b.snapshot = s;
            b.view = View.DETAIL;
            b.detailPid = 100;
        });
    }

    @Test
    void aLongCommandLineWrapsOntoThreeLinesAndTheTableMovesDown() {
        UiState s = detail(100, 30, LONG);
        CellBuffer buf = Screen.render(s, Names.NONE);
        ScreenTest.assertSafe(buf);
        int top = Geometry.body(s).y();
        assertTrue(buf.row(top + 1).startsWith(" cmd /usr/bin/java \\e]0;x\\a -Dkey=名前"), buf.row(top + 1));
        assertTrue(buf.row(top + 2).startsWith("     ") && buf.row(top + 2).contains("-Dkey"), buf.row(top + 2));
        assertTrue(buf.row(top + 3).stripTrailing().endsWith("…"), "cut where three lines end: " + buf.row(top + 3));
        assertEquals(3, Geometry.commandLines(s));
        assertEquals(Geometry.list(detail(100, 30, "/bin/short"), View.DETAIL).y() + 2, Geometry.list(s, View.DETAIL).y());
        assertTrue(buf.row(Geometry.list(s, View.DETAIL).y() - 1).contains("PROTO"), buf.toString());
    }

    @Test
    void aShortScreenKeepsOneLine() {
        UiState s = detail(100, 16, LONG);
        assertEquals(1, Geometry.commandLines(s));
        CellBuffer buf = Screen.render(s, Names.NONE);
        assertTrue(buf.row(Geometry.body(s).y() + 1).stripTrailing().endsWith("…"), buf.toString());
    }

    @Test
    void theGraphHasItsPeakAndTheSocketTableSaysSeen() {
        CellBuffer buf = Screen.render(detail(120, 30, "/bin/x"), Names.NONE);
        String all = buf.toString();
        // The fixture's history for pid 100 peaks at 10 + 12 units of 1 (pid % 50 + 1): 22 B in a second.
        assertTrue(all.contains("peak ↑+↓ 22 B/s"), all);
        assertTrue(all.contains(" SEEN ") && !all.contains(" AGE "), all);
    }
}
