package org.sstop.tui.state;

/**
 * Cursor arithmetic for the list views: moving, clamping, scrolling the selected row into view,
 * and finding it again by its key when the rows change. Pure functions of the state (its rows
 * included); only {@link Update} calls them.
 */
final class Cursors {

    private Cursors() {
    }

    /** Moves the current view's cursor by {@code delta} rows, clamped, scrolling as needed. */
    static UiState move(UiState s, int delta) {
        View v = s.view();
        Cursor c = s.cursor(v);
        int index = clamp((long) c.index() + delta, s.rows().size(v));
        return s.withCursor(v, scrolled(s, v, index, c.offset()));
    }

    /** Selects row {@code index} of the current view without scrolling (a click on a visible row). */
    static UiState select(UiState s, int index) {
        View v = s.view();
        return s.withCursor(v, new Cursor(index, s.cursor(v).offset(), s.rows().keyAt(v, index)));
    }

    /** Re-finds every view's selected row by its key after the rows changed. */
    static UiState relocateAll(UiState s) {
        UiState r = s;
        for (View v : View.values()) {
            r = relocate(r, v);
        }
        return r;
    }

    /** Re-finds a view's selected row by its key, else keeps its index within the rows. */
    static UiState relocate(UiState s, View v) {
        Cursor c = s.cursor(v);
        int index = s.rows().indexOf(v, c.key());
        if (index < 0) {
            index = clamp(c.index(), s.rows().size(v));
        }
        return s.withCursor(v, scrolled(s, v, index, c.offset()));
    }

    /** A cursor on {@code index} with the offset moved just enough to show it on the page. */
    private static Cursor scrolled(UiState s, View v, int index, int offset) {
        int page = Geometry.pageRows(s, v);
        int size = s.rows().size(v);
        int off = offset;
        if (index < off) {
            off = index;
        } else if (index >= off + page) {
            off = index - page + 1;
        }
        off = Math.max(0, Math.min(off, Math.max(0, size - page)));
        return new Cursor(index, off, size == 0 ? null : s.rows().keyAt(v, index));
    }

    private static int clamp(long index, int size) {
        return (int) Math.max(0, Math.min(index, size - 1L));
    }
}
