package org.sstop.macos;

import org.sstop.api.PermanentFailureException;

/**
 * Counts failed command runs in a row. A few failures are ridden out with the previous result;
 * a command that keeps failing is reported as a permanent failure, so that the engine moves to
 * the next tier instead of showing stale numbers as if they were live.
 */
final class FailureStreak {

    /** Failed runs in a row after which the backend gives up. */
    static final int LIMIT = 5;

    private int failures;

    void success() {
        failures = 0;
    }

    /**
     * Records a failed run.
     *
     * @param reason what failed
     * @throws PermanentFailureException at the {@value #LIMIT}th failure in a row
     */
    void failure(String reason) throws PermanentFailureException {
        if (++failures >= LIMIT) {
            throw new PermanentFailureException(reason + " (" + failures + " runs in a row)", null);
        }
    }
}
