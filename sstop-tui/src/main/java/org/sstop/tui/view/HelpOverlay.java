package org.sstop.tui.view;

import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.KeyMap;
import org.sstop.tui.state.KeyMap.HelpLine;
import org.sstop.tui.state.Overlay;

/** Every key binding of the main views, grouped, as the key map lists them. */
final class HelpOverlay {

    private HelpOverlay() {
    }

    static void draw(CellBuffer buf, Overlay.Help help) {
        List<HelpLine> lines = KeyMap.HELP;
        Rect inner = Paint.box(buf, Paint.centred(buf, 88, lines.size() + 2), "help — Esc or ? closes");
        // Scrolled with j/k when the screen is too short for all of it.
        int top = Math.max(0, Math.min(help.top(), lines.size() - inner.height()));
        long key = Style.of(Theme.MAGENTA, Theme.ZEBRA, Style.BOLD);
        long text = Style.of(Theme.FG, Theme.ZEBRA, 0);
        long group = Style.of(Theme.ACCENT, Theme.ZEBRA, Style.BOLD | Style.UNDERLINE);
        int y = inner.y();
        for (HelpLine line : lines.subList(Math.min(top, lines.size()), lines.size())) {
            if (y >= inner.bottom()) {
                break;
            }
            if (line.heading()) {
                buf.put(inner.x(), y, line.keys(), group, inner.right());
            } else {
                buf.put(inner.x() + 1, y, CellBuffer.fit(line.keys(), 17), key, inner.right());
                buf.put(inner.x() + 19, y, CellBuffer.fit(line.text(), inner.width() - 19), text, inner.right());
            }
            y++;
        }
        if (top + inner.height() < lines.size() && inner.height() > 0) {
            buf.put(inner.right() - 8, inner.bottom(), " ↓ j/k ", Style.of(Theme.YELLOW, Theme.ZEBRA, Style.BOLD), inner.right() + 1);
        }
        if (top > 0 && inner.height() > 0) {
            buf.put(inner.right() - 8, inner.y() - 1, " ↑ j/k ", Style.of(Theme.YELLOW, Theme.ZEBRA, Style.BOLD), inner.right() + 1);
        }
    }
}
