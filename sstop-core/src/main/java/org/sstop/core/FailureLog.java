package org.sstop.core;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs repeated failures without flooding the log: the first failure of each kind at WARNING with
 * its stack trace, then at most one line a minute saying how many more there were. Used by one
 * thread (the sampler).
 */
final class FailureLog {

    static final long QUIET_NANOS = 60_000_000_000L;

    private final System.Logger log;
    private final LongSupplier nanoClock;
    private final Map<String, long[]> byKind = new HashMap<>();

    FailureLog(System.Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /**
     * Records one failure.
     *
     * @param kind what failed, e.g. "listener failed"
     * @return whether it was written to the log
     */
    boolean failed(String kind, Throwable error) {
        long now = nanoClock.getAsLong();
        long[] state = byKind.get(kind); // {last logged at, suppressed since}
        if (state == null) {
            byKind.put(kind, new long[] {now, 0});
            log.log(System.Logger.Level.WARNING, kind, error);
            return true;
        }
        if (now - state[0] < QUIET_NANOS) {
            state[1]++;
            return false;
        }
        log.log(System.Logger.Level.WARNING, kind + " (" + state[1] + " more times in the last minute, not logged)", error);
        state[0] = now;
        state[1] = 0;
        return true;
    }
}
