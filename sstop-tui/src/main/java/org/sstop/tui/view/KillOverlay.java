package org.sstop.tui.view;

import org.sstop.tui.kill.Sig;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Overlay;

/** The kill dialog: signal list, confirmation, result. */
final class KillOverlay {

    private KillOverlay() {
    }

    static void draw(CellBuffer buf, Overlay.Kill k) {
        int rows = k.stage() == Overlay.KillStage.CHOOSE ? Sig.values().length + 5 : 7;
        String who = CellBuffer.fit(k.name(), 30) + " (pid " + k.pid() + ")";
        Rect inner = Paint.box(buf, Paint.centred(buf, 56, rows), "kill " + who);
        long text = Style.of(Theme.FG, Theme.ZEBRA, 0);
        long muted = Style.of(Theme.DIM, Theme.ZEBRA, 0);
        int y = inner.y();
        int right = inner.right();
        switch (k.stage()) {
            case CHOOSE -> {
                buf.put(inner.x(), y++, "Choose a signal (↑↓ or 1-8, Enter):", text, right);
                Sig[] sigs = Sig.values();
                for (int i = 0; i < sigs.length && y < inner.bottom(); i++, y++) {
                    boolean sel = i == k.signal();
                    long st = sel ? Theme.SELECTED : text;
                    buf.fill(new Rect(inner.x(), y, inner.width(), 1), st);
                    buf.put(inner.x() + 1, y, (i + 1) + "  " + sigs[i].name() + " (" + sigs[i].linuxNumber() + ")", st, right);
                }
                buf.put(inner.x(), Math.min(y + 1, inner.bottom() - 1), "Esc cancels", muted, right);
            }
            case CONFIRM -> {
                buf.put(inner.x(), y + 1, CellBuffer.fit("Send " + k.sig().name() + " to " + who + "?", inner.width()),
                        Style.of(Theme.YELLOW, Theme.ZEBRA, Style.BOLD), right);
                buf.put(inner.x(), y + 3, "y / Enter: send    n / Esc: back", text, right);
            }
            case SENDING -> buf.put(inner.x(), y + 1, "sending " + k.sig().name() + "…", text, right);
            case RESULT -> {
                buf.put(inner.x(), y + 1, CellBuffer.fit(k.message(), inner.width()),
                        Style.of(k.ok() ? Theme.UPLOAD : Theme.DOWNLOAD, Theme.ZEBRA, Style.BOLD), right);
                buf.put(inner.x(), y + 3, "any key closes", muted, right);
            }
        }
    }
}
