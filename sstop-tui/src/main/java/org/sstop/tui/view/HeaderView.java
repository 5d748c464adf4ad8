package org.sstop.tui.view;

import java.time.ZoneId;
import java.util.List;
import org.sstop.core.BackendReport;
import org.sstop.core.InterfaceStats;
import org.sstop.core.RateHistory;
import org.sstop.core.Snapshot;
import org.sstop.core.Trend;
import org.sstop.core.Visibility;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.render.Format;
import org.sstop.tui.render.Rect;
import org.sstop.tui.render.Sparkline;
import org.sstop.tui.render.Style;
import org.sstop.tui.render.Theme;
import org.sstop.tui.state.Geometry;
import org.sstop.tui.state.Replay;
import org.sstop.tui.state.UiState;
import org.sstop.tui.text.Sanitizer;

/**
 * The header: name, clock, system rates with the trend arrow, the system sparkline, coverage,
 * refresh interval and PAUSED (a replay: its speed, position and length instead of the interval,
 * the clock the time of the sample); the interfaces with the selected one; the active backends; and a warning
 * line when visibility is limited.
 */
final class HeaderView {

    /** The widest system graph: the minute of history. */
    private static final int MAX_GRAPH = 60;
    /** The narrowest graph drawn at all. */
    private static final int MIN_GRAPH = 5;
    /** The narrowest graph drawn with its peak beside it. */
    private static final int MIN_LABELLED_GRAPH = 12;
    /** The highest coverage ratio shown as a figure. */
    private static final double MAX_COVERAGE = 9.99;

    private HeaderView() {
    }

    static void draw(CellBuffer buf, UiState s) {
        int w = buf.width();
        buf.fill(new Rect(0, 0, w, Geometry.headerHeight(s)), Theme.TEXT);
        Snapshot snap = s.snapshot();
        int x = buf.put(0, 0, " sstop ", Style.of(Theme.BG, Theme.ACCENT, Style.BOLD | Style.MONO_REVERSE));
        x = buf.put(x + 1, 0, Format.clock(s.now(), ZoneId.systemDefault()), Theme.TEXT);
        // Right side first, so the sparkline takes what is left in the middle.
        String right = coverage(snap) + (s.replay() != null ? replay(s.replay()) : "every " + Format.interval(s.refresh()))
                + (s.totals() ? " · " + s.display().totalsUnit().label() : "")
                + (s.dnsAllowed() ? (s.dns() ? " · dns" : " · dns off") : " · no dns");
        int rightX = Math.max(x + 1, w - CellBuffer.widthOf(right) - 1);
        if (s.paused() || s.replay() != null && s.replay().paused()) {
            rightX = Math.max(x, rightX - 9);
            buf.put(rightX, 0, " PAUSED ", Style.of(Theme.BG, Theme.YELLOW, Style.BOLD | Style.MONO_REVERSE), w);
            buf.put(rightX + 9, 0, right, Theme.MUTED, w);
        } else {
            buf.put(rightX, 0, right, Theme.MUTED, w);
        }
        if (snap == null) {
            buf.put(x + 2, 0, "waiting for the first sample…", Theme.MUTED, rightX - 1);
            return;
        }
        // The system's payload, or the chosen interfaces' counters (headers included), named so.
        InterfaceStats one = s.iface() >= 0 && s.iface() < snap.interfaces().size() ? snap.interfaces().get(s.iface()) : null;
        double up = snap.totals().upRate();
        double down = snap.totals().downRate();
        RateHistory history = snap.history();
        if (one != null || s.interfaces().scoped()) {
            String label = one != null ? Sanitizer.clean(one.name()) : String.join("+", s.interfaces().scope());
            x = buf.put(x + 2, 0, CellBuffer.fit(Sanitizer.clean(label), 16), Style.of(Theme.ACCENT, Theme.BG, Style.BOLD),
                    rightX - 1) - 1;
            up = one != null ? one.traffic().upRate() : snap.interfaces().stream().mapToDouble(i -> i.traffic().upRate()).sum();
            down = one != null ? one.traffic().downRate()
                    : snap.interfaces().stream().mapToDouble(i -> i.traffic().downRate()).sum();
            history = one != null ? s.interfaces().of(one.name()) : s.interfaces().sum();
        }
        x = buf.put(x + 2, 0, "↑ " + s.display().rate(up), Style.of(Theme.UPLOAD, Theme.BG, Style.BOLD), rightX - 1);
        x = buf.put(x + 2, 0, "↓ " + s.display().rate(down), Style.of(Theme.DOWNLOAD, Theme.BG, Style.BOLD), rightX - 1);
        x = buf.put(x + 1, 0, arrow(snap.trend()), Style.of(trendColor(snap.trend()), Theme.BG, Style.BOLD), rightX - 1);
        graph(buf, s, history, x + 2, rightX - 2);
        interfaces(buf, s, snap.interfaces());
        backends(buf, s, snap.backends());
        if (Geometry.replayCut(s)) {
            buf.put(1, 3, CellBuffer.fit("⚠ the recording ends here: reading stopped at " + Sanitizer.clean(s.replay().stopped()),
                    buf.width() - 2), Theme.WARN);
        } else if (snap.visibility().limited()) {
            warning(buf, snap.visibility());
        }
    }

