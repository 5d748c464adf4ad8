package org.sstop.tui.view;

import java.util.List;
import org.sstop.api.ContainerInfo;
import org.sstop.api.Endpoint;
import org.sstop.api.SocketState;
import org.sstop.core.SocketStats;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Format;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Sparkline;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.text.Sanitizer;

/** One process: who it is, its traffic and sparkline, listening ports, and every socket. */
final class DetailView {

    private static final List<Column> RATE_COLUMNS = columns("UP/s", "DOWN/s");
    private static final List<Column> TOTAL_COLUMNS = columns("UP", "DOWN");

    private static List<Column> columns(String up, String down) {
        return List.of(
                new Column("PROTO", 5, 0, 0, false),
                new Column("LOCAL", 21, 1, 3, false),
                new Column("REMOTE", 21, 2, 1, false),
                new Column("STATE", 13, 0, 2, false),
                new Column("SEEN", 6, 0, 6, true), // how long sstop has seen the socket, not the socket's own age
                new Column("SERVICE", 10, 0, 7, false),
                new Column(up, 10, 0, 4, true),
                new Column(down, 10, 0, 5, true));
    }

    private DetailView() {
    }

    static void draw(CellBuffer buf, UiState s, Names names) {
        Rect body = Geometry.body(s);
        int w = s.width();
        ProcessStats p = s.rows().detailProcess();
        if (p == null) {
            buf.put(2, body.y() + 1, CellBuffer.fit("process " + s.detailPid() + " is gone — Esc to go back", w - 4), Theme.WARN);
            return;
        }
        int y = body.y();
        int x = buf.put(1, y, CellBuffer.fit(Sanitizer.clean(p.name()), Math.max(1, w / 2)), Theme.TITLE);
        x = buf.put(x + 1, y, "pid " + p.pid() + (p.ppid() > 0 ? " ppid " + p.ppid() : ""), Theme.TEXT, w);
        x = buf.put(x + 2, y, "user " + orElse(CellBuffer.fit(Sanitizer.clean(p.user()), 24), "?"), Theme.TEXT, w);
        buf.put(x + 2, y, p.state() == ProcessState.EXITED ? "exited" : "running · trend " + p.trend().label(),
                p.state() == ProcessState.EXITED ? Theme.WARN : Theme.MUTED, w);
        buf.put(1, y + 1, "cmd ", Theme.MUTED);
        // The whole command line, wrapped onto up to three lines when the screen has the rows.
        List<String> cmd = CellBuffer.wrap(orElse(Sanitizer.clean(p.cmdline()), "—"), Math.max(2, w - 6),
                Geometry.commandLines(s));
        for (int i = 0; i < cmd.size(); i++) {
            buf.put(5, y + 1 + i, cmd.get(i), Theme.TEXT, w);
        }
        y += cmd.size() - 1;
        x = buf.put(1, y + 2, "↑ " + s.display().rate(p.traffic().upRate()) + " (" + s.display().total(p.traffic().upBytes()) + ")",
                Style.of(Theme.UPLOAD, Theme.BG, Style.BOLD));
        x = buf.put(x + 3, y + 2, "↓ " + s.display().rate(p.traffic().downRate()) + " (" + s.display().total(p.traffic().downBytes()) + ")",
                Style.of(Theme.DOWNLOAD, Theme.BG, Style.BOLD), w);
        buf.put(x + 3, y + 2, p.connections() + (p.connections() == 1 ? " connection · " : " connections · ")
                + p.listening() + " listening", Theme.MUTED, w);
        int spark = Math.max(0, Math.min(60, w - 6 - 20)); // room for the peak beside it
        buf.put(1, y + 3, spark + "s ", Theme.MUTED); // the seconds the graph covers
        Sparkline.draw(buf, 5, y + 3, spark, p.history(), Style.of(Theme.CYAN, Theme.BG, 0));
        int after = buf.put(5 + spark + 2, y + 3, "peak ↑+↓ " + s.display().rate(Sparkline.peak(p.history(), spark)),
                Theme.MUTED, w);
        where(buf, after + 2, y + 3, w, p);
        listening(buf, y + 4, w, p);
        connections(buf, s, names, w);
    }

    /** What the process runs in (container, service or session) and its network namespace. */
    private static void where(CellBuffer buf, int x, int y, int w, ProcessStats p) {
        ContainerInfo c = p.container();
        if (c != null) {
            String id = c.id() == null ? "" : " " + c.shortId();
            String text = "in " + c.runtime() + " " + c.name() + id + (c.pod() == null ? "" : " pod " + c.pod());
            x = buf.put(x, y, CellBuffer.fit(Sanitizer.clean(text), Math.max(0, w - x - 1)), Style.of(Theme.MAGENTA, Theme.BG, 0), w);
            x += 2;
        }
        if (p.netns() != 0) {
            buf.put(x, y, "netns " + p.netns(), Theme.MUTED, w);
        }
    }

