package org.sstop.tui.render;

import java.util.List;

/** Column layout and header drawing for the list views. */
public final class Table {

    /**
     * A column.
     *
     * @param title header text
     * @param width fixed (or minimum, for flexible columns) width
     * @param flex share of the spare width (0: fixed)
     * @param priority lower is kept first when the screen is narrow
     * @param right right-aligned
     */
    public record Column(String title, int width, int flex, int priority, boolean right) {
    }

    private Table() {
    }

    /**
     * Widths for the columns within {@code total} columns (one blank between columns): columns are
     * kept in priority order while they fit; dropped ones get 0; spare width goes to flexible ones.
     */
    public static int[] widths(int total, List<Column> columns) {
        int n = columns.size();
        int[] w = new int[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(columns.get(a).priority(), columns.get(b).priority()));
        int used = 0;
        for (int i : order) {
            int need = columns.get(i).width() + (used == 0 ? 0 : 1);
            if (used + need <= total) {
                w[i] = columns.get(i).width();
                used += need;
            }
        }
        int spare = total - used;
        int flexSum = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                flexSum += columns.get(i).flex();
            }
        }
        if (flexSum > 0 && spare > 0) {
            int given = 0;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (w[i] > 0 && columns.get(i).flex() > 0) {
                    int add = spare * columns.get(i).flex() / flexSum;
                    w[i] += add;
                    given += add;
                    last = i;
                }
            }
            w[last] += spare - given;
        }
        return w;
    }

    /** Left column of each column ({@code x} for the first shown), -1 for dropped columns. */
    public static int[] starts(int x, int[] widths) {
        int[] s = new int[widths.length];
        int cx = x;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] == 0) {
                s[i] = -1;
                continue;
            }
            s[i] = cx;
            cx += widths[i] + 1;
        }
        return s;
    }

    /** Writes a cell's text, cut to the column and aligned. */
    public static void cell(CellBuffer buf, int x, int y, int width, String text, long style, boolean right) {
        if (width <= 0 || x < 0) {
            return;
        }
        String t = CellBuffer.fit(text, width);
        int tx = right ? x + width - CellBuffer.widthOf(t) : x;
        buf.put(tx, y, t, style, x + width);
    }

    /**
     * Draws the header row across {@code width}, marking the sorted columns (bit i of
     * {@code sortedMask} for column i) with ▼ (descending) or ▲ (ascending).
     */
    public static void header(CellBuffer buf, int x, int y, int width, List<Column> columns, int[] widths,
            int sortedMask, boolean descending) {
        buf.fill(new Rect(x, y, width, 1), Theme.HEADER);
        int[] s = starts(x, widths);
        for (int i = 0; i < columns.size(); i++) {
            if (widths[i] == 0) {
                continue;
            }
            String title = columns.get(i).title();
            long style = Theme.HEADER;
            if ((sortedMask & (1 << i)) != 0) {
                String marker = descending ? "▼" : "▲";
                style = Style.withFg(Style.plus(style, Style.UNDERLINE), Theme.YELLOW);
                if (CellBuffer.widthOf(title) + 1 <= widths[i] || s[i] == x) {
                    title = marker + title;
                } else {
                    // A narrow column (CONNS): the marker takes the blank before it, the title stays whole.
                    buf.put(s[i] - 1, y, marker, style, s[i]);
                }
            }
            cell(buf, s[i], y, widths[i], title, style, columns.get(i).right());
        }
    }
}
