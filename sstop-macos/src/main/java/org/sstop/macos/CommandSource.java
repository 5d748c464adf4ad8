package org.sstop.macos;

import java.lang.System.Logger.Level;
import java.util.List;
import org.sstop.api.Backend;

/**
 * What the command-driven macOS backends share: the thread their commands run on, what limits
 * them now (a slow, failing or unreadable command), the run of failures after which they give
 * up, and the count of malformed lines skipped. Subclasses set {@link #problems} after each
 * sample, under their own lock.
 */
abstract class CommandSource implements Backend {

    private static final System.Logger LOG = System.getLogger(CommandSource.class.getName());

    final CommandBackend backend;
    final FailureStreak streak = new FailureStreak();
    /** What limits the last sample, in words; read from any thread. */
    volatile List<String> problems = List.of();
    private long badLines;

    /**
     * @param name thread name part, e.g. {@code netstat}
     * @param runner how commands run
     * @param timing timeouts
     */
    CommandSource(String name, CommandRunner runner, Timing timing) {
        this.backend = new CommandBackend(name, runner, timing.timeout(), timing.waitBudget());
    }

    /** Counts malformed lines a parse skipped. */
    final synchronized void skipped(String what, int lines) {
        if (lines > 0) {
            badLines += lines;
            LOG.log(Level.DEBUG, "{0}: skipped {1} malformed lines", what, lines);
        }
    }

    /** A parser bug must not take sampling down: logs it and says, in words, that the output was unreadable. */
    static String unreadable(String what, RuntimeException e) {
        LOG.log(Level.WARNING, "cannot parse the output of " + what, e);
        return what + ": unreadable output (" + e + ")";
    }

    /** Malformed lines skipped since the backend was opened. */
    final synchronized long badLines() {
        return badLines;
    }

    @Override
    public final List<String> limitations() {
        return problems;
    }

    @Override
    public final void close() {
        backend.close();
    }
}
