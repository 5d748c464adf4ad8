package org.sstop.tui.state;

import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.text.Sanitizer;

/** Where things are on the screen, shared by the renderer and the mouse handling. */
public final class Geometry {

    /** Smallest usable terminal width. */
    public static final int MIN_WIDTH = 40;
    /** Smallest usable terminal height. */
    public static final int MIN_HEIGHT = 8;
    /** Lines of process information above the detail view's socket table (with a one-line command line). */
    public static final int DETAIL_INFO_LINES = 6;
    /** Most lines the detail view gives the command line, when the screen is tall enough. */
    public static final int MAX_COMMAND_LINES = 3;

    private Geometry() {
    }

    /** Whether the terminal is too small for the layout. */
    public static boolean tiny(UiState s) {
        return s.width() < MIN_WIDTH || s.height() < MIN_HEIGHT;
    }

    /** Rows of the header: three, plus one for the limited-visibility warning or where a cut recording stopped. */
    public static int headerHeight(UiState s) {
        return s.snapshot() != null && (s.snapshot().visibility().limited() || replayCut(s)) ? 4 : 3;
    }

    /**
     * Whether the header's warning line says where a cut or corrupt recording stopped: at its
     * last sample (the visibility warning shows again elsewhere).
     */
    public static boolean replayCut(UiState s) {
        return s.replay() != null && s.replay().atEnd() && s.replay().stopped() != null;
    }

    /** The area between header and footer. */
    public static Rect body(UiState s) {
        int top = headerHeight(s);
        return new Rect(0, top, s.width(), Math.max(0, s.height() - 1 - top));
    }

    /** The rows of the current view's list (below its column header). */
    public static Rect list(UiState s, View v) {
        Rect b = body(s);
        int skip = v == View.DETAIL ? DETAIL_INFO_LINES + commandLines(s) : 1;
        int h = Math.max(0, b.height() - skip);
        return new Rect(0, b.y() + skip, s.width(), h);
    }

    /**
     * Lines the detail view's command line takes: it is wrapped onto up to {@link #MAX_COMMAND_LINES}
     * when the screen has rows to spare (20 or more), else one.
     */
    public static int commandLines(UiState s) {
        var p = s.rows().detailProcess();
        if (p == null || s.height() < 20 || s.width() < MIN_WIDTH) {
            return 1;
        }
        int cells = CellBuffer.widthOf(Sanitizer.clean(p.cmdline()));
        int per = Math.max(1, s.width() - 6);
        return Math.max(1, Math.min(MAX_COMMAND_LINES, (cells + per - 1) / per));
    }

    /** Rows a page holds (at least 1). */
    public static int pageRows(UiState s, View v) {
        return Math.max(1, list(s, v).height());
    }
}
