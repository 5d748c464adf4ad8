package org.sstop.tui.state;

import java.time.Duration;
import java.util.List;
import org.sstop.tui.alert.Breach;
import org.sstop.tui.kill.Sig;

/** Side effects the update function asks the runtime to carry out. */
public sealed interface Command {

    /**
     * Leave the UI.
     *
     * @param status the exit status: 0 for quit, 130 for Ctrl+C (as a shell reports an interrupted command)
     */
    record Quit(int status) implements Command {

        /** A plain quit. */
        public static final Quit NORMAL = new Quit(0);
        /** Ctrl+C. */
        public static final Quit INTERRUPTED = new Quit(130);
    }

    /** Paint the whole screen again, not only what changed. */
    record Redraw() implements Command {
    }

    /**
     * Stop sstop as a shell's Ctrl+Z does, the terminal restored as before sstop; when continued
     * ({@code fg}), take it back and paint the whole screen.
     */
    record Suspend() implements Command {
    }

    /**
     * Ask the replay's player to pause, step, seek or change speed.
     *
     * @param control what to do
     */
    record ReplayControl(Replay.Control control) implements Command {
    }

    /**
     * Breaches of the alert rules started: ring the terminal's bell once, and run the alert
     * command (if any) for each.
     *
     * @param started the breaches
     */
    record Alert(List<Breach> started) implements Command {
        /** Copies the list. */
        public Alert {
            started = List.copyOf(started);
        }
    }

    /** Change the monitor's sampling interval. */
    record SetInterval(Duration interval) implements Command {
    }

    /**
     * Send a signal to a process, if it is still the process shown.
     *
     * @param pid the pid
     * @param startTime the start-time token the snapshot had for it
     * @param name its (sanitized) name, for the result message
     * @param signal the signal
     */
    record SendSignal(int pid, long startTime, String name, Sig signal) implements Command {
    }
}
