package org.sstop.tui;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sstop.api.IpAddress;
import org.sstop.core.Snapshot;
import org.sstop.tui.alert.AlertExec;
import org.sstop.tui.dns.DnsCache;
import org.sstop.tui.dns.DnsRequests;
import org.sstop.tui.kill.Killer;
import org.sstop.tui.render.CellBuffer;
import org.sstop.tui.state.Command;
import org.sstop.tui.state.Event;
import org.sstop.tui.state.KeyMap;
import org.sstop.tui.state.Replay;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.Update;
import org.sstop.tui.term.DiffWriter;
import org.sstop.tui.term.KeyDecoder;
import org.sstop.tui.term.TerminalSession;
import org.sstop.tui.text.Sanitizer;
import org.sstop.tui.view.Names;
import org.sstop.tui.view.Screen;

/**
 * The runtime: reads keys, polls the feed (the monitor, or a replay) for new snapshots, feeds events through
 * {@link Update}, carries out its commands, and writes the diff of each new frame. One thread;
 * it sleeps in the key read, so an idle screen costs a few wake-ups a second.
 */
final class UiLoop {

    private final TerminalSession session;
    private final SnapshotFeed monitor;
    private final DnsCache dns;
    private final Killer killer;
    private final Update update;
    private final DiffWriter writer;
    private final KeyDecoder keys;
    private final AtomicBoolean resized = new AtomicBoolean();
    /** A SIGTSTP came from outside: suspend as Ctrl+Z does. */
    private final AtomicBoolean stopSignalled = new AtomicBoolean();

    private UiState state;
    private CellBuffer shown;
    private UiState drawnState;
    /** The snapshot last taken in (by identity: a replay may show the same sequence number again, or go back). */
    private Snapshot seen;
    private long seenDnsVersion = -1;
    private long lastSecond;
    private long lastTickNanos;

    /** Runs the alert command for each breach, or null when there is none. */
    private final AlertExec alertExec;

    UiLoop(TerminalSession session, SnapshotFeed monitor, DnsCache dns, Killer killer, UiState initial, AlertExec alertExec) {
        this.alertExec = alertExec;
        this.session = session;
        this.monitor = monitor;
        this.dns = dns;
        if (dns == null && initial.dnsAllowed()) {
            throw new IllegalArgumentException("DNS allowed but no cache");
        }
        this.killer = killer;
        // A replay's processes are those of the recording: a pid there may be another process now.
        this.update = new Update(ProcessHandle.current().pid(), monitor.replay() != null
                ? (pid, name, user) -> "a replay: pid " + pid + " is from the recording, not a process to signal"
                : killer::refusal);
        this.state = initial;
        this.writer = new DiffWriter(session.colorMode());
        this.keys = new KeyDecoder(session.input(), System::nanoTime);
        session.onResize(() -> resized.set(true));
        session.onStopSignal(() -> stopSignalled.set(true));
    }

    /** What {@link #apply} returns while the UI goes on. */
    private static final int GO_ON = -1;

    /** Runs until the user quits; returns the exit code (0 for quit, 130 for Ctrl+C). */
    int run() throws IOException {
        while (true) {
            // Snapshot first, so the very first frame already shows the monitor's baseline sample.
            Snapshot snap = monitor.latest().orElse(null);
            Replay replay = monitor.replay();
            if (replay != null && !replay.equals(state.replay())) {
                apply(new Event.ReplayMoved(replay));
            }
            // Paused, a snapshot still arrives: the alert rules step on it (the display stays frozen).
            boolean arrived = snap != null && snap != seen;
            if (arrived) {
                seen = snap;
                apply(new Event.SnapshotArrived(snap));
                for (IpAddress a : DnsRequests.wanted(state)) {
                    dns.request(a);
                }
            }
            // The clock moves with each snapshot (one redraw for both); on its own only when no
            // redraw happened for a second (long intervals, pause), so idle costs one frame a second.
            long second = System.currentTimeMillis() / 1000;
            long now = System.nanoTime();
            if (arrived || (second != lastSecond && now - lastTickNanos >= 1_000_000_000L)) {
                lastSecond = second;
                lastTickNanos = now;
                apply(new Event.Tick(Instant.now()));
            }
            draw();
            Event e = keys.next(pollMillis());
            int status = e == null ? GO_ON : apply(e);
            if (status == GO_ON && stopSignalled.getAndSet(false)) {
                status = apply(KeyMap.SUSPEND);
            }
            if (status == GO_ON && resized.getAndSet(false)) {
                status = apply(new Event.Resize(session.width(), session.height()));
            }
            if (status != GO_ON) {
                return status;
            }
        }
    }

    /** Short polls until the first snapshot, then a quarter of the interval (50-250 ms). */
    private long pollMillis() {
        if (state.snapshot() == null) {
            return 20;
        }
        return Math.max(50, Math.min(250, state.refresh().toMillis() / 4));
    }

    /** Applies an event and its commands; the exit status when the UI must quit, else {@link #GO_ON}. */
    private int apply(Event e) {
        boolean wasPaused = state.paused();
        Update.Step step = update.apply(state, e);
        state = step.state();
        if (wasPaused && !state.paused()) {
            seen = null; // show the newest snapshot at once on resume
        }
        for (Command c : step.commands()) {
            if (c instanceof Command.Quit q) {
                return q.status();
            }
            if (c instanceof Command.Redraw) {
                shown = null; // the next frame is written whole
                drawnState = null;
            } else if (c instanceof Command.Suspend) {
                session.suspend(); // returns after fg
                shown = null;
                drawnState = null;
                resized.set(true); // the window may have changed size meanwhile
            } else if (c instanceof Command.ReplayControl rc) {
                monitor.control(rc.control());
            } else if (c instanceof Command.Alert a) {
                session.write("\007"); // once per sample in which breaches start
                if (alertExec != null) {
                    alertExec.runAll(a.started()); // hands them to its own threads
                }
            } else if (c instanceof Command.SetInterval si) {
                monitor.setInterval(si.interval());
            } else if (c instanceof Command.SendSignal ss) {
                draw(); // show "sending…" while kill runs
                Killer.Result r = killer.kill(ss.pid(), ss.startTime(), ss.name(), ss.signal());
                state = update.apply(state, new Event.KillResult(r.ok(), Sanitizer.clean(r.message()))).state();
            }
        }
        return GO_ON;
    }

    private void draw() {
        long v = dns == null ? 0 : dns.version();
        if (state == drawnState && v == seenDnsVersion) {
            return; // nothing changed: no render at all (idle CPU)
        }
        Names names = dns == null ? Names.NONE : dns;
        CellBuffer next = Screen.render(state, names);
        drawnState = state;
        seenDnsVersion = v;
        if (!next.sameAs(shown)) {
            session.write(writer.diff(shown, next));
            shown = next;
        }
    }
}