    /**
     * The system graph from {@code x} up to {@code end}: underlined, so that its zero line shows
     * (a quiet second is the bare line, a busy one rises from it), and followed by its peak, what
     * a full block stands for, where both fit ({@code peak 1.2 MiB/s}); a narrow header keeps
     * the graph alone.
     */
    static void graph(CellBuffer buf, UiState s, RateHistory history, int x, int end) {
        int room = end - x;
        if (room < MIN_GRAPH) { // at 80 columns 7 are left once the rates say KiB
            return;
        }
        int width = Math.min(MAX_GRAPH, room);
        boolean labelled = false;
        for (int tries = 0; tries < 2; tries++) {
            // The peak of a shorter window may be written shorter: measured again once.
            String label = "peak " + s.display().rate(Sparkline.peak(history, width));
            int w = Math.min(MAX_GRAPH, room - CellBuffer.widthOf(label) - 1);
            labelled = w >= MIN_LABELLED_GRAPH;
            if (!labelled) {
                width = Math.min(MAX_GRAPH, room);
                break;
            }
            width = w;
        }
        long peak = Sparkline.peak(history, width);
        Sparkline.draw(buf, x, 0, width, history, Style.of(Theme.CYAN, Theme.BG, Style.UNDERLINE), peak);
        if (labelled) {
            buf.put(x + width + 1, 0, "peak " + s.display().rate(peak), Theme.MUTED, end);
        }
    }

    /**
     * "cov 98% · ": coverage, the payload counted since the start against the interfaces' payload
     * (see the README); nothing before the interfaces counted any.
     */
    static String coverage(Snapshot snap) {
        double ratio = snap == null ? Double.NaN : snap.coverage().total().ratio();
        if (!Double.isFinite(ratio)) {
            return "";
        }
        // Past 10, the interfaces saw next to nothing of what was counted (loopback, namespaces): no figure means more.
        return ratio > MAX_COVERAGE ? "cov >" + Math.round(MAX_COVERAGE * 100) + "% · " : "cov " + Math.round(ratio * 100) + "% · ";
    }

    /** "replay 2× 1:23/5:00": speed, position and length (a cut recording says where on the warning line). */
    static String replay(Replay r) {
        String speed = r.speed() == Math.rint(r.speed()) ? String.valueOf((long) r.speed()) : String.valueOf(r.speed());
        return "replay " + speed + "× " + minutes(r.position()) + "/" + minutes(r.length());
    }

