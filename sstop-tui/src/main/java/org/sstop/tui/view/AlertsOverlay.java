package org.sstop.tui.view;

import java.util.List;
import org.sstop.tui.alert.AlertBook;
import org.sstop.tui.alert.AlertRule;
import org.sstop.tui.filter.FilterSyntaxException;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Overlay;
import org.sstop.tui.text.Sanitizer;

/** The alert rules dialog: each rule with its breaches now, the line being written, and where it is wrong. */
final class AlertsOverlay {

    private AlertsOverlay() {
    }

    static void draw(CellBuffer buf, Overlay.Alerts o, AlertBook book) {
        List<AlertRule> rules = book.rules();
        // The header stays in sight; on a short screen the list scrolls to keep the chosen line.
        Rect inner = Paint.box(buf, Paint.centred(buf, 72, Math.min(rules.size() + 8, buf.height() - 2)), "alert rules");
        long text = Style.of(Theme.FG, Theme.ZEBRA, 0);
        long muted = Style.of(Theme.DIM, Theme.ZEBRA, 0);
        int right = inner.right();
        int y = inner.y();
        // The rules, then the new rule's line; the chosen one is the one the line below edits.
        int shown = Math.max(1, inner.bottom() - 5 - y);
        int first = Math.max(0, Math.min(o.selected(), rules.size()) - shown + 1);
        for (int i = first; i <= rules.size() && y < inner.bottom() - 5; i++, y++) {
            boolean sel = i == o.selected();
            long st = sel ? Theme.SELECTED : text;
            buf.fill(new Rect(inner.x(), y, inner.width(), 1), st);
            if (i == rules.size()) {
                buf.put(inner.x() + 1, y, "+ new rule", sel ? st : muted, right);
                continue;
            }
            String rule = Sanitizer.clean(rules.get(i).text());
            buf.put(inner.x() + 1, y, CellBuffer.fit(rule, inner.width() - 14), st, right);
            int now = book.breaches(rules.get(i));
            if (now > 0) {
                String n = now + " breaching";
                buf.put(right - CellBuffer.widthOf(n) - 1, y, n, Style.plus(Style.withFg(st, Theme.DOWNLOAD), Style.BOLD), right);
            }
        }
        y = Math.max(y + 1, inner.bottom() - 4);
        int x = buf.put(inner.x(), y, "> ", Style.of(Theme.YELLOW, Theme.ZEBRA, Style.BOLD), right);
        String in = o.input();
        int room = Math.max(0, right - x - 1);
        while (CellBuffer.widthOf(Sanitizer.clean(in)) > room && !in.isEmpty()) {
            in = in.substring(in.offsetByCodePoints(0, 1)); // the end shows: that is where typing happens
        }
        int textX = x;
        // A rule from --alert may hold control characters: shown escaped, as everywhere.
        x = buf.put(x, y, Sanitizer.clean(in), Style.of(Theme.BRIGHT, Theme.ZEBRA, Style.BOLD), right);
        buf.set(x, y, '█', Style.of(Theme.ACCENT, Theme.ZEBRA, 0));
        FilterSyntaxException error = o.error();
        if (error != null) {
            int at = error.position() - (o.input().length() - in.length());
            if (at >= 0 && at < in.length()) {
                int ex = textX + CellBuffer.widthOf(Sanitizer.clean(in.substring(0, at)));
                buf.put(ex, y, Sanitizer.clean(in.substring(at, in.offsetByCodePoints(at, 1))), Style.of(Theme.BG, Theme.DOWNLOAD,
                        Style.BOLD | Style.MONO_REVERSE), right);
            } else {
                buf.set(x, y, '█', Style.of(Theme.DOWNLOAD, Theme.ZEBRA, 0));
            }
            buf.put(inner.x(), y + 1, CellBuffer.fit("✗ " + Sanitizer.clean(error.getMessage()), inner.width()),
                    Style.of(Theme.DOWNLOAD, Theme.ZEBRA, Style.BOLD), right);
        }
        buf.put(inner.x(), inner.bottom() - 2, CellBuffer.fit("e.g. up>10M for 5s · name:curl AND conns>50 · down>1M for 1m",
                inner.width()), muted, right);
        Paint.hints(buf, inner.x(), inner.bottom() - 1, right, text, "Enter", "add/replace", "↑↓", "choose",
                "Del", "remove", "Esc", "close");
    }
}
