package org.sstop.macos;

import java.util.Objects;

/**
 * How one command run ended.
 *
 * @param exitCode the exit status, or -1 when it was killed or did not finish
 * @param stdout what it printed on standard output (bounded by the runner)
 * @param stderr what it printed on standard error (bounded by the runner)
 * @param timedOut whether it was killed for running past its timeout
 */
record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    /** Requires the texts. */
    public CommandResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** A run that exited with status 0 and printed {@code stdout}. */
    public static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    /** Whether it finished in time with exit status 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** A short description of a failed run, for limitations and logs. */
    public String describeFailure() {
        if (timedOut) {
            return "timed out";
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
