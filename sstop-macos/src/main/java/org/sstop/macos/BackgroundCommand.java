package org.sstop.macos;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command run over and over on an executor the backend owns, never on the caller's thread.
 * {@link #fetch()} starts a run if none is in flight and waits a short, bounded time for it: a
 * quick command answers in the same sample, a slow one answers at a later sample while the
 * caller carries on with what it had. A run that outlives its timeout is killed by the runner.
 * Not thread-safe: one sampling thread calls it.
 */
final class BackgroundCommand {

    /**
     * What one {@link #fetch()} found.
     *
     * @param result the finished run, or null when none finished within the wait
     * @param problem why there is no usable result (failed, timed out, still running), or null
     * @param pending whether the run is merely still going (not a failure)
     */
    record Outcome(CommandResult result, String problem, boolean pending) {
        boolean fresh() {
            return result != null && result.succeeded();
        }

        /**
         * Whether the output can be used although the exit status may be nonzero: lsof and ps exit
         * with 1 when some of what they were asked about is gone, and still print the rest. Output
         * cut at the heap's limit is never usable.
         */
        boolean usable() {
            return result != null && !result.timedOut() && !result.truncated()
                    && (result.exitCode() == 0 || !result.stdout().isBlank());
        }
    }

    private final ExecutorService executor;
    private final CommandRunner runner;
    private final List<String> command;
    private final Duration timeout;
    private final Duration wait;
    private Future<CommandResult> inFlight;

    /**
     * @param executor where the command runs (owned by the backend)
     * @param runner how it runs
     * @param command the command
     * @param timeout when the runner kills it
     * @param wait how long {@link #fetch()} waits for it on the caller's thread
     */
    BackgroundCommand(ExecutorService executor, CommandRunner runner, List<String> command, Duration timeout, Duration wait) {
        this.executor = executor;
        this.runner = runner;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.wait = wait;
    }

    /** The command line, for messages. */
    String commandLine() {
        return String.join(" ", command);
    }

    /** Starts a run if none is in flight, waits up to the wait budget, and reports. Never throws. */
    Outcome fetch() {
        return fetch(wait);
    }

    /**
     * Like {@link #fetch()} with another wait; {@link Duration#ZERO} only starts the run (or picks
     * up a finished one), for callers that can go on with what they have.
     */
    Outcome fetch(Duration wait) {
        if (inFlight == null) {
            try {
                inFlight = executor.submit(() -> runner.run(command, timeout));
            } catch (RejectedExecutionException e) {
                return new Outcome(null, commandLine() + ": backend closed", false);
            }
        }
        try {
            CommandResult r = inFlight.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            inFlight = null;
            return r.succeeded() ? new Outcome(r, null, false) : new Outcome(r, commandLine() + ": " + r.describeFailure(), false);
        } catch (TimeoutException e) {
            return new Outcome(null, commandLine() + ": still running, using the previous result", true);
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable c = e.getCause();
            return new Outcome(null, commandLine() + ": " + (c == null ? e : c).getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, commandLine() + ": interrupted", false);
        } catch (RuntimeException e) {
            inFlight = null;
            return new Outcome(null, commandLine() + ": " + e, false);
        }
    }
}
