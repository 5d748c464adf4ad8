package org.sstop.tui.term;

import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;

/**
 * Turns the change from one frame to the next into terminal output: cursor moves and SGR only
 * for the cells that changed (everything when there is no previous frame of the same size).
 */
public final class DiffWriter {

    private final ColorMode mode;

    /** @param mode colours to emit */
    public DiffWriter(ColorMode mode) {
        this.mode = mode;
    }

    /**
     * The output that turns a screen showing {@code prev} into one showing {@code next}.
     *
     * @param prev what the terminal shows, or null when unknown (clears and redraws all)
     * @param next the new frame
     * @return escape sequences and text, "" when nothing changed
     */
    public String diff(CellBuffer prev, CellBuffer next) {
        boolean full = prev == null || prev.width() != next.width() || prev.height() != next.height();
        StringBuilder out = new StringBuilder(full ? next.width() * next.height() * 2 : 256);
        if (full) {
            out.append("\033[0m\033[H\033[2J");
        }
        long pen = -1;
        int cx = -1;
        int cy = -1;
        int w = next.width();
        for (int y = 0; y < next.height(); y++) {
            for (int x = 0; x < w; x++) {
                int ch = next.charAt(x, y);
                long st = next.styleAt(x, y);
                if (ch == CellBuffer.WIDE_TAIL) {
                    continue;
                }
                if (!full && ch == prev.charAt(x, y) && st == prev.styleAt(x, y)
                        && (CellBuffer.widthOf(ch) < 2 || x + 1 >= w || prev.charAt(x + 1, y) == CellBuffer.WIDE_TAIL)) {
                    continue;
                }
                if (cx != x || cy != y) {
                    out.append("\033[").append(y + 1).append(';').append(x + 1).append('H');
                }
                if (st != pen) {
                    sgr(out, st);
                    pen = st;
                }
                out.appendCodePoint(ch);
                cx = x + Math.max(1, CellBuffer.widthOf(ch));
                cy = y;
                if (cx >= w) {
                    // The cursor sits in the pending-wrap state at the right edge: position unknown.
                    cx = -1;
                }
            }
        }
        if (pen != -1) {
            out.append("\033[0m");
        }
        return out.toString();
    }

    private void sgr(StringBuilder out, long st) {
        int a = Style.attrs(st);
        out.append("\033[0");
        if ((a & Style.BOLD) != 0) {
            out.append(";1");
        }
        if ((a & Style.DIM) != 0) {
            out.append(";2");
        }
        if ((a & Style.ITALIC) != 0) {
            out.append(";3");
        }
        if ((a & Style.UNDERLINE) != 0 || (mode == ColorMode.NONE && (a & Style.MONO_UNDERLINE) != 0)) {
            out.append(";4");
        }
        if ((a & Style.REVERSE) != 0 || (mode == ColorMode.NONE && (a & Style.MONO_REVERSE) != 0)) {
            out.append(";7");
        }
        int fg = Style.fg(st);
        int bg = Style.bg(st);
        switch (mode) {
            case TRUECOLOR -> {
                out.append(";38;2;").append(fg >> 16 & 0xff).append(';').append(fg >> 8 & 0xff).append(';').append(fg & 0xff);
                out.append(";48;2;").append(bg >> 16 & 0xff).append(';').append(bg >> 8 & 0xff).append(';').append(bg & 0xff);
            }
            case ANSI256 -> {
                out.append(";38;5;").append(ColorMode.to256(fg));
                out.append(";48;5;").append(ColorMode.to256(bg));
            }
            case NONE -> {
            }
        }
        out.append('m');
    }
}
