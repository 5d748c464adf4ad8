package org.sstop.tui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sstop.core.Coverage;
import org.sstop.core.Snapshot;
import org.sstop.core.Traffic;
import org.sstop.core.UnattributedReason;
import org.sstop.core.Visibility;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Format;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Overlay;
import org.sstop.tui.text.Sanitizer;

/**
 * What limits the numbers on screen (key {@code v}): every limitation in full, the traffic no
 * process could be charged for by reason, the coverage against the interface counters, and what
 * was lost (capture drops, close notifications, sockets nothing counts).
 */
final class VisibilityOverlay {

    private static final int WIDTH = 96;

    private VisibilityOverlay() {
    }

    static void draw(CellBuffer buf, Overlay.Visibility overlay, Snapshot snapshot) {
        List<String[]> lines = lines(snapshot, Math.min(WIDTH, buf.width()) - 4);
        Rect inner = Paint.box(buf, Paint.centred(buf, WIDTH, lines.size() + 2), "visibility — Esc or v closes");
        int top = Math.max(0, Math.min(overlay.top(), lines.size() - inner.height()));
        long heading = Style.of(Theme.ACCENT, Theme.ZEBRA, Style.BOLD | Style.UNDERLINE);
        long text = Style.of(Theme.FG, Theme.ZEBRA, 0);
        int y = inner.y();
        for (String[] line : lines.subList(Math.min(top, lines.size()), lines.size())) {
            if (y >= inner.bottom()) {
                break;
            }
            boolean isHeading = line[0].equals("#");
            buf.put(inner.x() + (isHeading ? 0 : 1), y, CellBuffer.fit(line[1], inner.width() - 1), isHeading ? heading : text,
                    inner.right());
            y++;
        }
        if (top + inner.height() < lines.size() && inner.height() > 0) {
            buf.put(inner.right() - 8, inner.bottom(), " ↓ j/k ", Style.of(Theme.YELLOW, Theme.ZEBRA, Style.BOLD), inner.right() + 1);
        }
    }

    /** The overlay's lines, {kind, text}: "#" for a heading, "" for text; long text wrapped to {@code width}. */
    static List<String[]> lines(Snapshot s, int width) {
        List<String[]> out = new ArrayList<>();
        int w = Math.max(10, width);
        if (s == null) {
            out.add(new String[] {"", "waiting for the first sample…"});
            return out;
        }
        Visibility v = s.visibility();
        out.add(new String[] {"#", "What sstop cannot see"});
        if (v.limitations().isEmpty()) {
            out.add(new String[] {"", "nothing: every backend sees everything it can"});
        }
        for (String l : v.limitations()) {
            wrap(out, "• " + Sanitizer.clean(l), w);
        }
        out.add(new String[] {"#", "Unattributed since start, by reason"});
        Map<UnattributedReason, Traffic> reasons = s.external().unattributedByReason();
        if (reasons.isEmpty()) {
            out.add(new String[] {"", "none: every byte is on a process"});
        }
        for (UnattributedReason r : UnattributedReason.values()) {
            Traffic t = reasons.get(r);
            if (t != null) {
                wrap(out, String.format(Locale.ROOT, "%-16s ↑ %-10s ↓ %s", r.label(), Format.bytes(t.upBytes()),
                        Format.bytes(t.downBytes())), w);
            }
        }
        out.add(new String[] {"#", "Coverage: counted payload against the interface counters"});
        wrap(out, "last sample  " + closure(s.coverage().sample()), w);
        wrap(out, "since start  " + closure(s.coverage().total()), w);
        out.add(new String[] {"#", "Lost"});
        wrap(out, v.captureDrops() + " packets dropped by the capture, " + v.closedEventsLost()
                + " close notifications lost, " + v.uncountedSockets() + " sockets nothing counts", w);
        return out;
    }

    private static String closure(Coverage.Closure c) {
        if (c.interfaceBytes() == 0) {
            return "— (the interfaces counted nothing)";
        }
        String ratio = Double.isFinite(c.ratio()) ? String.format(Locale.ROOT, "%.0f%%", c.ratio() * 100)
                : "— (the interfaces counted no more than headers)";
        return String.format(Locale.ROOT, "%s: payload %s, interfaces %s, headers ~%s, forwarded %s", ratio,
                Format.bytes(c.payloadBytes()), Format.bytes(c.interfaceBytes()), Format.bytes(c.estimatedHeaderBytes()),
                Format.bytes(c.forwardedBytes()));
    }

    /** Adds {@code text} as lines of at most {@code width} characters, broken at spaces where it can. */
    private static void wrap(List<String[]> out, String text, int width) {
        String rest = text;
        for (int n = 0; n < 20 && !rest.isEmpty(); n++) {
            if (rest.length() <= width) {
                out.add(new String[] {"", rest});
                return;
            }
            int cut = rest.lastIndexOf(' ', width);
            cut = cut <= width / 2 ? width : cut;
            out.add(new String[] {"", rest.substring(0, cut)});
            rest = "  " + rest.substring(cut).strip();
        }
    }
}
