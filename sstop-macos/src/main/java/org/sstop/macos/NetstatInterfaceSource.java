package org.sstop.macos;

import java.lang.System.Logger.Level;
import java.util.List;
import org.sstop.api.InterfaceCounters;
import org.sstop.api.InterfaceSource;
import org.sstop.api.PermanentFailureException;

/**
 * Per-interface counters from {@code netstat -i -b -n} (see {@link NetstatInterfaceParser}). A
 * failed or slow run returns the previous counters (cumulative, so nothing is lost) and says so
 * in {@link #limitations()}.
 */
final class NetstatInterfaceSource implements InterfaceSource {

    private static final System.Logger LOG = System.getLogger(NetstatInterfaceSource.class.getName());

    private final CommandBackend backend;
    private final BackgroundCommand netstat;
    private List<InterfaceCounters> last = List.of();
    private volatile List<String> problems = List.of();
    private final FailureStreak streak = new FailureStreak();

    /**
     * @param netstatPath path of netstat
     * @param runner how commands run
     * @param timing timeouts
     */
    public NetstatInterfaceSource(String netstatPath, CommandRunner runner, Timing timing) {
        this.backend = new CommandBackend("netstat-i", runner, timing.timeout(), timing.waitBudget());
        this.netstat = backend.command(List.of(netstatPath, "-i", "-b", "-n"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Only a command that fails {@value FailureStreak#LIMIT} runs in a row is thrown (as permanent).
     */
    @Override
    public synchronized List<InterfaceCounters> read() throws PermanentFailureException {
        BackgroundCommand.Outcome o = netstat.fetch();
        if (!o.fresh()) {
            problems = List.of(o.problem() + "; interface counters are from an earlier read");
            if (!o.pending()) {
                streak.failure(o.problem());
            }
            return last;
        }
        try {
            ParseResult<InterfaceCounters> r = NetstatInterfaceParser.parse(o.result().stdout());
            if (r.badLines() > 0) {
                LOG.log(Level.DEBUG, "netstat -ibn: skipped {0} malformed rows", r.badLines());
            }
            last = r.items();
            problems = List.of();
            streak.success();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot parse netstat -ibn output", e);
            problems = List.of("netstat -ibn: unreadable output (" + e + ")");
        }
        return last;
    }

    @Override
    public List<String> limitations() {
        return problems;
    }

    @Override
    public void close() {
        backend.close();
    }
}
