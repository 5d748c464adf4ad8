package org.sstop.app.record;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.sstop.app.CsvWriter;
import org.sstop.app.JsonLinesWriter;
import org.sstop.app.SnapshotWriter;
import org.sstop.core.BackendSelectionException;
import org.sstop.core.Snapshot;
import org.sstop.tui.TerminalUi;
import org.sstop.tui.state.Replay;
import org.sstop.tui.text.IoFailure;
import org.sstop.tui.text.Sanitizer;

/**
 * {@code sstop --replay FILE}: opens the recording and shows it in the terminal UI, or writes it
 * as JSON Lines or CSV. JSON is written in the recording's own shape (its namespace, histories
 * and sockets), so that a replay to {@code --json} gives back the recorded lines byte for byte.
 * Exit status: 0 done, 1 the file cannot be read or a bad line ended the replay early, 2 a
 * recording in a newer schema (or bad usage).
 */
public final class ReplayCommand {

    /**
     * What the command line asked for.
     *
     * @param file the recording
     * @param json write JSON Lines
     * @param csv write CSV
     * @param speed recorded seconds per real second; 0 (headless default) writes without waiting
     * @param seek where to start ({@link ReplayFlags#seek}), or null for the first sample
     * @param count samples to write at most (0: all)
     * @param refresh the UI's refresh label
     * @param dns whether the UI may look up host names
     */
    public record Options(Path file, boolean json, boolean csv, double speed, String seek, long count,
            Duration refresh, boolean dns) {
    }

    private ReplayCommand() {
    }

    /**
     * Runs the replay.
     *
     * @param o the options
     * @param stdout where JSON or CSV goes
     * @param stderr where problems are told
     * @return the exit status
     */
    public static int run(Options o, OutputStream stdout, PrintStream stderr) {
        String name = Sanitizer.clean(o.file().toString());
        Recording recording;
        try {
            recording = Recording.open(o.file());
        } catch (RecordingException e) {
            stderr.println("sstop: " + Sanitizer.clean(e.getMessage()));
            return e.newerSchema() ? 2 : 1;
        } catch (IOException e) {
            stderr.println("sstop: cannot read the recording " + name + ": " + IoFailure.describe(e));
            return 1;
        }
        Object at = o.seek() == null ? Duration.ZERO : ReplayFlags.seek(o.seek());
        int start = at instanceof Instant i ? recording.indexAt(i) : recording.indexAt((Duration) at);
        if (!o.json() && !o.csv()) {
            ReplayPlayer player = new ReplayPlayer(recording, start, o.speed() > 0 ? o.speed() : 1, System::nanoTime);
            int status;
            try {
                status = TerminalUi.run(() -> player, new TerminalUi.Options(o.refresh(), o.dns(), false, List.of()), last -> { });
            } catch (BackendSelectionException e) {
                throw new AssertionError("a replay selects no backend", e);
            }
            Replay end = player.replay();
            if (end.stopped() != null) { // a damaged recording: exit status 1, as with --json, unless the UI had another
                int early = stoppedEarly(end.count(), end.count() == 0 ? 0 : recording.line(end.count() - 1), end.stopped(),
                        name, stderr);
                return status == 0 ? early : status;
            }
            return status;
        }
        SnapshotWriter out;
        try {
            out = o.json() ? new JsonLinesWriter(stdout, recording.shape().ownNetns(), recording.shape().detail())
                    : new CsvWriter(stdout);
        } catch (IOException e) {
            stderr.println("sstop: " + Sanitizer.clean(String.valueOf(e.getMessage())));
            return 1;
        }
        try (recording) {
            return write(recording, start, out, o, name, stderr);
        } catch (IOException e) {
            stderr.println("sstop: " + name + ": " + Sanitizer.clean(String.valueOf(e.getMessage())));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                // the reader of stdout went away: nothing left to tell it
            }
        }
    }

    /** Writes the samples from {@code start} on, paced at the speed if one is given; the exit status. */
    private static int write(Recording recording, int start, SnapshotWriter out, Options o, String name, PrintStream stderr)
            throws IOException, InterruptedException {
        long written = 0;
        long startNanos = System.nanoTime();
        for (int i = start; i < recording.size() && (o.count() == 0 || written < o.count()); i++) {
            if (o.speed() > 0) {
                waitUntil(startNanos, recording.at(i).minus(recording.at(start)), o.speed());
            }
            Snapshot s;
            try {
                s = recording.read(i);
            } catch (Recording.BadLineException e) {
                return stoppedEarly(written, i == 0 ? 0 : recording.line(i - 1), e.getMessage(), name, stderr);
            }
            try {
                out.write(s);
            } catch (IOException e) {
                return 0; // the reader went away (a pipe into head)
            }
            written++;
        }
        return start + written >= recording.size() && recording.stopped() != null
                ? stoppedEarly(written, recording.line(recording.size() - 1), recording.stopped(), name, stderr) : 0;
    }

    /** Says where a bad line ended the recording: exit status 1. */
    private static int stoppedEarly(long samples, int lastLine, String where, String name, PrintStream stderr) {
        stderr.println("sstop: " + name + ": replayed " + samples + " samples (to line " + lastLine + "), then stopped at "
                + Sanitizer.clean(where));
        return 1;
    }

    /** Sleeps until {@code at} (recording time since the start) has come at {@code speed}. */
    private static void waitUntil(long startNanos, Duration at, double speed) throws InterruptedException {
        long due = startNanos + (long) (Math.max(0, at.toNanos()) / speed);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
