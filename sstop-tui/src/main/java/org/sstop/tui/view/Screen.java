package org.sstop.tui.view;

import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.Overlay;
import org.sstop.tui.state.UiState;

/** Renders a whole frame: a pure function of the UI state (with its snapshot) and the known host names. */
public final class Screen {

    private Screen() {
    }

    /**
     * Draws the frame.
     *
     * @param s the state, including the snapshot on display and the terminal size
     * @param names host names known so far (only consulted when DNS is on)
     * @return a new buffer of the state's size
     */
    public static CellBuffer render(UiState s, Names names) {
        CellBuffer buf = new CellBuffer(s.width(), s.height(), Theme.TEXT);
        if (Geometry.tiny(s)) {
            tiny(buf);
            return buf;
        }
        HeaderView.draw(buf, s);
        switch (s.view()) {
            case PROCESSES -> ProcessTableView.draw(buf, s);
            case DETAIL -> DetailView.draw(buf, s, names);
            case HOSTS -> HostsView.draw(buf, s, names);
            case LISTEN -> ListenView.draw(buf, s);
            case GROUPS -> GroupsView.draw(buf, s);
        }
        FooterView.draw(buf, s);
        Overlay o = s.overlay();
        if (o instanceof Overlay.Help h) {
            HelpOverlay.draw(buf, h);
        } else if (o instanceof Overlay.Kill k) {
            KillOverlay.draw(buf, k);
        } else if (o instanceof Overlay.Search) {
            SearchOverlay.draw(buf, s);
        } else if (o instanceof Overlay.Alerts a) {
            AlertsOverlay.draw(buf, a, s.alerts());
        } else if (o instanceof Overlay.Visibility v) {
            VisibilityOverlay.draw(buf, v, s.snapshot());
        }
        return buf;
    }

    private static void tiny(CellBuffer buf) {
        String[] tries = {"sstop: terminal too small (need " + Geometry.MIN_WIDTH + "x" + Geometry.MIN_HEIGHT + ")",
            "too small", "small", "!"};
        for (String t : tries) {
            if (CellBuffer.widthOf(t) <= buf.width() || t.equals("!")) {
                buf.put(0, buf.height() / 2, t, Style.of(Theme.YELLOW, Theme.BG, Style.BOLD));
                return;
            }
        }
    }
}
