package org.sstop.tui.view;

import java.util.List;
import org.sstop.api.ContainerInfo;
import org.sstop.core.RateHistory;
import org.sstop.core.Traffic;
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

/**
 * Traffic per container, service or session, or per user ({@code u}): the processes rolled up
 * (Enter lists a group's processes).
 */
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
    /** By user: the same figures, the uid for the kind, nothing for the id. */
    private static final List<Column> USER_COLUMNS = List.of(
            new Column("USER", 20, 2, 0, false),
            new Column("UID", 10, 0, 7, true),
            new Column("GRAPH", 16, 1, 9, false),
            new Column("UP/s", 10, 0, 1, true),
            new Column("DOWN/s", 10, 0, 2, true),
            new Column("TOTAL UP", 10, 0, 5, true),
            new Column("TOTAL DOWN", 10, 0, 6, true),
            new Column("PROCS", 5, 0, 3, true),
            new Column("CONNS", 5, 0, 4, true));

    private GroupsView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        if (s.rows().byUser()) {
            users(buf, s);
            return;
        }
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
            row(buf, s, starts, widths, y, base, g.traffic(), g.history(), g.processes(), g.connections());
            Table.cell(buf, starts[9], y, widths[9], identity(c), Paint.fg(base, Theme.DIM), false);
        });
    }

    /** The processes rolled up by user (u): Enter lists a user's processes. */
    private static void users(CellBuffer buf, UiState s) {
        Rect body = Geometry.body(s);
        Rect list = Geometry.list(s, View.GROUPS);
        int[] widths = Table.widths(s.width(), USER_COLUMNS);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, body.y(), s.width(), USER_COLUMNS, widths, 1 << 3 | 1 << 4, true);
        String empty = s.snapshot() == null ? "waiting for the first sample…" : "no user's process has sockets or traffic";
        Paint.list(buf, list, s.groups(), s.rows().users(), empty, (u, y, base) -> {
            Table.cell(buf, starts[0], y, widths[0], Sanitizer.clean(u.user()), Paint.fg(base, Theme.MAGENTA), false);
            Table.cell(buf, starts[1], y, widths[1], Integer.toString(u.uid()), Paint.fg(base, Theme.DIM), true);
            row(buf, s, starts, widths, y, base, u.traffic(), u.history(), u.processes(), u.connections());
        });
    }

    /** The graph, rates, totals and counts of a row, the same by group and by user. */
    private static void row(CellBuffer buf, UiState s, int[] starts, int[] widths, int y, long base, Traffic t,
            RateHistory history, int processes, int connections) {
        if (widths[2] > 0) {
            Sparkline.draw(buf, starts[2], y, widths[2], history, Paint.fg(base, Theme.CYAN));
        }
        Table.cell(buf, starts[3], y, widths[3], s.display().rate(t.upRate()), Paint.fg(base, Theme.UPLOAD), true);
        Table.cell(buf, starts[4], y, widths[4], s.display().rate(t.downRate()), Paint.fg(base, Theme.DOWNLOAD), true);
        Table.cell(buf, starts[5], y, widths[5], s.display().total(t.upBytes(), widths[5]), base, true);
        Table.cell(buf, starts[6], y, widths[6], s.display().total(t.downBytes(), widths[6]), base, true);
        Table.cell(buf, starts[7], y, widths[7], Integer.toString(processes), base, true);
        Table.cell(buf, starts[8], y, widths[8], Integer.toString(connections), base, true);
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
