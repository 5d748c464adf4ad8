package org.sstop.tui.render;

/** A horizontal bar in eighth blocks whose colour grows stronger with its value. */
public final class Bar {

    private static final char[] PARTIAL = {' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'};

    private Bar() {
    }

    /**
     * Draws a bar.
     *
     * @param fraction value relative to the largest shown, 0..1
     * @param color the colour at full intensity
     * @param base the cell style (its background is kept)
     */
    public static void draw(CellBuffer buf, int x, int y, int width, double fraction, int color, long base) {
        double f = Double.isFinite(fraction) ? Math.max(0, Math.min(1, fraction)) : 0;
        int eighths = (int) Math.round(f * width * 8);
        if (f > 0 && eighths == 0) {
            eighths = 1;
        }
        long style = Style.withFg(base, Style.blend(Theme.BORDER, color, 0.35 + 0.65 * f));
        for (int c = 0; c < width; c++) {
            int cellEighths = Math.max(0, Math.min(8, eighths - c * 8));
            char ch = cellEighths == 8 ? '█' : PARTIAL[cellEighths];
            buf.set(x + c, y, ch, style);
        }
    }
}
