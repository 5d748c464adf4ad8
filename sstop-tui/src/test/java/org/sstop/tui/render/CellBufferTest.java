package org.sstop.tui.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sstop.core.RateHistory;

class CellBufferTest {

    @Test
    void wideCharactersTakeTwoCells() {
        CellBuffer b = new CellBuffer(10, 1, Theme.TEXT);
        int end = b.put(0, 0, "a名b", Theme.TEXT);
        assertEquals(4, end);
        assertEquals('名', b.charAt(1, 0));
        assertEquals(CellBuffer.WIDE_TAIL, b.charAt(2, 0));
        assertEquals("a名b      ", b.row(0));
    }

    @Test
    void textCutAtItsLimitEndsInAnEllipsis() {
        CellBuffer b = new CellBuffer(20, 1, Theme.TEXT);
        assertEquals(9, b.put(0, 0, "trend stable", Theme.TEXT, 9));
        assertEquals("trend st…           ", b.row(0));
        b.put(10, 0, "interfaces linux", Theme.TEXT);
        assertEquals("trend st… interface…", b.row(0), "at the screen's edge too");
        b = new CellBuffer(10, 1, Theme.TEXT);
        b.put(0, 0, "abc\u200b", Theme.TEXT, 3);
        assertEquals("abc       ", b.row(0), "only invisible text left: nothing is cut");
        b.put(5, 0, "xyz", Theme.TEXT, 3);
        assertEquals("abc       ", b.row(0), "nothing written, nothing marked");
    }

    @Test
    void aWideCharacterThatDoesNotFitBecomesAnEllipsis() {
        CellBuffer b = new CellBuffer(10, 1, Theme.TEXT);
        b.put(0, 0, "ab名", Theme.TEXT, 3);
        assertEquals("ab…       ", b.row(0));
        b.put(8, 0, "名", Theme.TEXT);
        assertEquals('名', b.charAt(8, 0));
        assertEquals(CellBuffer.WIDE_TAIL, b.charAt(9, 0));
        b.put(8, 0, "名名", Theme.TEXT);
        assertEquals("ab…     … ", b.row(0), "as fit cuts it");
    }

    @Test
    void overwritingHalfAWideCharacterClearsTheOtherHalf() {
        CellBuffer b = new CellBuffer(6, 1, Theme.TEXT);
        b.put(0, 0, "名前", Theme.TEXT);
        b.set(1, 0, 'x', Theme.TEXT);
        assertEquals(" x前  ", b.row(0));
        b.set(2, 0, 'y', Theme.TEXT);
        assertEquals(" xy   ", b.row(0));
        assertEquals(' ', b.charAt(3, 0));
    }

    @Test
    void controlCharactersNeverEnterTheBuffer() {
        CellBuffer b = new CellBuffer(10, 1, Theme.TEXT);
        b.put(0, 0, "a\u001b[2J\u0007\u009bz", Theme.TEXT);
        assertEquals("a[2Jz     ", b.row(0));
        b.set(0, 0, 0x1b, Theme.TEXT);
        assertEquals(' ', b.charAt(0, 0));
    }

    @Test
    void fitCutsWithAnEllipsisAndNeverSplitsWideCharacters() {
        assertEquals("abc", CellBuffer.fit("abc", 3));
        assertEquals("ab…", CellBuffer.fit("abcd", 3));
        assertEquals("名…", CellBuffer.fit("名前テ", 4));
        assertEquals("名…", CellBuffer.fit("名前テ", 3));
        assertEquals("", CellBuffer.fit("abc", 0));
        assertTrue(CellBuffer.widthOf(CellBuffer.fit("😀😀😀", 5)) <= 5);
    }

    @Test
    void sparklineScalesToItsMaximumAndKeepsZeroBlank() {
        CellBuffer b = new CellBuffer(6, 1, Theme.TEXT);
        Sparkline.draw(b, 0, 0, 6, RateHistory.of(new long[] {0, 1, 4, 8}, new long[] {0, 0, 0, 0}), Theme.TEXT);
        assertEquals("   ▁▄█", b.row(0));
    }

    @Test
    void barLengthFollowsTheFraction() {
        CellBuffer b = new CellBuffer(4, 1, Theme.TEXT);
        Bar.draw(b, 0, 0, 4, 0.5, Theme.UPLOAD, Theme.TEXT);
        assertEquals("██  ", b.row(0));
        Bar.draw(b, 0, 0, 4, 0.0001, Theme.UPLOAD, Theme.TEXT);
        assertEquals("▏   ", b.row(0));
        Bar.draw(b, 0, 0, 4, Double.NaN, Theme.UPLOAD, Theme.TEXT);
        assertEquals("    ", b.row(0));
        long weak = b.styleAt(0, 0);
        Bar.draw(b, 0, 0, 4, 1, Theme.UPLOAD, Theme.TEXT);
        assertEquals(Theme.UPLOAD, Style.fg(b.styleAt(0, 0)), "full intensity at the maximum");
        assertTrue(Style.fg(weak) != Theme.UPLOAD);
    }

    @Test
    void formats() {
        assertEquals("0 B/s", Format.rate(0));
        assertEquals("1.5 KiB/s", Format.rate(1536));
        assertEquals("12 MiB", Format.bytes(12.4 * 1024 * 1024));
        assertEquals("1m35s", Format.age(java.time.Duration.ofSeconds(95)));
        assertEquals("2h05m", Format.age(java.time.Duration.ofMinutes(125)));
        assertEquals("250ms", Format.interval(java.time.Duration.ofMillis(250)));
    }

    @Test
    void tableDropsLowPriorityColumnsAndGivesSpareWidthToFlexibleOnes() {
        var cols = java.util.List.of(new Table.Column("A", 5, 0, 0, false), new Table.Column("B", 10, 1, 1, false),
                new Table.Column("C", 8, 0, 2, false));
        assertEquals(java.util.List.of(5, 14, 0), java.util.Arrays.stream(Table.widths(20, cols)).boxed().toList());
        assertEquals(java.util.List.of(5, 16, 8), java.util.Arrays.stream(Table.widths(31, cols)).boxed().toList());
    }
}
