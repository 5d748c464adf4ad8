package org.sstop.tui.state;

import java.util.List;

/** Every key binding, grouped, as the help overlay lists them. */
public final class KeyHelp {

    /** Group titles start with "#"; other entries are key, description. */
    public static final List<List<String>> LINES = List.of(
            List.of("#Move"),
            List.of("j ↓  k ↑", "next / previous row"),
            List.of("PgDn ^D  PgUp ^U", "page down / up"),
            List.of("g Home  G End", "first / last row"),
            List.of("mouse", "click selects, click again or double click opens, wheel scrolls"),
            List.of("#Views"),
            List.of("Enter", "open process detail"),
            List.of("Esc", "back / clear filter"),
            List.of("h", "remote hosts"),
            List.of("l", "listen ports"),
            List.of("/", "search name, command line or pid (Enter keeps, Esc clears)"),
            List.of("#Display"),
            List.of("s  S", "cycle sort (rate, down, up, pid, name, conns) / reverse"),
            List.of("m", "rates or total bytes"),
            List.of("i  Tab", "interface: all or one"),
            List.of("d", "host names (DNS) on / off"),
            List.of("+ =  -", "refresh slower / faster (100 ms … 10 s)"),
            List.of("Space", "pause / resume the display (collection goes on)"),
            List.of("#Actions"),
            List.of("K", "send a signal to the process"),
            List.of("?", "this help"),
            List.of("q  Ctrl+C", "quit"));

    private KeyHelp() {
    }
}
