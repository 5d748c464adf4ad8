package org.sstop.tui.view;

import java.util.ArrayList;
import java.util.List;
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
        // The result's text wraps to at most three lines of the box's 52 columns inside.
        List<String> message = k.stage() == Overlay.KillStage.RESULT ? wrap(k.message(), Math.min(52, buf.width() - 4), 3)
                : List.of();
        int rows = k.stage() == Overlay.KillStage.CHOOSE ? Sig.values().length + 5 : 6 + Math.max(1, message.size());
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
                long style = Style.of(k.ok() ? Theme.UPLOAD : Theme.DOWNLOAD, Theme.ZEBRA, Style.BOLD);
                for (int i = 0; i < message.size(); i++) {
                    buf.put(inner.x(), y + 1 + i, CellBuffer.fit(message.get(i), inner.width()), style, right);
                }
                buf.put(inner.x(), y + 2 + Math.max(1, message.size()), "any key closes", muted, right);
            }
        }
    }

    /**
     * {@code text} in at most {@code max} lines of {@code width} columns, broken at a space where
     * one is in the second half of the line; what does not fit ends in ….
     */
    static List<String> wrap(String text, int width, int max) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty() && out.size() < max - 1 && CellBuffer.widthOf(rest) > width && width > 1) {
            String cut = CellBuffer.fit(rest, width + 1);
            String head = cut.substring(0, cut.length() - 1); // at most width columns, without the …
            int space = head.lastIndexOf(' ');
            if (space > head.length() / 2) {
                head = head.substring(0, space);
            }
            out.add(head);
            rest = rest.substring(head.length()).strip();
        }
        if (!rest.isEmpty()) {
            out.add(CellBuffer.fit(rest, width));
        }
        return out;
    }
}
