package org.sstop.tui.state;

import java.time.Duration;
import java.util.List;

/** The refresh intervals {@code +} and {@code -} step through. */
public final class Refresh {

    /** The steps, shortest first. */
    public static final List<Duration> STEPS = List.of(Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private Refresh() {
    }

    /** The next longer step after {@code current} (itself at the end). */
    public static Duration longer(Duration current) {
        for (Duration d : STEPS) {
            if (d.compareTo(current) > 0) {
                return d;
            }
        }
        return current; // no step is longer: it is the longest, or beyond the steps
    }

    /** The next shorter step before {@code current} (itself at the start). */
    public static Duration shorter(Duration current) {
        for (int i = STEPS.size() - 1; i >= 0; i--) {
            if (STEPS.get(i).compareTo(current) < 0) {
                return STEPS.get(i);
            }
        }
        return current; // no step is shorter: it is the shortest, or below the steps
    }
}
