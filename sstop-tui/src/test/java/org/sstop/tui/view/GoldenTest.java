package org.sstop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;

/** The golden files' own formats: frame text, style runs, and the diff a mismatch prints. */
class GoldenTest {

    @Test
    void textKeepsWideCharactersOnceAndCutsTrailingBlanks() {
        CellBuffer buf = new CellBuffer(8, 2, Theme.TEXT);
        buf.put(1, 0, "名a", Theme.TEXT);
        assertEquals(" 名a\n\n", Golden.text(buf));
    }

    @Test
    void stylesAreRunsWithThemeNamesAttributesAndHexForOtherColours() {
        CellBuffer buf = new CellBuffer(6, 1, Theme.TEXT);
        buf.put(2, 0, "ab", Style.of(Theme.ACCENT, Theme.ZEBRA, Style.BOLD | Style.UNDERLINE));
        buf.put(4, 0, "c", Style.of(0x123456, Theme.BG, Style.MONO_REVERSE));
        String styles = Golden.styles(buf);
        assertTrue(styles.startsWith("# style runs"), styles);
        assertTrue(styles.endsWith("\n00 2:fg/bg 2:acc/zeb+bu 1:#123456/bg+m 1:fg/bg\n"), styles);
    }

    @Test
    void diffShowsEachDifferingLineWithACaretUnderTheFirstDifference() {
        String diff = Golden.diff("x.txt", "same\nabcdef\n名前 one\n", "same\nabcXef\n名前 two\nextra\n");
        assertTrue(diff.startsWith("golden/x.txt differs"), diff);
        assertTrue(diff.contains("line 2\n  expected |abcdef|\n  actual   |abcXef|\n" + " ".repeat(12 + 3) + "^\n"), diff);
        assertTrue(diff.contains("line 3\n  expected |名前 one|\n  actual   |名前 two|\n" + " ".repeat(12 + 5) + "^\n"),
                "the caret counts display columns:\n" + diff);
        assertTrue(diff.contains("line 4\n  expected |(none)|\n  actual   |extra|"), diff);
        assertTrue(diff.endsWith("3 of 4 lines differ"), diff);
        assertTrue(!diff.contains("line 1"), diff);
    }
}
