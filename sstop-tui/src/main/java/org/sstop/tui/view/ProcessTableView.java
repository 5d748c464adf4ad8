package org.sstop.tui.view;

import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Traffic;
import org.sstop.tui.render.Bar;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Sparkline;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Columns;
import org.sstop.tui.state.Cursor;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.Rows;
import org.sstop.tui.state.SortKey;
import org.sstop.tui.state.TreeNode;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.text.Sanitizer;

/** The process table: one row per process with its graph, rates (or totals) and bars. */
final class ProcessTableView {

    private static final int PID = 0;
    private static final int PROCESS = 1;
    private static final int GRAPH = 2;
    private static final int UP = 3;
    private static final int UP_BAR = 4;
    private static final int DOWN = 5;
    private static final int DOWN_BAR = 6;
    private static final int CONNS = 7;
    private static final int LISTEN = 8;

    private ProcessTableView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        Rect body = Geometry.body(s);
        Rect list = Geometry.list(s, View.PROCESSES);
        List<Column> cols = Columns.processes(s.totals(), s.tree());
        int[] widths = Table.widths(s.width(), cols);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, body.y(), s.width(), cols, widths, sortMask(s.sort()), s.descending());
        List<ProcessStats> rows = s.rows().processes();
        Cursor c = s.procs();
        // Bars are scaled to the largest value on screen.
        int end = Math.min(rows.size(), c.offset() + list.height());
        double maxUp = visibleMax(rows, c.offset(), end, t -> up(t, s.totals()));
        double maxDown = visibleMax(rows, c.offset(), end, t -> down(t, s.totals()));
        // One scale for every row's graph (c): the busiest second on screen, written over the column's title.
        long scale = 0;
        if (s.display().sharedScale() && widths[GRAPH] > 0) {
            for (int i = c.offset(); i < end; i++) {
                scale = Math.max(scale, Sparkline.peak(s.rows().graph(i, widths[GRAPH]), widths[GRAPH]));
            }
            String title = CellBuffer.fit("≤" + s.display().rate(scale), widths[GRAPH] - 6);
            buf.put(starts[GRAPH] + 6, body.y(), title, Style.withFg(Theme.HEADER, Theme.YELLOW),
                    starts[GRAPH] + widths[GRAPH]);
        }
        long sharedMax = scale;
        Rows rowsOf = s.rows();
        Set<Integer> alerting = s.alerts().breachingPids();
        String empty = s.snapshot() == null ? "waiting for the first sample…"
                : s.filter().isEmpty() ? "no process with network activity" : "no process matches the filter";
        Paint.list(buf, list, c, rows, empty, (p, y, row) -> {
            int index = c.offset() + y - list.y();
            TreeNode node = rowsOf.treeNode(index); // null when flat
            RateHistory graph = widths[GRAPH] > 0 ? rowsOf.graph(index, widths[GRAPH]) : null; // a parent's: its subtree's
            boolean live = p.state() != ProcessState.EXITED;
            long base = row;
            boolean alert = alerting.contains(p.pid());
            if (alert && row != Theme.SELECTED) { // the selection stays visible; the ! marks it too
                base = Theme.ALERT;
                buf.fill(new Rect(0, y, s.width(), 1), base);
            }
            if (!live) {
                base = Style.plus(Paint.fg(base, Theme.DIM), Style.DIM);
                buf.fill(new Rect(0, y, s.width(), 1), base);
            }
            Table.cell(buf, starts[PID], y, widths[PID], Integer.toString(p.pid()), base, true);
            if (alert && Integer.toString(p.pid()).length() < widths[PID]) { // never over a digit of the pid
                buf.set(starts[PID], y, '!', Style.plus(Paint.fg(base, Theme.DOWNLOAD), Style.BOLD));
            }
            processCell(buf, starts[PROCESS], y, widths[PROCESS], p, node, base);
            if (widths[GRAPH] > 0) {
                if (s.display().sharedScale()) {
                    Sparkline.draw(buf, starts[GRAPH], y, widths[GRAPH], graph, Paint.fg(base, Theme.CYAN), sharedMax);
                } else {
                    Sparkline.draw(buf, starts[GRAPH], y, widths[GRAPH], graph, Paint.fg(base, Theme.CYAN));
                }
            }
            double u = up(p.traffic(), s.totals());
            double d = down(p.traffic(), s.totals());
            boolean sum = node != null && node.rolledUp();
            Table.cell(buf, starts[UP], y, widths[UP], amount(s.display().amount(u, s.totals(), widths[UP]), sum, widths[UP]),
                    live ? Paint.fg(base, Theme.UPLOAD) : base, true);
            Table.cell(buf, starts[DOWN], y, widths[DOWN], amount(s.display().amount(d, s.totals(), widths[DOWN]), sum, widths[DOWN]),
                    live ? Paint.fg(base, Theme.DOWNLOAD) : base, true);
            if (widths[UP_BAR] > 0) {
                Bar.draw(buf, starts[UP_BAR], y, widths[UP_BAR], maxUp > 0 ? u / maxUp : 0, Theme.UPLOAD, base);
            }
            if (widths[DOWN_BAR] > 0) {
                Bar.draw(buf, starts[DOWN_BAR], y, widths[DOWN_BAR], maxDown > 0 ? d / maxDown : 0, Theme.DOWNLOAD, base);
            }
            Table.cell(buf, starts[CONNS], y, widths[CONNS], Integer.toString(p.connections()), base, true);
            Table.cell(buf, starts[LISTEN], y, widths[LISTEN], Integer.toString(p.listening()), base, true);
        });
    }

    /** A parent's figure in the tree is its subtree's: marked Σ where the mark fits the column. */
    private static String amount(String text, boolean sum, int width) {
        return sum && CellBuffer.widthOf(text) < width ? "Σ" + text : text;
    }

    /**
     * In the tree, the guide and fold mark first (▾ open, ▸ folded); then the name in bold (dim for
     * a parent shown only because a descendant matches the filter), its container's badge
     * (magenta) where it has one, then the command line (dim) where it fits; exited processes say so.
     */
    private static void processCell(CellBuffer buf, int x, int y, int width, ProcessStats p, TreeNode node, long base) {
        if (width <= 0) {
            return;
        }
        String name = Sanitizer.clean(p.name());
        int limit = x + width;
        int nx = x;
        long nameStyle = Style.plus(base, Style.BOLD);
        if (node != null) {
            String mark = node.rolledUp() ? (node.folded() ? "▸ " : "▾ ") : node.depth() > 0 ? " " : "";
            nx = buf.put(nx, y, CellBuffer.fit(node.guide(), Math.max(0, width - 2)), Paint.fg(base, Theme.DIM), limit);
            nx = buf.put(nx, y, mark, Paint.fg(base, node.folded() ? Theme.YELLOW : Theme.CYAN), limit);
            nameStyle = node.context() ? Paint.fg(base, Theme.DIM) : nameStyle;
        }
        nx = buf.put(nx, y, CellBuffer.fit(name.isEmpty() ? "?" : name, Math.max(0, limit - nx)), nameStyle, limit);
        if (p.container() != null && nx + 3 < limit) {
            String badge = "[" + CellBuffer.fit(Sanitizer.clean(p.container().name()), 20) + "]";
            nx = buf.put(nx + 1, y, CellBuffer.fit(badge, limit - nx - 1), Paint.fg(base, Theme.MAGENTA), limit);
        }
        String rest = p.state() == ProcessState.EXITED ? "(exited)" : Sanitizer.clean(p.cmdline());
        if (nx + 2 < limit && !rest.isEmpty()) {
            buf.put(nx + 1, y, CellBuffer.fit(rest, limit - nx - 1), Style.plus(Paint.fg(base, Theme.DIM), 0), limit);
        }
    }

    private static int sortMask(SortKey k) {
        return switch (k) {
            case RATE -> (1 << UP) | (1 << DOWN);
            case DOWNLOAD -> 1 << DOWN;
            case UPLOAD -> 1 << UP;
            case PID -> 1 << PID;
            case NAME -> 1 << PROCESS;
            case CONNECTIONS -> 1 << CONNS;
        };
    }

    private static double visibleMax(List<ProcessStats> rows, int from, int to, ToDoubleFunction<Traffic> value) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, value.applyAsDouble(rows.get(i).traffic()));
        }
        return max;
    }

    private static double up(Traffic t, boolean totals) {
        return totals ? t.upBytes() : t.upRate();
    }

    private static double down(Traffic t, boolean totals) {
        return totals ? t.downBytes() : t.downRate();
    }
}
