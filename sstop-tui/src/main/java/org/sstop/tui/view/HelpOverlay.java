package org.sstop.tui.view;

import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;

/** Every key binding, grouped. */
final class HelpOverlay {

    /** Group titles start with "#"; other entries are key, description. */
    static final List<String[]> LINES = List.of(
            new String[] {"#Move"},
            new String[] {"j ↓  k ↑", "next / previous row"},
            new String[] {"PgDn ^D  PgUp ^U", "page down / up"},
            new String[] {"g Home  G End", "first / last row"},
            new String[] {"mouse", "click selects, click again or double click opens, wheel scrolls"},
            new String[] {"#Views"},
            new String[] {"Enter", "open process detail"},
            new String[] {"Esc", "back / clear filter"},
            new String[] {"h", "remote hosts"},
            new String[] {"l", "listen ports"},
            new String[] {"/", "search name, command line or pid (Enter keeps, Esc clears)"},
            new String[] {"#Display"},
            new String[] {"s  S", "cycle sort (rate, down, up, pid, name, conns) / reverse"},
            new String[] {"m", "rates or total bytes"},
            new String[] {"i  Tab", "interface: all or one"},
            new String[] {"d", "host names (DNS) on / off"},
            new String[] {"+ =  -", "refresh slower / faster (100 ms … 10 s)"},
            new String[] {"Space", "pause / resume the display (collection goes on)"},
            new String[] {"#Actions"},
            new String[] {"K", "send a signal to the process"},
            new String[] {"?", "this help"},
            new String[] {"q  Ctrl+C", "quit"});

    private HelpOverlay() {
    }

    static void draw(CellBuffer buf) {
        Rect inner = Paint.box(buf, Paint.centred(buf, 88, LINES.size() + 2), "help — Esc or ? closes");
        long key = Style.of(Theme.MAGENTA, Theme.ZEBRA, Style.BOLD);
        long text = Style.of(Theme.FG, Theme.ZEBRA, 0);
        long group = Style.of(Theme.ACCENT, Theme.ZEBRA, Style.BOLD | Style.UNDERLINE);
        int y = inner.y();
        for (String[] line : LINES) {
            if (y >= inner.bottom()) {
                break;
            }
            if (line.length == 1) {
                buf.put(inner.x(), y, line[0].substring(1), group, inner.right());
            } else {
                buf.put(inner.x() + 1, y, CellBuffer.fit(line[0], 17), key, inner.right());
                buf.put(inner.x() + 19, y, CellBuffer.fit(line[1], inner.width() - 19), text, inner.right());
            }
            y++;
        }
    }
}
