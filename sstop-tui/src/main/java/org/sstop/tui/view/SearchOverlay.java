package org.sstop.tui.view;

import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.UiState;

/** The search line over the footer: the filter as it is typed. */
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
        x = buf.put(x, y, f, Style.of(Theme.BRIGHT, Theme.SELECTION, Style.BOLD), limit);
        buf.set(x, y, '█', Style.of(Theme.ACCENT, Theme.SELECTION, 0));
        if (limit < buf.width()) {
            buf.put(limit + 1, y, hint, Style.of(Theme.DIM, Theme.SELECTION, 0));
        }
    }
}
