package org.sstop.tui.render;

import org.sstop.core.RateHistory;

/** Draws a history as a row of eighth blocks (▁▂▃▄▅▆▇█), newest on the right. */
public final class Sparkline {

    private static final char[] LEVELS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    /**
     * Draws the last {@code width} points of up plus down bytes, scaled to their maximum; seconds
     * without traffic stay blank, any traffic shows at least the lowest block.
     */
    public static void draw(CellBuffer buf, int x, int y, int width, RateHistory history, long style) {
        int n = history.size();
        long max = 0;
        int first = Math.max(0, n - width);
        for (int i = first; i < n; i++) {
            max = Math.max(max, history.total(i));
        }
        int pad = width - (n - first);
        for (int c = 0; c < width; c++) {
            int i = first + c - pad;
            char ch = ' ';
            if (i >= first && i < n && max > 0) {
                long v = history.total(i);
                if (v > 0) {
                    int level = (int) Math.min(7, Math.max(0, Math.ceil(v * 8.0 / max) - 1));
                    ch = LEVELS[level];
                }
            }
            buf.set(x + c, y, ch, style);
        }
    }
}
