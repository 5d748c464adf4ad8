package org.sstop.tui.view;

import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Columns;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.ListenSort;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.text.Sanitizer;

/** Listening TCP sockets and bound UDP sockets with their processes. */
final class ListenView {

    private static final List<Column> COLUMNS = Columns.LISTEN;

    private ListenView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        Rect body = Geometry.body(s);
        Rect list = Geometry.list(s, View.LISTEN);
        int[] widths = Table.widths(s.width(), COLUMNS);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, body.y(), s.width(), COLUMNS, widths, sortMask(s.listenOrder().key()),
                s.listenOrder().descending());
        Paint.list(buf, list, s.listen(), s.rows().listen(), "no listening sockets", (e, y, base) -> {
            Table.cell(buf, starts[0], y, widths[0], e.protocol().label(), base, false);
            Table.cell(buf, starts[1], y, widths[1], e.local().address().toString(), Paint.fg(base, Theme.CYAN), false);
            Table.cell(buf, starts[2], y, widths[2], Integer.toString(e.local().port()), Paint.fg(base, Theme.ACCENT), true);
            Table.cell(buf, starts[3], y, widths[3], Services.of(s.display().services(), e), Paint.fg(base, Theme.MAGENTA),
                    false);
            Table.cell(buf, starts[4], y, widths[4], e.pid() < 0 ? "?" : Integer.toString(e.pid()), base, true);
            String name = Sanitizer.clean(e.name());
            Table.cell(buf, starts[5], y, widths[5], name.isEmpty() ? "?" : name, base, false);
            String cmdline = Sanitizer.clean(e.cmdline());
            Table.cell(buf, starts[6], y, widths[6], e.netns() == 0 ? cmdline : "netns:" + e.netns() + " " + cmdline,
                    Paint.fg(base, Theme.DIM), false);
        });
    }

    /** The column marked as sorted for a key. */
    private static int sortMask(ListenSort key) {
        return switch (key) {
            case PROTOCOL -> 1;
            case ADDRESS -> 1 << 1;
            case PORT -> 1 << 2;
            case PID -> 1 << 4;
            case PROCESS -> 1 << 5;
        };
    }
}
