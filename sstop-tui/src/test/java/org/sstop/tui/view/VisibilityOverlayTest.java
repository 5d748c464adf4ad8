package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sstop.core.Attribution;
import org.sstop.core.Coverage;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.UnattributedReason;
import org.sstop.core.Visibility;
import org.sstop.tui.testing.Fixtures;

class VisibilityOverlayTest {

    private static Snapshot with(Visibility v, Map<UnattributedReason, Traffic> reasons) {
        Snapshot f = Fixtures.full(3, false);
        Attribution external = new Attribution(f.totals(), Traffic.ZERO, reasons, Traffic.ZERO, Map.of());
        return new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), external, f.loopback(),
                f.coverage(), f.processes(), f.hosts(), f.listen(), f.interfaces(), f.history(), f.trend(), v);
    }

    @Test
    void everyLimitationInFullWrappedAndSanitizedAndEveryReasonWithItsBytes() {
        String longOne = "not root: other users' sockets cannot be mapped to processes (their traffic is unattributed);"
                + " run as root or grant CAP_SYS_PTRACE \u001b[2J";
        Snapshot s = with(new Visibility(List.of(longOne), 0, 0, 4, 0, 0),
                Map.of(UnattributedReason.NO_PERMISSION, new Traffic(0, 0, 2048, 1024)));
        List<String[]> lines = VisibilityOverlay.lines(s, 60);
        String text = lines.stream().map(l -> l[1]).collect(Collectors.joining("\n"));
        assertTrue(lines.stream().allMatch(l -> l[1].length() <= 60), text);
        assertTrue(text.contains("grant CAP_SYS_PTRACE \\e[2J"), "the whole limitation, escaped:\n" + text);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.contains("no_permission") && text.contains("2.0 KiB") && text.contains("1.0 KiB"), text);
        assertTrue(text.contains("4 sockets nothing counts"), text);
        assertEquals(4, lines.stream().filter(l -> l[0].equals("#")).count(), "four sections");
    }

    @Test
    void coverageWhoseInterfacesCountedOnlyHeadersOrNextToNothingHasNoSenselessFigure() {
        Snapshot f = Fixtures.full(3, false);
        Coverage.Closure headersOnly = new Coverage.Closure(68 * 1024, 281, 330, 0);
        Coverage.Closure tiny = new Coverage.Closure(68 * 1024, 400, 330, 0); // 70 bytes of interface payload
        Snapshot s = new Snapshot(f.sequence(), f.time(), f.elapsed(), f.interval(), f.backends(), f.external(), f.loopback(),
                new Coverage(headersOnly, tiny), f.processes(), f.hosts(), f.listen(), f.interfaces(), f.history(), f.trend(),
                f.visibility());
        String text = VisibilityOverlay.lines(s, 200).stream().map(l -> l[1]).collect(Collectors.joining("\n"));
        assertFalse(text.contains("NaN"), text);
        assertTrue(text.contains("last sample  — (the interfaces counted no more than headers): payload 68 KiB"), text);
        assertEquals("cov >999% · ", HeaderView.coverage(s), "not cov 99474%");
    }
}
