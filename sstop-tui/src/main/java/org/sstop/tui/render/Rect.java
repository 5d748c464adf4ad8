package org.sstop.tui.render;

/**
 * A rectangle of cells.
 *
 * @param x left column
 * @param y top row
 * @param width columns
 * @param height rows
 */
public record Rect(int x, int y, int width, int height) {

    /** Whether the cell lies inside. */
    public boolean contains(int cx, int cy) {
        return cx >= x && cx < x + width && cy >= y && cy < y + height;
    }

    /** Column after the last. */
    public int right() {
        return x + width;
    }

    /** Row after the last. */
    public int bottom() {
        return y + height;
    }
}
