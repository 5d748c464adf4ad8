package org.sstop.tui.render;

import java.util.Arrays;
import org.jline.utils.WCWidth;

/**
 * A screen of cells: a code point and a {@link Style} per cell. A wide character (CJK, emoji)
 * occupies its cell and the next, which holds {@link #WIDE_TAIL}; writes never leave half of a
 * wide character behind, and text cut at an edge never splits one.
 */
public final class CellBuffer {

    /** Marks the second cell of a wide character. */
    public static final int WIDE_TAIL = -1;

    private final int width;
    private final int height;
    private final int[] chars;
    private final long[] styles;

    /**
     * A buffer filled with blanks in {@code style}.
     *
     * @param width columns, at least 0
     * @param height rows, at least 0
     * @param style initial style
     */
    public CellBuffer(int width, int height, long style) {
        this.width = Math.max(0, width);
        this.height = Math.max(0, height);
        this.chars = new int[this.width * this.height];
        this.styles = new long[this.width * this.height];
        Arrays.fill(chars, ' ');
        Arrays.fill(styles, style);
    }

    /** Columns. */
    public int width() {
        return width;
    }

    /** Rows. */
    public int height() {
        return height;
    }

    /** The code point at a cell ({@link #WIDE_TAIL} for the right half of a wide character). */
    public int charAt(int x, int y) {
        return chars[y * width + x];
    }

    /** The style at a cell. */
    public long styleAt(int x, int y) {
        return styles[y * width + x];
    }

    /**
     * Display width of a code point: 2 for wide, 1 for normal, 0 for combining marks (dropped)
     * and for control characters (which never reach the buffer).
     */
    public static int widthOf(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
            return 0;
        }
        int w = WCWidth.wcwidth(cp);
        return w < 0 ? 0 : Math.min(w, 2);
    }

    /** Display width of a string (as {@link #put} would lay it out). */
    public static int widthOf(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            w += widthOf(cp);
            i += Character.charCount(cp);
        }
        return w;
    }

    /**
     * Cuts text to at most {@code max} columns, ending with an ellipsis when cut; never splits a
     * wide character.
     */
    public static String fit(String text, int max) {
        if (max <= 0) {
            return "";
        }
        if (widthOf(text) <= max) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int cw = widthOf(cp);
            if (w + cw > max - 1) {
                break;
            }
            sb.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return sb.append('…').toString();
    }

    /**
     * Text cut into lines of at most {@code width} cells (a wide character is never split), at
     * most {@code maxLines} of them, the last ending in "…" when text is left over.
     *
     * @param text printable text
     * @param width cells per line (at least 2)
     * @param maxLines the most lines (at least 1)
     * @return the lines, at least one
     */
    public static java.util.List<String> wrap(String text, int width, int maxLines) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int i = 0;
        while (out.size() < maxLines - 1 && i < text.length()) {
            StringBuilder line = new StringBuilder();
            int w = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                if (w + widthOf(cp) > width) {
                    break;
                }
                line.appendCodePoint(cp);
                w += widthOf(cp);
                i += Character.charCount(cp);
            }
            out.add(line.toString());
        }
        if (i < text.length() || out.isEmpty()) {
            out.add(fit(text.substring(i), width));
        }
        return out;
    }

    /** Sets one cell to a narrow character; repairs any wide character it cuts. */
    public void set(int x, int y, int cp, long style) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return;
        }
        if (widthOf(cp) == 0) {
            cp = ' ';
        }
        breakWide(x, y);
        chars[y * width + x] = cp;
        styles[y * width + x] = style;
    }

    /** Fills a rectangle with blanks. */
    public void fill(Rect r, long style) {
        for (int y = Math.max(0, r.y()); y < Math.min(height, r.bottom()); y++) {
            for (int x = Math.max(0, r.x()); x < Math.min(width, r.right()); x++) {
                set(x, y, ' ', style);
            }
        }
    }

    /**
     * Writes text from {@code x} up to (not including) column {@code limit}; text cut there ends
     * in … (no line is cut silently), a wide character that does not fit whole becomes a blank.
     * Text must be sanitized; stray control characters are dropped.
     *
     * @return the column after the last written cell
     */
    public int put(int x, int y, String text, long style, int limit) {
        int end = Math.min(limit, width);
        if (y < 0 || y >= height) {
            return x;
        }
        int from = Math.max(x, 0);
        int last = -1; // the column of the last character written
        int i = 0;
        while (i < text.length() && x < end) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int w = widthOf(cp);
            if (w == 0) {
                continue;
            }
            if (x < 0) {
                x += w;
                continue;
            }
            if (w == 2) {
                if (x + 1 >= end) {
                    set(x, y, '…', style);
                    return x + 1;
                }
                breakWide(x, y);
                breakWide(x + 1, y);
                last = x;
                chars[y * width + x] = cp;
                styles[y * width + x] = style;
                chars[y * width + x + 1] = WIDE_TAIL;
                styles[y * width + x + 1] = style;
                x += 2;
            } else {
                set(x, y, cp, style);
                last = x;
                x++;
            }
        }
        if (x >= end && last >= from && more(text, i)) {
            set(last, y, '…', style); // in place of the last character (a wide one's tail becomes a blank)
        }
        return x;
    }

    /** Whether {@code text} has anything visible from index {@code i} on. */
    private static boolean more(String text, int i) {
        for (int j = i; j < text.length(); ) {
            int cp = text.codePointAt(j);
            if (widthOf(cp) > 0) {
                return true;
            }
            j += Character.charCount(cp);
        }
        return false;
    }

    /** Writes text to the end of the row. */
    public int put(int x, int y, String text, long style) {
        return put(x, y, text, style, width);
    }

    /** Writes text right-aligned so it ends just before column {@code right}. */
    public void putRight(int right, int y, String text, long style, int minX) {
        String t = fit(text, right - minX);
        put(right - widthOf(t), y, t, style, right);
    }

    private void breakWide(int x, int y) {
        int i = y * width + x;
        if (chars[i] == WIDE_TAIL && x > 0) {
            chars[i - 1] = ' ';
            chars[i] = ' ';
        } else if (x + 1 < width && chars[i + 1] == WIDE_TAIL && widthOf(chars[i]) == 2) {
            chars[i + 1] = ' ';
        }
    }

    /** The text of a row, wide characters once, trailing blanks kept (tests, tmux comparisons). */
    public String row(int y) {
        StringBuilder sb = new StringBuilder(width);
        for (int x = 0; x < width; x++) {
            int cp = chars[y * width + x];
            if (cp != WIDE_TAIL) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** All rows joined by newlines. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < height; y++) {
            sb.append(row(y)).append('\n');
        }
        return sb.toString();
    }

    /** Whether two buffers have the same size, characters and styles. */
    public boolean sameAs(CellBuffer other) {
        return other != null && width == other.width && height == other.height
                && Arrays.equals(chars, other.chars) && Arrays.equals(styles, other.styles);
    }
}
