package org.sstop.macos;

import java.util.Objects;

/**
 * How one command run ended.
 *
 * @param exitCode the exit status, or -1 when it was killed or did not finish
 * @param stdout what it printed on standard output (bounded by the runner)
 * @param stderr what it printed on standard error (bounded by the runner)
 * @param timedOut whether it was killed for running past its timeout
 * @param outputLimit 0 when stdout is complete; else the limit in bytes it was cut at (it printed
 *     more than the heap can hold, see {@link ProcessCommandRunner#maxOutput}): the output is
 *     then not used at all, a cut socket list would make sockets vanish and come back
 */
record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut, long outputLimit) {

    /** Requires the texts. */
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** A run whose output is complete. */
    public CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {
        this(exitCode, stdout, stderr, timedOut, 0);
    }

    /** Whether stdout was cut at {@link #outputLimit()}. */
    public boolean truncated() {
        return outputLimit > 0;
    }

    /** A run that exited with status 0 and printed {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    /** Whether it finished in time with exit status 0 and its whole output. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut && !truncated();
    }

    /** A short description of a failed run, for limitations and logs. */
    public String describeFailure() {
        if (timedOut) {
            return "timed out";
        }
        if (truncated()) {
            return "printed more than " + (outputLimit >> 20) + " MiB, more than sstop's heap ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB) can parse; output not used";
        }
        String err = stderr.strip();
        int nl = err.indexOf('\n');
        if (nl >= 0) {
            err = err.substring(0, nl);
        }
        if (err.length() > 120) {
            err = err.substring(0, 120);
        }
        return "exit status " + exitCode + (err.isEmpty() ? "" : ": " + err);
    }
}
