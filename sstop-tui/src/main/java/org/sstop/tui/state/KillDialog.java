package org.sstop.tui.state;

import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.kill.Sig;
import org.sstop.tui.state.Event.Key;
import org.sstop.tui.state.Event.KeyKind;
import org.sstop.tui.state.Overlay.KillStage;
import org.sstop.tui.state.Update.Step;
import org.sstop.tui.text.Sanitizer;

/**
 * The kill dialog's steps: opening it on the selected process (or refusing to), choosing a
 * signal, confirming, and the keys of each stage. Pure functions; only {@link Update} calls them.
 */
final class KillDialog {

    private KillDialog() {
    }

    /**
     * Opens the dialog for {@code pid}, or its refusal: pid 0, init, sstop itself, gone or exited
     * processes, and whatever {@code check} refuses (a process this user may not signal).
     */
    static UiState open(UiState s, int pid, long selfPid, Update.KillCheck check) {
        if (pid < 0) {
            return s;
        }
        ProcessStats p = s.rows().process(pid);
        String name = p == null ? "" : Sanitizer.clean(p.name());
        String refusal = null;
        if (pid == 0) {
            refusal = "Refused: pid 0 is not a process";
        } else if (pid == 1) {
            refusal = "Refused: pid 1 is init; signalling it can bring the system down";
        } else if (pid == selfPid) {
            refusal = "Refused: that is sstop itself";
        } else if (p == null) {
            refusal = "Refused: pid " + pid + " is not in the snapshot";
        } else if (p.state() == ProcessState.EXITED) {
            refusal = "Refused: pid " + pid + " has exited";
        } else {
            refusal = check.refusal(pid, name, Sanitizer.clean(p.user()));
        }
        long start = p == null ? 0 : p.startTime();
        Overlay.Kill k = refusal == null
                ? new Overlay.Kill(pid, start, name, 0, KillStage.CHOOSE, "", false)
                : new Overlay.Kill(pid, start, name, 0, KillStage.RESULT, refusal, false);
        return s.with(b -> b.overlay = k);
    }

    /** A key while the dialog is open. */
    static Step key(UiState s, Overlay.Kill k, Key key) {
        boolean esc = key.kind() == KeyKind.ESC || (key.kind() == KeyKind.CHAR && key.ch() == 'q');
        switch (k.stage()) {
            case CHOOSE -> {
                if (esc) {
                    return Step.of(s.with(b -> b.overlay = null));
                }
                int n = Sig.values().length;
                int sig = k.signal();
                if (key.kind() == KeyKind.UP || (key.kind() == KeyKind.CHAR && key.ch() == 'k')) {
                    sig = Math.floorMod(sig - 1, n);
                } else if (key.kind() == KeyKind.DOWN || (key.kind() == KeyKind.CHAR && key.ch() == 'j')) {
                    sig = Math.floorMod(sig + 1, n);
                } else if (key.kind() == KeyKind.CHAR && key.ch() >= '1' && key.ch() < '1' + n) {
                    sig = key.ch() - '1';
                } else if (key.kind() == KeyKind.ENTER) {
                    return Step.of(with(s, k, sig, KillStage.CONFIRM));
                }
                return Step.of(with(s, k, sig, KillStage.CHOOSE));
            }
            case CONFIRM -> {
                if (key.kind() == KeyKind.ENTER || (key.kind() == KeyKind.CHAR && (key.ch() == 'y' || key.ch() == 'Y'))) {
                    return Step.of(with(s, k, k.signal(), KillStage.SENDING),
                            new Command.SendSignal(k.pid(), k.startTime(), k.name(), k.sig()));
                }
                if (esc || (key.kind() == KeyKind.CHAR && (key.ch() == 'n' || key.ch() == 'N'))) {
                    return Step.of(with(s, k, k.signal(), KillStage.CHOOSE));
                }
                return Step.of(s);
            }
            case SENDING -> {
                return Step.of(s);
            }
            default -> {
                return Step.of(s.with(b -> b.overlay = null));
            }
        }
    }

    /** The outcome of the signal, shown while the dialog is still open. */
    static UiState result(UiState s, Event.KillResult r) {
        return s.overlay() instanceof Overlay.Kill k
                ? s.with(b -> b.overlay = new Overlay.Kill(k.pid(), k.startTime(), k.name(), k.signal(),
                        KillStage.RESULT, r.message(), r.ok()))
                : s;
    }

    private static UiState with(UiState s, Overlay.Kill k, int sig, KillStage stage) {
        return s.with(b -> b.overlay = new Overlay.Kill(k.pid(), k.startTime(), k.name(), sig, stage, "", false));
    }
}
