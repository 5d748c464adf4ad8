package org.sstop.tui.render;

/**
 * A cell's look packed into one {@code long}, so a cell buffer is two primitive arrays and
 * comparing two cells is two comparisons: bits 0-23 foreground RGB, 24-47 background RGB,
 * 48-55 attributes.
 */
public final class Style {

    /** Bold text. */
    public static final int BOLD = 1;
    /** Dim (faint) text. */
    public static final int DIM = 2;
    /** Underlined text. */
    public static final int UNDERLINE = 4;
    /** Reverse video. */
    public static final int REVERSE = 8;
    /** Italic text. */
    public static final int ITALIC = 16;
    /**
     * Reverse video only when colours are off: marks what colour alone would highlight (the
     * selected row, badges), so it stays visible without colour.
     */
    public static final int MONO_REVERSE = 32;
    /**
     * Underline only when colours are off: marks what a background colour alone sets apart (the
     * column headers), so that without colour it does not look like the selected row.
     */
    public static final int MONO_UNDERLINE = 64;

    private Style() {
    }

    /**
     * A style.
     *
     * @param fg foreground 0xRRGGBB
     * @param bg background 0xRRGGBB
     * @param attrs attribute bits
     * @return the packed style
     */
    public static long of(int fg, int bg, int attrs) {
        return (fg & 0xffffffL) | ((bg & 0xffffffL) << 24) | ((attrs & 0xffL) << 48);
    }

    /** Foreground 0xRRGGBB. */
    public static int fg(long style) {
        return (int) (style & 0xffffff);
    }

    /** Background 0xRRGGBB. */
    public static int bg(long style) {
        return (int) ((style >>> 24) & 0xffffff);
    }

    /** Attribute bits. */
    public static int attrs(long style) {
        return (int) ((style >>> 48) & 0xff);
    }

    /** The same style with another foreground. */
    public static long withFg(long style, int fg) {
        return of(fg, bg(style), attrs(style));
    }

    /** The same style with another background. */
    public static long withBg(long style, int bg) {
        return of(fg(style), bg, attrs(style));
    }

    /** The same style with more attributes. */
    public static long plus(long style, int attrs) {
        return of(fg(style), bg(style), attrs(style) | attrs);
    }

    /**
     * Mixes two colours.
     *
     * @param from colour at 0
     * @param to colour at 1
     * @param t position, clamped to 0..1
     * @return the blended 0xRRGGBB
     */
    public static int blend(int from, int to, double t) {
        double f = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(((from >> 16) & 0xff) * (1 - f) + ((to >> 16) & 0xff) * f);
        int g = (int) Math.round(((from >> 8) & 0xff) * (1 - f) + ((to >> 8) & 0xff) * f);
        int b = (int) Math.round((from & 0xff) * (1 - f) + (to & 0xff) * f);
        return (r << 16) | (g << 8) | b;
    }
}