    private static void listening(CellBuffer buf, int y, int w, ProcessStats p) {
        int x = buf.put(1, y, "listening ", Theme.MUTED);
        boolean any = false;
        for (SocketStats c : p.sockets()) {
            if (!c.listening()) {
                continue;
            }
            String text = c.protocol().label() + " " + c.local();
            if (x + CellBuffer.widthOf(text) + 2 > w) {
                buf.put(x, y, "…", Theme.MUTED, w);
                return;
            }
            x = buf.put(x, y, text, Style.of(Theme.ACCENT, Theme.BG, 0), w) + 2;
            any = true;
        }
        if (!any) {
            buf.put(x, y, "none", Theme.MUTED, w);
        }
    }

    private static void connections(CellBuffer buf, UiState s, Names names, int w) {
        Rect list = Geometry.list(s, View.DETAIL);
        // m shows totals here too, as in the header above the table.
        List<Column> columns = s.totals() ? TOTAL_COLUMNS : RATE_COLUMNS;
        int[] widths = Table.widths(w, columns);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, list.y() - 1, w, columns, widths, 0, false);
        Names shown = s.dns() ? names : Names.NONE;
        Paint.list(buf, list, s.conns(), s.rows().connections(), "no open sockets", (conn, y, base) -> {
            Table.cell(buf, starts[0], y, widths[0], conn.protocol().label(), base, false);
            Table.cell(buf, starts[1], y, widths[1], conn.local().toString(), base, false);
            ProcessStats peer = conn.loopback() ? s.rows().loopbackPeer(conn) : null;
            // A connection within this host: the process at the other end too.
            String other = peer == null ? "" : " ⇄ " + orElse(Sanitizer.clean(peer.name()), "?") + "(" + peer.pid() + ")";
            Table.cell(buf, starts[2], y, widths[2], remote(conn.remote(), shown) + other, Paint.fg(base, Theme.CYAN), false);
            if (widths[3] > 0) {
                badge(buf, starts[3], y, widths[3], conn.state());
            }
            Table.cell(buf, starts[4], y, widths[4], Format.age(conn.age()), base, true);
            Table.cell(buf, starts[5], y, widths[5], Services.of(s.display().services(), conn),
                    Paint.fg(base, Theme.MAGENTA), false);
            String up = !conn.counted() ? "n/a" : s.display().amount(s.totals() ? conn.traffic().upBytes()
                    : conn.traffic().upRate(), s.totals(), widths[6]);
            String down = !conn.counted() ? "n/a" : s.display().amount(s.totals() ? conn.traffic().downBytes()
                    : conn.traffic().downRate(), s.totals(), widths[7]);
            Table.cell(buf, starts[6], y, widths[6], up, Paint.fg(base, Theme.UPLOAD), true);
            Table.cell(buf, starts[7], y, widths[7], down, Paint.fg(base, Theme.DOWNLOAD), true);
        });
    }

    private static String orElse(String text, String fallback) {
        return text.isEmpty() ? fallback : text;
    }

    /** The remote side: {@code name:port} when a name is known, the address otherwise, "*" when unconnected. */
    static String remote(Endpoint e, Names names) {
        if (e.isAny()) {
            return "*";
        }
        String name = names.nameOf(e.address());
        if (name == null || name.isEmpty()) {
            return e.toString();
        }
        return Sanitizer.clean(name) + ":" + e.port();
    }

    private static void badge(CellBuffer buf, int x, int y, int width, SocketState state) {
        int color = switch (state) {
            case ESTABLISHED -> Theme.UPLOAD;
            case SYN_SENT, SYN_RECV, NEW_SYN_RECV -> Theme.YELLOW;
            case LISTEN -> Theme.ACCENT;
            case CLOSE_WAIT, LAST_ACK, CLOSING -> Theme.DOWNLOAD;
            case UNCONNECTED -> Theme.CYAN;
            case FIN_WAIT1, FIN_WAIT2 -> Theme.MAGENTA;
            default -> Theme.DIM;
        };
        String text = CellBuffer.fit(" " + state.name() + " ", width);
        buf.put(x, y, text, Style.of(Theme.BG, color, Style.BOLD | Style.MONO_REVERSE), x + width);
    }
}
