package org.sstop.tui.term;

import org.sstop.tui.state.Event;
import org.sstop.tui.state.Event.MouseKind;

/** Decodes SGR (mode 1006) mouse reports: {@code ESC [ < b ; x ; y M} (press) or {@code m} (release). */
public final class MouseDecoder {

    private MouseDecoder() {
    }

    /**
     * Decodes the part after {@code ESC [ <}.
     *
     * @param params {@code b;x;y}
     * @param fin {@code M} or {@code m}
     * @param nanos monotonic time of the report
     * @return the event, or null when malformed
     */
    public static Event.Mouse decode(String params, char fin, long nanos) {
        String[] p = params.split(";", -1);
        if (p.length != 3 || (fin != 'M' && fin != 'm')) {
            return null;
        }
        int b;
        int x;
        int y;
        try {
            b = Integer.parseInt(p[0]);
            x = Integer.parseInt(p[1]) - 1;
            y = Integer.parseInt(p[2]) - 1;
        } catch (NumberFormatException e) {
            return null;
        }
        if (b < 0 || x < 0 || y < 0) {
            return null;
        }
        int button = b & 3;
        MouseKind kind;
        if ((b & 64) != 0) {
            if (button > 1) {
                return null; // horizontal wheel: not used
            }
            kind = button == 0 ? MouseKind.WHEEL_UP : MouseKind.WHEEL_DOWN;
            button = 0;
        } else if ((b & 32) != 0) {
            kind = MouseKind.DRAG;
        } else {
            kind = fin == 'M' ? MouseKind.PRESS : MouseKind.RELEASE;
        }
        return new Event.Mouse(kind, button, x, y, nanos);
    }
}
