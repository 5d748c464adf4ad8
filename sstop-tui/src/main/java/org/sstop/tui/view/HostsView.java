package org.sstop.tui.view;

import java.util.List;
import org.sstop.core.HostStats;
import org.sstop.core.ProcessStats;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Table;
import org.sstop.tui.render.Table.Column;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Columns;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.HostSort;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.text.Sanitizer;

/** Traffic per remote host across all processes, and per process at the other end of this host's own connections. */
final class HostsView {

    private static final List<Column> COLUMNS = Columns.HOSTS;

    private HostsView() {
    }

    static void draw(CellBuffer buf, UiState s, Names names) {
        Rect body = Geometry.body(s);
        Rect list = Geometry.list(s, View.HOSTS);
        int[] widths = Table.widths(s.width(), COLUMNS);
        int[] starts = Table.starts(0, widths);
        Table.header(buf, 0, body.y(), s.width(), COLUMNS, widths, sortMask(s.hostOrder().key()), s.hostOrder().descending());
        Names shown = s.dns() ? names : Names.NONE;
        Paint.list(buf, list, s.hosts(), s.rows().hosts(), "no remote hosts", (h, y, base) -> {
            boolean local = s.rows().isLocal(h);
            Table.cell(buf, starts[0], y, widths[0], local ? local(h, s.rows().localPeer(h)) : host(h, shown),
                    Paint.fg(base, local ? Theme.MAGENTA : Theme.CYAN), false);
            Table.cell(buf, starts[1], y, widths[1], s.display().rate(h.traffic().upRate()), Paint.fg(base, Theme.UPLOAD), true);
            Table.cell(buf, starts[2], y, widths[2], s.display().rate(h.traffic().downRate()), Paint.fg(base, Theme.DOWNLOAD), true);
            Table.cell(buf, starts[3], y, widths[3], s.display().total(h.traffic().upBytes(), widths[3]), base, true);
            Table.cell(buf, starts[4], y, widths[4], s.display().total(h.traffic().downBytes(), widths[4]), base, true);
            Table.cell(buf, starts[5], y, widths[5], Integer.toString(h.connections()), base, true);
            Table.cell(buf, starts[6], y, widths[6], processes(s, h), Paint.fg(base, Theme.DIM), false);
        });
    }

    /** The columns marked as sorted for a key. */
    private static int sortMask(HostSort key) {
        return switch (key) {
            case RATE -> 1 << 1 | 1 << 2;
            case UPLOAD -> 1 << 1;
            case DOWNLOAD -> 1 << 2;
            case CONNECTIONS -> 1 << 5;
            case HOST -> 1;
        };
    }

    /**
     * The name (engine's, else the DNS cache's) with the address, or just the address; a host seen
     * from another network namespace says which (the same address there is another host).
     */
    static String host(HostStats h, Names names) {
        String name = h.name() != null ? h.name() : names.nameOf(h.address());
        String addr = h.address().toString();
        String host = name == null || name.isEmpty() ? addr : Sanitizer.clean(name) + " (" + addr + ")";
        return h.netns() == 0 ? host : host + " netns:" + h.netns();
    }

    /**
     * A peer on this host: the process at the other end ({@code local: nginx[1234]}), or the
     * address when sstop sees no socket at the other end.
     */
    static String local(HostStats h, ProcessStats peer) {
        if (peer == null) {
            return "local: " + h.address() + " (other end not seen)";
        }
        String name = Sanitizer.clean(peer.name());
        return "local: " + CellBuffer.fit(name.isEmpty() ? "?" : name, 32) + "[" + peer.pid() + "]";
    }

    private static String processes(UiState s, HostStats h) {
        StringBuilder sb = new StringBuilder();
        for (int pid : h.pids()) {
            if (sb.length() > 200) {
                sb.append(" …");
                break;
            }
            ProcessStats p = s.rows().process(pid);
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(p == null ? "?" : Sanitizer.clean(p.name())).append('(').append(pid).append(')');
        }
        return sb.toString();
    }
}
