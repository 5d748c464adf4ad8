package org.sstop.tui.view;

import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.UiState;

/** The search line over the footer: the filter as it is typed, and where an expression is wrong. */
final class SearchOverlay {

    private SearchOverlay() {
    }

    static void draw(CellBuffer buf, UiState s) {
        int y = Paint.bottomLine(buf, Style.of(Theme.FG, Theme.SELECTION, 0));
        String hint = "Enter keeps · Esc clears";
        int hintW = CellBuffer.widthOf(hint);
        int limit = buf.width() - (buf.width() > hintW + 20 ? hintW + 2 : 0);
        int x = buf.put(0, y, " search: ", Style.of(Theme.YELLOW, Theme.SELECTION, Style.BOLD), limit);
        // Show the end of a long filter: that is where typing happens.
        String f = s.filter();
        int room = Math.max(0, limit - x - 1);
        while (CellBuffer.widthOf(f) > room && !f.isEmpty()) {
            f = f.substring(f.offsetByCodePoints(0, 1));
        }
        int textX = x;
        x = buf.put(x, y, f, Style.of(Theme.BRIGHT, Theme.SELECTION, Style.BOLD), limit);
        buf.set(x, y, '█', Style.of(Theme.ACCENT, Theme.SELECTION, 0));
        FilterSyntaxException error = s.rows().filterError();
        if (error != null) {
            // Where the expression is wrong: that character (or the cursor, at the end) in red, and why.
            int cut = s.filter().length() - f.length();
            int at = error.position() - cut;
            long mark = Style.of(Theme.BG, Theme.DOWNLOAD, Style.BOLD | Style.MONO_REVERSE);
            if (at >= 0 && at < f.length()) {
                int ex = textX + CellBuffer.widthOf(f.substring(0, at));
                buf.put(ex, y, f.substring(at, f.offsetByCodePoints(at, 1)), mark, limit);
            } else {
                buf.set(x, y, '█', Style.of(Theme.DOWNLOAD, Theme.SELECTION, 0));
            }
            buf.put(x + 2, y, "✗ " + error.getMessage(), Style.of(Theme.DOWNLOAD, Theme.SELECTION, Style.BOLD), limit);
        }
        if (limit < buf.width()) {
            buf.put(limit + 1, y, hint, Style.of(Theme.DIM, Theme.SELECTION, 0));
        }
    }
}
