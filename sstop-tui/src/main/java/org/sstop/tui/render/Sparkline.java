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
        draw(buf, x, y, width, history, style, peak(history, width));
    }

    /** The largest of the last {@code width} points, up and down together. */
    public static long peak(RateHistory history, int width) {
        long max = 0;
        for (int i = Math.max(0, history.size() - width); i < history.size(); i++) {
            max = Math.max(max, history.total(i));
        }
        return max;
    }

    /**
     * As {@link #draw(CellBuffer, int, int, int, RateHistory, long)}, scaled to a given maximum
     * (shared by several graphs, so that they compare); points above it show as full blocks.
     */
    public static void draw(CellBuffer buf, int x, int y, int width, RateHistory history, long style, long max) {
        int n = history.size();
        int first = Math.max(0, n - width);
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
