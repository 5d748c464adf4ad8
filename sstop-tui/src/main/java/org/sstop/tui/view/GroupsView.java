package org.sstop.tui.view;

import java.util.List;
import org.sstop.api.ContainerInfo;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Sparkline;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.text.Sanitizer;

/** Traffic per container, service or session: the processes rolled up (Enter lists a group's processes). */
final class GroupsView {

    private static final List<Column> COLUMNS = List.of(
            new Column("GROUP", 20, 2, 0, false),
            new Column("KIND", 10, 0, 7, false),
            new Column("GRAPH", 16, 0, 9, false),
            new Column("UP/s", 10, 0, 1, true),
            new Column("DOWN/s", 10, 0, 2, true),
            new Column("TOTAL UP", 10, 0, 5, true),
            new Column("TOTAL DOWN", 10, 0, 6, true),
            new Column("PROCS", 5, 0, 3, true),
            new Column("CONNS", 5, 0, 4, true),
            new Column("ID", 12, 1, 8, false));

    private GroupsView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        Rect body = Geometry.body(s);
        Rect list = Geometry.list(s, View.GROUPS);
        int[] widths = Table.widths(s.width(), COLUMNS);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, body.y(), s.width(), COLUMNS, widths, 1 << 3 | 1 << 4, true);
        String empty = s.snapshot() == null ? "waiting for the first sample…"
                : "no process runs in a container, service or session that its cgroup names";
        Paint.list(buf, list, s.groups(), s.rows().groups(), empty, (g, y, base) -> {
            ContainerInfo c = g.container();
            Table.cell(buf, starts[0], y, widths[0], Sanitizer.clean(c.name()), Paint.fg(base, Theme.MAGENTA), false);
            Table.cell(buf, starts[1], y, widths[1], Sanitizer.clean(c.runtime()), Paint.fg(base, Theme.DIM), false);
            if (widths[2] > 0) {
                Sparkline.draw(buf, starts[2], y, widths[2], g.history(), Paint.fg(base, Theme.CYAN));
            }
            Table.cell(buf, starts[3], y, widths[3], s.display().rate(g.traffic().upRate()), Paint.fg(base, Theme.UPLOAD), true);
            Table.cell(buf, starts[4], y, widths[4], s.display().rate(g.traffic().downRate()), Paint.fg(base, Theme.DOWNLOAD), true);
            Table.cell(buf, starts[5], y, widths[5], s.display().total(g.traffic().upBytes()), base, true);
            Table.cell(buf, starts[6], y, widths[6], s.display().total(g.traffic().downBytes()), base, true);
            Table.cell(buf, starts[7], y, widths[7], Integer.toString(g.processes()), base, true);
            Table.cell(buf, starts[8], y, widths[8], Integer.toString(g.connections()), base, true);
            Table.cell(buf, starts[9], y, widths[9], identity(c), Paint.fg(base, Theme.DIM), false);
        });
    }

    /** The short id and the pod, or the unit. */
    private static String identity(ContainerInfo c) {
        StringBuilder sb = new StringBuilder();
        if (c.id() != null) {
            sb.append(c.shortId());
        }
        if (c.pod() != null) {
            sb.append(sb.length() > 0 ? " " : "").append("pod ").append(c.pod());
        }
        if (c.unit() != null && c.id() == null) {
            sb.append(c.unit());
        }
        return Sanitizer.clean(sb.toString());
    }
}
