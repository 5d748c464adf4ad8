package org.sstop.tui.view;

import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Cursor;

/** Shared drawing helpers for list rows and boxes. */
final class Paint {

    private Paint() {
    }

    /** Base style of a list row: zebra striping, the selected row highlighted. */
    static long row(int index, boolean selected) {
        if (selected) {
            return Theme.SELECTED;
        }
        return Style.of(Theme.FG, index % 2 == 1 ? Theme.ZEBRA : Theme.BG, 0);
    }

    /** Draws the cells of one list row; its background is already filled with {@code base}. */
    @FunctionalInterface
    interface RowPainter<T> {
        /**
         * @param row the item
         * @param y its screen row
         * @param base the row's style (zebra stripe or selection)
         */
        void paint(T row, int y, long base);
    }

    /**
     * Draws the rows of a list that fit in {@code area} from the cursor's offset: each row's
     * background across the area (zebra stripes, the selected row highlighted), then its cells;
     * or {@code empty} when there are no rows at all.
     */
    static <T> void list(CellBuffer buf, Rect area, Cursor c, List<T> rows, String empty, RowPainter<T> painter) {
        int end = Math.min(rows.size(), c.offset() + area.height());
        for (int i = c.offset(); i < end; i++) {
            int y = area.y() + i - c.offset();
            long base = row(i, i == c.index());
            buf.fill(new Rect(area.x(), y, area.width(), 1), base);
            painter.paint(rows.get(i), y, base);
        }
        if (rows.isEmpty()) {
            buf.put(2, area.y(), CellBuffer.fit(empty, area.width() - 4), Theme.MUTED);
        }
    }

    /** The same style with a different foreground colour. */
    static long fg(long base, int color) {
        return Style.withFg(base, color);
    }

    /** Clears the bottom row (footer, search line) in {@code style} and returns its y. */
    static int bottomLine(CellBuffer buf, long style) {
        int y = buf.height() - 1;
        buf.fill(new Rect(0, y, buf.width(), 1), style);
        return y;
    }

    /** Draws a framed box with a title and returns its inside. */
    static Rect box(CellBuffer buf, Rect r, String title) {
        long frame = Style.of(Theme.ACCENT, Theme.ZEBRA, 0);
        long inside = Style.of(Theme.FG, Theme.ZEBRA, 0);
        buf.fill(r, inside);
        int right = r.right() - 1;
        int bottom = r.bottom() - 1;
        for (int x = r.x() + 1; x < right; x++) {
            buf.set(x, r.y(), '─', frame);
            buf.set(x, bottom, '─', frame);
        }
        for (int y = r.y() + 1; y < bottom; y++) {
            buf.set(r.x(), y, '│', frame);
            buf.set(right, y, '│', frame);
        }
        buf.set(r.x(), r.y(), '┌', frame);
        buf.set(right, r.y(), '┐', frame);
        buf.set(r.x(), bottom, '└', frame);
        buf.set(right, bottom, '┘', frame);
        String t = CellBuffer.fit(" " + title + " ", r.width() - 4);
        buf.put(r.x() + 2, r.y(), t, Style.plus(frame, Style.BOLD), right);
        return new Rect(r.x() + 2, r.y() + 1, Math.max(0, r.width() - 4), Math.max(0, r.height() - 2));
    }

    /** A box of the given size centred on the screen, shrunk to fit. */
    static Rect centred(CellBuffer buf, int width, int height) {
        int w = Math.min(width, buf.width());
        int h = Math.min(height, buf.height());
        return new Rect((buf.width() - w) / 2, (buf.height() - h) / 2, w, h);
    }

    /** Writes key hints ("key label  key label ...") from {@code x} up to {@code limit}. */
    static int hints(CellBuffer buf, int x, int y, int limit, long bg, String... keyThenLabel) {
        long keyStyle = Style.withBg(Theme.KEY, Style.bg(bg));
        long labelStyle = Style.withBg(Theme.MUTED, Style.bg(bg));
        for (int i = 0; i + 1 < keyThenLabel.length; i += 2) {
            int need = CellBuffer.widthOf(keyThenLabel[i]) + 1 + CellBuffer.widthOf(keyThenLabel[i + 1]);
            if (x + need > limit) {
                break;
            }
            x = buf.put(x, y, keyThenLabel[i], keyStyle, limit);
            x = buf.put(x + 1, y, keyThenLabel[i + 1], labelStyle, limit);
            x += 2;
        }
        return x;
    }
}
