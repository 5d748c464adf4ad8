package org.sstop.macos;

import java.time.Duration;

/**
 * How long the macOS backends let their commands run.
 *
 * @param timeout a command running longer is killed
 * @param waitBudget how long a sample waits for a command's answer before going on with the previous
 *     one (the command keeps running in the background and answers at a later sample)
 */
record Timing(Duration timeout, Duration waitBudget) {

    /** The defaults: 2 s timeout, 250 ms wait. */
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(2), Duration.ofMillis(250));

    /** Validates. */
    public Timing {
        if (timeout.isNegative() || timeout.isZero() || waitBudget.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive and wait non-negative");
        }
    }
}
