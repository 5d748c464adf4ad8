package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.core.Snapshot;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Format;
import org.sstop.tui.render.Sparkline;
import org.sstop.tui.render.Style;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.testing.Fixtures;

/** The header's system graph: a zero line under it and its peak beside it. */
class HeaderGraphTest {

    private static UiState state(int width, Snapshot snap) {
        UiState s = UiState.initial(Duration.ofSeconds(1), true, width, 30, Fixtures.T0);
        return new Update(1).apply(s, new Event.SnapshotArrived(snap)).state();
    }

    /** The first and one-past-last column of the underlined run on row 0. */
    private static int[] axis(CellBuffer buf) {
        int first = -1;
        int end = -1;
        for (int x = 0; x < buf.width(); x++) {
            if ((Style.attrs(buf.styleAt(x, 0)) & Style.UNDERLINE) != 0) {
                first = first < 0 ? x : first;
                end = x + 1;
            }
        }
        return new int[] {first, end};
    }

    @Test
    void theGraphStandsOnAVisibleZeroLineWithItsPeakBesideIt() {
        Snapshot snap = Fixtures.full(5, false);
        CellBuffer buf = Screen.render(state(160, snap), Names.NONE);
        int[] axis = axis(buf);
        int width = axis[1] - axis[0];
        assertEquals(60, width, "a minute, one cell a second, underlined end to end:\n" + buf.row(0));
        String after = buf.row(0).substring(axis[1]);
        String peak = "peak " + Format.rate(Sparkline.peak(snap.history(), width));
        assertTrue(after.startsWith(" " + peak), "the peak, what a full block stands for: " + buf.row(0));
        assertTrue(buf.row(0).contains("█"), "the peak second reaches a full block");
    }

    @Test
    void aQuietMinuteIsTheBareLine() {
        Snapshot quiet = Fixtures.empty();
        CellBuffer buf = Screen.render(state(160, quiet), Names.NONE);
        int[] axis = axis(buf);
        assertTrue(axis[0] > 0, "the zero line shows without any traffic:\n" + buf.row(0));
        assertTrue(buf.row(0).contains("peak 0 B/s"), buf.row(0));
    }

    @Test
    void aNarrowHeaderKeepsTheGraphAndDropsTheLabel() {
        for (int width : List.of(80, 90, 100)) {
            CellBuffer buf = Screen.render(state(width, Fixtures.full(5, false)), Names.NONE);
            int[] axis = axis(buf);
            boolean labelled = buf.row(0).contains("peak ");
            assertTrue(axis[0] > 0, width + ": " + buf.row(0));
            if (labelled) {
                assertTrue(axis[1] - axis[0] >= 12, width + ": a labelled graph keeps 12 seconds at least");
            }
            assertFalse(buf.row(0).contains("peak") && !labelled);
        }
        CellBuffer wide = Screen.render(state(200, Fixtures.full(5, false)), Names.NONE);
        assertTrue(wide.row(0).contains("peak "), wide.row(0));
    }
}
