package org.sstop.tui.state;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a replay ({@code --replay}) stands, as the header shows it.
 *
 * @param speed how many recorded seconds pass per real second (1, 2 or 10)
 * @param paused whether playback is paused (by the user, a step, or the end of the recording)
 * @param index the sample on display, from 0
 * @param count the samples in the recording
 * @param position time of the sample on display since the first sample
 * @param length time from the first sample to the last
 * @param time wall-clock time the sample on display was taken
 * @param stopped where and why reading the recording stopped before its end (a cut or corrupt
 *     line), or null when every line was read
 */
public record Replay(double speed, boolean paused, int index, int count, Duration position, Duration length,
        Instant time, String stopped) {

    /** What a replay key asks of the player. */
    public enum Control {
        /** Pause or resume playback. */ PAUSE,
        /** Show the next sample, paused. */ STEP_FORWARD,
        /** Show the previous sample, paused. */ STEP_BACK,
        /** Ten seconds later. */ SEEK_FORWARD,
        /** Ten seconds earlier. */ SEEK_BACK,
        /** A minute later. */ SEEK_FORWARD_LONG,
        /** A minute earlier. */ SEEK_BACK_LONG,
        /** The next speed: 1x, 2x, 10x. */ FASTER,
        /** The previous speed. */ SLOWER
    }

    /** Whether the last sample is on display. */
    public boolean atEnd() {
        return index >= count - 1;
    }
}
