package org.sstop.app.record;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sstop.core.Snapshot;
import org.sstop.tui.SnapshotFeed;
import org.sstop.tui.state.Replay;

/**
 * Plays a recording to the terminal UI: the sample on display follows a clock that runs at the
 * chosen speed from where playback last started (so a slow frame never makes it drift), and
 * pauses, steps, seeks and speed changes restart that clock. Reaching the last sample pauses.
 * Called from the UI's thread; synchronized all the same (the exit hook asks for the last sample).
 */
public final class ReplayPlayer implements SnapshotFeed {

    /** The speeds {@code >} and {@code <} step through. */
    static final double[] SPEEDS = {1, 2, 10};
    private static final Duration SEEK = Duration.ofSeconds(10);
    private static final Duration SEEK_LONG = Duration.ofMinutes(1);

    private final Recording recording;
    private final LongSupplier nanos;
    /** The last sample that can be shown: the recording's last, or the one before a line found bad when read. */
    private int end;
    private double speed;
    private boolean paused;
    /** The sample on display. */
    private int index;
    /** Playback last (re)started at this sample, at this clock reading. */
    private int anchorIndex;
    private long anchorNanos;
    private Snapshot current;
    private int currentIndex = -1;
    private String failure;

    /**
     * A player at a sample, not yet started.
     *
     * @param recording the recording (closed with the player)
     * @param start the first sample to show
     * @param speed recorded seconds per real second
     * @param nanos a monotonic clock (System::nanoTime)
     */
    public ReplayPlayer(Recording recording, int start, double speed, LongSupplier nanos) {
        this.recording = recording;
        this.nanos = nanos;
        this.speed = speed;
        this.end = recording.size() - 1;
        this.index = Math.max(0, Math.min(end, start));
        restart();
    }

    @Override
    public synchronized void start() {
        restart();
    }

    @Override
    public synchronized Optional<Snapshot> latest() {
        advance();
        while (currentIndex != index) {
            try {
                current = recording.read(index);
                currentIndex = index;
            } catch (Recording.BadLineException e) {
                failure = e.getMessage(); // the recording ends before this line
                paused = true;
                if (index == 0) {
                    break; // checked whole when the file was opened: it changed since
                }
                end = index - 1;
                index = end;
            } catch (IOException e) {
                failure = "reading line " + recording.line(index) + " failed: " + e.getMessage();
                paused = true;
                break;
            }
        }
        return Optional.ofNullable(current);
    }

    @Override
    public void setInterval(Duration interval) {
        // A recording's samples are as they were taken.
    }

    @Override
    public synchronized Replay replay() {
        advance();
        return new Replay(speed, paused, index, end + 1, recording.at(index), recording.at(end), recording.time(index),
                failure != null ? failure : recording.stopped());
    }

    @Override
    public synchronized void control(Replay.Control control) {
        advance();
        switch (control) {
            case PAUSE -> {
                paused = !paused;
                if (!paused && index == end) {
                    index = 0; // resumed at the end: from the start again
                }
            }
            case STEP_FORWARD -> step(1);
            case STEP_BACK -> step(-1);
            case SEEK_FORWARD -> seek(SEEK);
            case SEEK_BACK -> seek(SEEK.negated());
            case SEEK_FORWARD_LONG -> seek(SEEK_LONG);
            case SEEK_BACK_LONG -> seek(SEEK_LONG.negated());
            case FASTER -> speed = nextSpeed(speed, 1);
            case SLOWER -> speed = nextSpeed(speed, -1);
        }
        restart();
    }

    /** The speed after {@code speed} in {@link #SPEEDS} (a speed between them goes to its neighbour). */
    static double nextSpeed(double speed, int direction) {
        if (direction > 0) {
            for (double s : SPEEDS) {
                if (s > speed) {
                    return s;
                }
            }
            return SPEEDS[SPEEDS.length - 1];
        }
        for (int i = SPEEDS.length - 1; i >= 0; i--) {
            if (SPEEDS[i] < speed) {
                return SPEEDS[i];
            }
        }
        return SPEEDS[0];
    }

    private void step(int by) {
        paused = true;
        index = Math.max(0, Math.min(end, index + by));
    }

    private void seek(Duration by) {
        Duration at = recording.at(index).plus(by);
        index = Math.min(end, recording.indexAt(at.isNegative() ? Duration.ZERO : at));
    }

    private void restart() {
        anchorIndex = index;
        anchorNanos = nanos.getAsLong();
    }

    /** Moves to the last sample the playback clock has reached; pauses at the end. */
    private void advance() {
        if (paused) {
            return;
        }
        long elapsed = nanos.getAsLong() - anchorNanos;
        Duration target = recording.at(anchorIndex).plusNanos((long) (elapsed * speed));
        while (index < end && recording.at(index + 1).compareTo(target) <= 0) {
            index++;
        }
        if (index == end) {
            paused = true;
        }
    }

    @Override
    public synchronized void close() {
        try {
            recording.close();
        } catch (IOException ignored) {
            // nothing was written
        }
    }
}
