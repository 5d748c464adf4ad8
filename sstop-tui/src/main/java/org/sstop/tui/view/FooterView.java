package org.sstop.tui.view;

import java.util.ArrayList;
import java.util.List;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.UiState;

/** The bottom line: the keys that work in the current view (a replay's first). */
final class FooterView {

    private FooterView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        long bg = Style.of(Theme.FG, Theme.ZEBRA, 0);
        int y = Paint.bottomLine(buf, bg);
        String[] keys = switch (s.view()) {
            case PROCESSES -> s.tree() ? new String[] {"↑↓", "move", "Enter", "detail", "x", "fold", "X", "fold all", "t", "flat",
                "s/S", "sort", "/", "search", "h", "hosts", "l", "listen", "D", "groups", "K", "kill", "m",
                s.totals() ? "rates" : "totals", "Space", s.paused() ? "resume" : "pause"}
                : new String[] {"↑↓", "move", "Enter", "detail", "s/S", "sort", "/", "search", "h", "hosts",
                "l", "listen", "D", "groups", "K", "kill", "t", "tree", "m", s.totals() ? "rates" : "totals", "Space", s.paused() ? "resume" : "pause",
                "+/-", "refresh", "i", "iface", "d", "dns"};
            case DETAIL -> new String[] {"Esc", "back", "↑↓", "move", "K", "kill", "d", "dns", "m",
                s.totals() ? "rates" : "totals", "Space", s.paused() ? "resume" : "pause", "+/-", "refresh"};
            case HOSTS -> new String[] {"Esc/h", "back", "↑↓", "move", "Enter", "process", "s/S", "sort", "/", "search", "d", "dns",
                "l", "listen", "Space", s.paused() ? "resume" : "pause", "+/-", "refresh"};
            case LISTEN -> new String[] {"Esc/l", "back", "↑↓", "move", "Enter", "process", "s/S", "sort", "K", "kill", "/", "search",
                "h", "hosts", "Space", s.paused() ? "resume" : "pause"};
            case GROUPS -> new String[] {"Esc/D", "back", "↑↓", "move", "Enter", "processes", "u",
                s.groupsByUser() ? "by container" : "by user", "/", "search", "h", "hosts",
                "l", "listen", "Space", s.paused() ? "resume" : "pause"};
        };
        if (s.replay() != null) { // a replay's own keys first; its samples need no refresh interval
            List<String> replay = new ArrayList<>(List.of("Space", s.replay().paused() ? "play" : "pause", ". ,", "step",
                    "← →", "seek", "< >", "speed"));
            for (int i = 0; i + 1 < keys.length; i += 2) {
                if (!keys[i].equals("Space") && !keys[i].equals("+/-")) {
                    replay.add(keys[i]);
                    replay.add(keys[i + 1]);
                }
            }
            keys = replay.toArray(String[]::new);
        }
        String title = switch (s.view()) {
            case PROCESSES -> s.tree() ? "tree" : "processes";
            case DETAIL -> "detail";
            case HOSTS -> "hosts";
            case LISTEN -> "listen";
            case GROUPS -> s.groupsByUser() ? "users" : "groups";
        };
        int x = buf.put(0, y, " " + title + " ", Style.of(Theme.BG, Theme.MAGENTA, Style.BOLD | Style.MONO_REVERSE));
        int breaches = s.alerts().active().size();
        if (breaches > 0) { // the alert rules' breaches going on (a: the rules)
            x = buf.put(x + 1, y, " ! " + breaches + (breaches == 1 ? " alert " : " alerts "), Theme.ALERT_BADGE);
        }
        // Help and quit always show, at the right; the view's keys fill what is left.
        int right = buf.width() - CellBuffer.widthOf("? help  q quit ");
        Paint.hints(buf, right, y, buf.width(), bg, "?", "help", "q", "quit");
        Paint.hints(buf, x + 1, y, right - 1, bg, keys);
    }
}