    /** m:ss, or h:mm:ss from an hour. */
    private static String minutes(java.time.Duration d) {
        long t = Math.max(0, d.toSeconds());
        return t >= 3600 ? String.format("%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String.format("%d:%02d", t / 60, t % 60);
    }

    /** ↑ rising, ↓ falling, → stable. */
    static String arrow(Trend t) {
        return switch (t) {
            case RISING -> "↑";
            case FALLING -> "↓";
            default -> "→";
        };
    }

    private static int trendColor(Trend t) {
        return switch (t) {
            case RISING -> Theme.YELLOW;
            case FALLING -> Theme.CYAN;
            default -> Theme.DIM;
        };
    }

    private static void interfaces(CellBuffer buf, UiState s, List<InterfaceStats> ifs) {
        int w = buf.width();
        int x = buf.put(1, 1, "if ", Theme.MUTED);
        x = buf.put(x, 1, " all ", s.iface() < 0 ? Theme.SELECTED : Theme.TEXT, w);
        if (s.iface() >= 0 && s.iface() < ifs.size()) {
            // One interface selected: it comes first with its totals, the others follow.
            InterfaceStats i = ifs.get(s.iface());
            String text = " " + Sanitizer.clean(i.name()) + " ↑" + s.display().rate(i.traffic().upRate()) + " ↓"
                    + s.display().rate(i.traffic().downRate()) + " (total ↑" + s.display().total(i.traffic().upBytes())
                    + " ↓" + s.display().total(i.traffic().downBytes()) + ") ";
            x = buf.put(x + 1, 1, CellBuffer.fit(text, w - x - 1), Theme.SELECTED, w);
        }
        if (s.iface() >= 0) {
            x = rowsNote(buf, x, w);
        }
        for (int n = 0; n < ifs.size() && x < w - 4; n++) {
            if (n == s.iface()) {
                continue;
            }
            InterfaceStats i = ifs.get(n);
            String name = CellBuffer.fit(Sanitizer.clean(i.name()), 16);
            int start = x + 1;
            int nx = buf.put(start, 1, name, i.up() ? Theme.TEXT : Theme.MUTED, w);
            nx = buf.put(nx + 1, 1, "↑" + s.display().rate(i.traffic().upRate()), Style.of(Theme.UPLOAD, Theme.BG, 0), w);
            x = buf.put(nx + 1, 1, "↓" + s.display().rate(i.traffic().downRate()), Style.of(Theme.DOWNLOAD, Theme.BG, 0), w);
            if (x >= w) {
                // Not all of it fitted: blank the partial entry and mark the rest as hidden.
                buf.fill(new Rect(start, 1, w - start, 1), Theme.TEXT);
                buf.put(start, 1, "…", Theme.MUTED, w);
                return;
            }
        }
        if (s.iface() < 0 && s.interfaces().scoped()) {
            rowsNote(buf, x, w);
        }
    }

    /**
     * The process rows of chosen interfaces count the open sockets whose local address is on them
     * (bytes of sockets already closed, and per-interface graphs, are not known): the header says so.
     */
    private static int rowsNote(CellBuffer buf, int x, int w) {
        return buf.put(x + 2, 1, CellBuffer.fit("(process rows: open sockets by local address)", Math.max(0, w - x - 3)),
                Theme.MUTED, w);
    }

    /**
     * The search filter at the right, then the backend of each service: the selected ones first,
     * in order up to the first that does not fit whole before the filter, then the services without
     * one ("—") that fit, so a narrow terminal keeps what the user typed and what runs.
     */
    private static void backends(CellBuffer buf, UiState s, BackendReport report) {
        int w = buf.width();
        int end = w;
        if (!s.filter().isEmpty()) {
            boolean wrong = s.rows().filterError() != null;
            String f = (wrong ? "filter (wrong, /: where): " : "filter: ") + CellBuffer.fit(s.filter(), 30);
            buf.putRight(w - 1, 2, f, Style.of(wrong ? Theme.DOWNLOAD : Theme.YELLOW, Theme.BG, 0), 1);
            end = Math.max(1, w - 1 - CellBuffer.widthOf(f) - 2);
        }
        int x = 1;
        for (boolean selected : new boolean[] {true, false}) {
            for (BackendReport.ServiceReport svc : report.services()) {
                if ((svc.selected() != null) != selected) {
                    continue;
                }
                String name = Sanitizer.clean(svc.name()) + " ";
                String sel = selected ? Sanitizer.clean(svc.selected()) : "—";
                if (x + name.length() + sel.length() > end) {
                    if (selected) {
                        return; // what runs stays in order: nothing after one that does not fit
                    }
                    continue;
                }
                x = buf.put(x, 2, name, Theme.MUTED, end);
                x = buf.put(x, 2, sel, Style.of(selected ? Theme.CYAN : Theme.DIM, Theme.BG, 0), end);
                x += 2;
            }
        }
    }

    private static void warning(CellBuffer buf, Visibility v) {
        StringBuilder sb = new StringBuilder("⚠ limited visibility (v: details): ");
        List<String> lim = v.limitations();
        if (!lim.isEmpty()) {
            sb.append(Sanitizer.clean(lim.get(0)));
            if (lim.size() > 1) {
                sb.append(" (+").append(lim.size() - 1).append(" more)");
            }
        }
        if (v.captureDrops() > 0) {
            sb.append(lim.isEmpty() ? "" : "; ").append(v.captureDrops()).append(" packets dropped by capture");
        }
        if (v.closedEventsLost() > 0) {
            sb.append("; ").append(v.closedEventsLost()).append(" close events lost");
        }
        buf.put(1, 3, CellBuffer.fit(sb.toString(), buf.width() - 2), Theme.WARN);
    }
}
